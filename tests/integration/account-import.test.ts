import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TooMany } from '#server/errors';
import { STORED_TEXT_LIMIT_BYTES } from '#server/services/storage-quota.service';
import type { AccountExport } from '#shared/schemas/account-export.schema';
import { editedExport } from '../helpers/edited-export';
import { expectRefusedUnchanged, expectTrpcError } from '../helpers/assertions';
import { countRows, snapshot } from '../helpers/db-state';
import { addReflection, linkCoach } from '../helpers/direct-rows';
import { anaAndBenWithHistory, signUpCoach, signUpPartner, WEDNESDAY, type Couple } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { sqlRow, sqlRows } from '../helpers/raw-sql';

// Import treats every file as untrusted input: what it writes is judged as the live procedures judge it, it is
// written into the caller's own account at the server's time, and it is rationed per account.

let app: TestApp;
let couple: Couple;
let anaFile: AccountExport;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
  couple = await anaAndBenWithHistory(app);
  anaFile = await (await couple.a.api()).account.export();
});
afterEach(async () => {
  await app.close();
});

let minute = 0;
/** A minute later each time, so a time the server writes always differs from the one before. */
const later = () => app.setNow(new Date(WEDNESDAY.getTime() + ++minute * 60_000));

const freshPartner = async () => (await signUpPartner(app, 'Fresh')).api();

describe('who may import, and how often', () => {
  it('refuses a demo account with FORBIDDEN and a message saying so, importing nothing', async () => {
    const visitor = await app.client();
    await (await visitor.api()).demo.start();
    const error = await expectRefusedUnchanged(
      app,
      async () => (await visitor.api()).account.import(anaFile),
      'FORBIDDEN',
    );
    expect(error.message).toMatch(/demo account cannot import/);
  });

  it('writes at most three imports an hour per account, then answers 429 with a time to wait', async () => {
    const api = await freshPartner();
    for (let i = 0; i < 3; i++) await api.account.import(anaFile);
    const error = await expectRefusedUnchanged(app, () => api.account.import(anaFile), 'TOO_MANY_REQUESTS');
    expect(error.cause).toBeInstanceOf(TooMany);
    expect((error.cause as TooMany).retryAfterSeconds).toBeGreaterThan(60);
    // Counted per account: someone else still imports.
    await expect((await freshPartner()).account.import(anaFile)).resolves.toEqual({ imported: 2, reflections: 1 });
  });

  it('counts refused files as attempts: a typo leaves tries, a stream of bad files is stopped before the file is read', async () => {
    const careful = await freshPartner();
    await expectTrpcError(careful.account.import({ ...anaFile, exportedAt: 'yesterday' }), 'BAD_REQUEST');
    for (let i = 0; i < 3; i++) await careful.account.import(anaFile);

    const hostile = await freshPartner();
    for (let i = 0; i < 10; i++)
      await expectTrpcError(hostile.account.import({ ...anaFile, assessments: [] }), 'BAD_REQUEST');
    // Refused before the input is looked at: even a file that is no export at all hears 429, not 400.
    await expectRefusedUnchanged(app, () => hostile.account.import({} as AccountExport), 'TOO_MANY_REQUESTS');
    await expectRefusedUnchanged(app, () => hostile.account.import(anaFile), 'TOO_MANY_REQUESTS');
  });
});

describe('importing the same file again', () => {
  it('changes nothing, not a row and not a time, nor when only the times in the file were edited', async () => {
    const fresh = await freshPartner();
    later();
    await fresh.account.import(anaFile);
    const once = await snapshot(app);
    later();
    await fresh.account.import(anaFile);
    expect(await snapshot(app)).toEqual(once);
    later();
    const retimed = editedExport(anaFile, (b) => {
      for (const item of [...b.assessments, ...b.reflections]) {
        item.createdAt = '2020-01-01T00:00:00.000Z';
        item.updatedAt = '2021-01-01T00:00:00.000Z';
      }
    });
    await fresh.account.import(retimed);
    expect(await snapshot(app)).toEqual(once);
  });

  it("leaves a week with the same ratings and note untouched: the author's own export changes no time", async () => {
    const ana = await couple.a.api();
    const before = await snapshot(app);
    later();
    expect(await ana.account.import(anaFile)).toEqual({ imported: 2, reflections: 1 });
    expect(await snapshot(app)).toEqual(before);
  });

  it('knows a reflection by its practice and words: one with other times or twice in the file is added once', async () => {
    const doubled = editedExport(anaFile, (b) => {
      b.reflections.push(
        { ...b.reflections[0]!, createdAt: '2026-01-01T00:00:00.000Z' },
        { ...b.reflections[0]!, practiceId: 'rituals' },
      );
    });
    const fresh = await freshPartner();
    expect(await fresh.account.import(doubled)).toEqual({ imported: 2, reflections: 2 });
    expect((await fresh.account.export()).reflections.map((r) => r.practiceId).sort()).toEqual(['rituals', 'trust']);
  });
});

describe('a hand-edited file with a recomputed checksum', () => {
  const longest = { note: 'n'.repeat(2000), reflection: 'r'.repeat(4000) };

  it('is accepted within the live limits, text trimmed as the live procedures trim it', async () => {
    const file = editedExport(anaFile, (b) => {
      b.assessments[0]!.note = `  ${longest.note}\n`;
      b.reflections[0]!.body = `${longest.reflection}  `;
    });
    const fresh = await freshPartner();
    await fresh.account.import(file);
    const stored = await fresh.account.export();
    expect(stored.assessments[0]!.note).toBe(longest.note);
    expect(stored.reflections[0]!.body).toBe(longest.reflection);
  });

  const refusals: [string, (b: Omit<AccountExport, 'integrity'>) => void, RegExp][] = [
    [
      'a reflection of 4001 characters (reflection.save keeps 4000)',
      (b) => (b.reflections[0]!.body = 'r'.repeat(4001)),
      /Keep a reflection to 4000 characters/,
    ],
    ['a blank reflection', (b) => (b.reflections[0]!.body = '   '), /Write a few words first/],
    [
      'a note of 2001 characters',
      (b) => (b.assessments[0]!.note = 'n'.repeat(2001)),
      /Keep the note to 2000 characters/,
    ],
    ['a NUL in a note', (b) => (b.assessments[0]!.note = 'fine\u0000hidden'), /Remove the invisible control character/],
    [
      'a lone surrogate in a reflection',
      (b) => (b.reflections[0]!.body = 'half an emoji \uD83D'),
      /Remove .* broken symbol/,
    ],
    [
      'a coach note of 5001 characters',
      (b) =>
        b.coachNotes.push({
          coupleId: 'c',
          body: 'c'.repeat(5001),
          createdAt: '2026-11-01T00:00:00.000Z',
          updatedAt: '2026-11-01T00:00:00.000Z',
        }),
      /A note holds at most 5000/,
    ],
    [
      'a focus note of 501 characters',
      (b) =>
        b.coachFocuses.push({
          coupleId: 'c',
          practiceId: 'trust',
          note: 'f'.repeat(501),
          assignedAt: '2026-11-01T00:00:00.000Z',
        }),
      /Keep the note to 500/,
    ],
    [
      'a lone surrogate in a coach note',
      (b) =>
        b.coachNotes.push({
          coupleId: 'c',
          body: '\uDC00',
          createdAt: '2026-11-01T00:00:00.000Z',
          updatedAt: '2026-11-01T00:00:00.000Z',
        }),
      /Remove/,
    ],
    [
      'an unknown visibility',
      (b) => Object.assign(b.reflections[0]!, { visibility: 'everyone' }),
      /Choose who may read it/,
    ],
    [
      'a date that does not exist (February 30th)',
      (b) => (b.assessments[0]!.createdAt = '2026-02-30T10:00:00.000Z'),
      /on a date that exists/,
    ],
    [
      'the 24th hour of a day',
      (b) => (b.reflections[0]!.updatedAt = '2026-11-01T24:00:00.000Z'),
      /on a date that exists/,
    ],
    [
      'a creation time far in the future',
      (b) => (b.assessments[1]!.createdAt = '9999-12-31T23:59:59.999Z'),
      /9999-12-31T23:59:59\.999Z .*later than now/,
    ],
    [
      'an export made a second from now',
      (b) => (b.exportedAt = new Date(WEDNESDAY.getTime() + 1000).toISOString()),
      /later than now/,
    ],
    [
      'a focus that ends in the future',
      (b) => (b.focuses[0] = { ...b.focuses[0]!, endedAt: '2027-01-01T00:00:00.000Z' }),
      /2027-01-01T00:00:00\.000Z .*later than now/,
    ],
  ];

  it.each(refusals)('is refused with 400 for %s, and imports nothing', async (_label, change, message) => {
    const file = editedExport(anaFile, (b) => {
      b.focuses = [
        {
          coupleId: 'c',
          practiceId: 'presence',
          startWeek: '2026-W40',
          endWeek: '2026-W41',
          adoptedAt: '2026-10-01T00:00:00.000Z',
          endedAt: '2026-10-08T00:00:00.000Z',
        },
      ];
      change(b);
    });
    const fresh = await freshPartner();
    const error = await expectRefusedUnchanged(app, () => fresh.account.import(file), 'BAD_REQUEST');
    expect(error.message).toMatch(message);
  });

  it("is written into the caller's own account only, whoever the file names", async () => {
    const ben = couple.b.user;
    const claimsBen = editedExport(anaFile, (b) => {
      b.user = { ...b.user, id: ben.id, email: couple.b.email, displayName: 'Ben' };
      b.couple = { coupleId: couple.coupleId, joinedAt: b.couple!.joinedAt };
    });
    const bensRows = async () =>
      await sqlRows(app, 'SELECT * FROM assessments WHERE user_id = ? ORDER BY week', ben.id);
    const before = await bensRows();
    const fresh = await signUpPartner(app, 'Fresh');
    expect(await (await fresh.api()).account.import(claimsBen)).toEqual({ imported: 2, reflections: 1 });
    expect(await bensRows()).toEqual(before);
    expect(await sqlRow(app, 'SELECT count(*) AS n FROM assessments WHERE user_id = ?', fresh.user.id)).toEqual({
      n: 2,
    });
    expect((await (await fresh.api()).auth.me())?.coupleId).toBeNull();
  });

  it('is refused with a message about accidental damage when its checksum does not match', async () => {
    const damaged = { ...anaFile, reflections: [{ ...anaFile.reflections[0]!, body: 'What trust means to Ana!' }] };
    const fresh = await freshPartner();
    const error = await expectRefusedUnchanged(app, () => fresh.account.import(damaged), 'BAD_REQUEST');
    expect(error.message).toMatch(/damaged: its checksum, which guards against accidental damage/);
  });
});

describe('reminder settings', () => {
  const SAVED = {
    enabled: true,
    weekday: 3 as const,
    time: '07:45',
    timeZone: 'Europe/Berlin',
    email: { weeklyReminder: true, partnerCheckedIn: false, bothAnswered: true, coachDigest: false },
  };

  it('travel in the export once saved, come back with an import, and the same file again changes nothing', async () => {
    // Never saved: the export carries none, and an import of it writes none.
    expect(anaFile.reminders).toBeUndefined();
    const ana = await couple.a.api();
    await ana.reminder.set(SAVED);
    const file = await ana.account.export();
    expect(file.reminders).toEqual(SAVED);

    const fresh = await freshPartner();
    later();
    await fresh.account.import(file);
    expect(await fresh.reminder.get()).toEqual(SAVED);
    later();
    const once = await snapshot(app);
    await fresh.account.import(file);
    await fresh.account.import(await fresh.account.export());
    expect(await snapshot(app)).toEqual(once);

    // Settings saved before are replaced by the file's, as a save in Settings would.
    const other = await freshPartner();
    await other.reminder.set({ ...SAVED, enabled: false, time: '21:00' });
    await other.account.import(file);
    expect(await other.reminder.get()).toEqual(SAVED);
  });

  it("are judged as reminder.set judges them: a coach's summary for a partner, or a wrong time, imports nothing", async () => {
    const fresh = await freshPartner();
    for (const [reminders, message] of [
      [{ ...SAVED, email: { ...SAVED.email, coachDigest: true } }, /reminder settings cannot be kept.*coachDigest/],
      [
        { ...SAVED, timeZone: 'Mars/Olympus_Mons', email: { ...SAVED.email, coachDigest: true } },
        /reminder settings cannot be kept.*coachDigest/,
      ],
      [{ ...SAVED, time: '24:00' }, /time/],
      [{ ...SAVED, timeZone: 'x'.repeat(65) }, /time zone name is too long/],
      [{ ...SAVED, timeZone: 'Europe/Ber\u0000lin' }, /not the name of a time zone/],
      [{ ...SAVED, timeZone: '' }, /not the name of a time zone/],
    ] as const) {
      const file = editedExport(anaFile, (b) => (b.reminders = reminders as typeof SAVED));
      const error = await expectRefusedUnchanged(app, () => fresh.account.import(file), 'BAD_REQUEST');
      expect(error.message).toMatch(message);
    }
  });

  it('in a zone this server does not know, stay as they were, and the rest of the file is imported', async () => {
    const fresh = await freshPartner();
    const own = { ...SAVED, enabled: false, time: '21:00' };
    await fresh.reminder.set(own);
    // An export from a server whose runtime knows a newer zone: the file cannot be edited (its checksum) to drop it.
    const file = editedExport(anaFile, (b) => (b.reminders = { ...SAVED, timeZone: 'Mars/Olympus_Mons' }));
    await expect(fresh.account.import(file)).resolves.toEqual({
      imported: anaFile.assessments.length,
      reflections: 1,
      unknownTimeZone: 'Mars/Olympus_Mons',
    });
    expect(await fresh.reminder.get()).toEqual(own);
    expect((await fresh.account.export()).assessments).toHaveLength(anaFile.assessments.length);
  });
});

describe('the ceiling on stored text', () => {
  /** Stored text of this person up to `free` bytes short of the ceiling, written straight into the table. */
  const fillUpTo = async (userId: string, free: number) =>
    addReflection(app, userId, 'patience', 'x'.repeat(STORED_TEXT_LIMIT_BYTES - free));

  it('refuses an import that would take the text past it with 413, and imports nothing', async () => {
    const fresh = await signUpPartner(app, 'Fresh');
    await fillUpTo(fresh.user.id, 20);
    const error = await expectRefusedUnchanged(
      app,
      async () => (await fresh.api()).account.import(anaFile),
      'PAYLOAD_TOO_LARGE',
    );
    expect(error.message).toMatch(/Nothing was imported: this would take the text kept in your account past 5 MiB/);
    // A file that adds no text still imports: the check-ins without notes, the reflection already there.
    const noText = editedExport(anaFile, (b) => (b.assessments = b.assessments.filter((a) => a.note === null)));
    await addReflection(app, fresh.user.id, 'trust', 'What trust means to Ana');
    await expect((await fresh.api()).account.import(noText)).resolves.toEqual({ imported: 1, reflections: 1 });
  });

  it("counts a coach's notes toward the coach, not the couple", async () => {
    const coach = await signUpCoach(app);
    await linkCoach(app, couple.coupleId, coach.user.id);
    await app.database.db
      .updateTable('coach_notes')
      .set({ body: 'c'.repeat(STORED_TEXT_LIMIT_BYTES) })
      .execute();
    await (await couple.a.api()).reflection.save({ practiceId: 'trust', body: 'Still room for Ana' });
    expect(await countRows(app, 'reflections')).toBe(2);
  });
});
