import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportDigest } from '#server/services/account-export.service';
import { EXPORT_LIMITS, type AccountExport } from '#shared/schemas/account-export.schema';
import { addWeeks } from '#shared/week';
import { expectRefusedUnchanged, expectTrpcError } from '../helpers/assertions';
import { countRows, rowsMentioning } from '../helpers/db-state';
import { addCoachInvite, addFocus, addReflection, linkCoach } from '../helpers/direct-rows';
import {
  anaAndBenWithHistory,
  connectCoach,
  LAST_WEEK,
  NEXT_WEEK,
  PASSWORD,
  signUpCoach,
  signUpPartner,
  THIS_WEEK,
  WEDNESDAY,
  type Couple,
} from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { sqlRow, sqlRows } from '../helpers/raw-sql';

let app: TestApp;
let couple: Couple;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
  couple = await anaAndBenWithHistory(app);
  await addReflection(app, couple.b.user.id, 'trust', 'Ben reflects', 'partner');
  await addFocus(app, couple.coupleId, couple.a.user.id, 'presence', '2026-W45', '2026-W46');
  await addFocus(app, couple.coupleId, couple.b.user.id, 'rituals', '2026-W47');
});
afterEach(async () => {
  await app.close();
});

/** An export with its checksum made anew, as anyone can: it gets past the checksum so later checks are tested. */
function forged(file: AccountExport, change: (body: Omit<AccountExport, 'integrity'>) => void): AccountExport {
  const { integrity, ...body } = structuredClone(file);
  change(body);
  expect(integrity).not.toBe(exportDigest(body));
  return { ...body, integrity: exportDigest(body) };
}

describe('account.export', () => {
  it('holds everything the caller wrote and nothing of the partner, never the password hash', async () => {
    const file = await (await couple.a.api()).account.export();
    expect(file).toMatchObject({
      format: 'tandem-export',
      version: 1,
      exportedAt: WEDNESDAY.toISOString(),
      user: { id: couple.a.user.id, email: couple.a.email, displayName: 'Ana', role: 'partner' },
      couple: { coupleId: couple.coupleId },
      coachNotes: [],
      coachFocuses: [],
    });
    expect(file.integrity).toMatch(/^sha256-/);
    expect(file.assessments).toEqual([
      expect.objectContaining({ week: LAST_WEEK, ratings: ratingsOf(4, { trust: 9 }), note: 'Ana, last week' }),
      expect.objectContaining({ week: THIS_WEEK, ratings: ratingsOf(7), note: null }),
    ]);
    expect(file.reflections).toEqual([
      expect.objectContaining({ practiceId: 'trust', body: 'What trust means to Ana', visibility: 'partner' }),
    ]);
    expect(file.focuses).toEqual([
      expect.objectContaining({
        coupleId: couple.coupleId,
        practiceId: 'presence',
        startWeek: '2026-W45',
        endWeek: '2026-W46',
      }),
    ]);
    const text = JSON.stringify(file);
    for (const foreign of ['Ben, private', 'Ben reflects', couple.b.user.id, 'scrypt$', 'password'])
      expect(text).not.toContain(foreign);
  });

  it("exports a coach's own notes and assigned focuses", async () => {
    const coach = await signUpCoach(app, 'Casey');
    await linkCoach(app, couple.coupleId, coach.user.id);
    const file = await (await coach.api()).account.export();
    expect(file).toMatchObject({
      user: { role: 'coach' },
      couple: null,
      assessments: [],
      coachNotes: [{ coupleId: couple.coupleId, body: 'First session went well' }],
      coachFocuses: [{ coupleId: couple.coupleId, practiceId: 'trust', note: 'Start small' }],
    });
  });
});

describe('account.import', () => {
  it('round-trips into a fresh account on another server: same check-ins, notes and reflections', async () => {
    const original = await (await couple.a.api()).account.export();
    const importedAt = new Date(WEDNESDAY.getTime() + 86_400_000).toISOString();
    const other = await createTestApp({}, new Date(importedAt));
    try {
      const fresh = await signUpPartner(other, 'Ana again');
      const api = await fresh.api();
      expect(await api.account.import(original)).toEqual({ imported: 2, reflections: 1 });
      const again = await api.account.export();
      // The file's creation times come back as information; every time the server stored is its own.
      expect(again.assessments).toEqual(original.assessments.map((a) => ({ ...a, updatedAt: importedAt })));
      expect(again.reflections).toEqual(original.reflections.map((r) => ({ ...r, updatedAt: importedAt })));
      const stored = await sqlRows(other, 'SELECT created_at, updated_at, ratings_changed_at FROM assessments');
      expect(stored).toEqual(
        original.assessments.map(() => ({
          created_at: importedAt,
          updated_at: importedAt,
          ratings_changed_at: importedAt,
        })),
      );
      expect(again.user).toMatchObject({ id: fresh.user.id, displayName: 'Ana again' });
      // The restored weeks are real check-ins: the dashboard and history read them.
      expect((await api.assessment.mine({ week: LAST_WEEK }))?.note).toBe('Ana, last week');
      // The focus history belongs to the old couple: not recreated.
      expect(await countRows(other, 'couple_focuses')).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('replaces weeks already present, keeps the others, and importing twice changes nothing more', async () => {
    const original = await (await couple.a.api()).account.export();
    const fresh = await signUpPartner(app, 'Fresh');
    const api = await fresh.api();
    const older = addWeeks(LAST_WEEK, -5);
    await api.assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(1), note: 'to be replaced' });
    await api.assessment.submit({ week: older, ratings: ratingsOf(2) });
    await api.account.import(original);
    await api.account.import(original);
    const after = await api.account.export();
    expect(after.assessments.map((a) => [a.week, a.note])).toEqual([
      [older, null],
      [LAST_WEEK, 'Ana, last week'],
      [THIS_WEEK, null],
    ]);
    expect(after.reflections).toHaveLength(1);
  });

  it('refuses a coach: imports restore check-ins, which only partners write', async () => {
    const file = await (await couple.a.api()).account.export();
    const coach = await signUpCoach(app);
    await expectRefusedUnchanged(app, async () => (await coach.api()).account.import(file), 'FORBIDDEN');
  });

  const refusals: [string, (file: AccountExport) => unknown, RegExp][] = [
    ['a JSON file that is not an export', () => ({ hello: 'world' }), /isn't a Tandem export/],
    ['an export of an unknown format version', (f) => ({ ...f, version: 2 }), /format version/],
    [
      'a file damaged after export (a rating changed)',
      (f) => ({ ...f, assessments: [{ ...f.assessments[0]!, ratings: ratingsOf(10) }, ...f.assessments.slice(1)] }),
      /checksum.*accidental damage/,
    ],
    ['a file whose checksum was removed', (f) => ({ ...f, integrity: undefined }), /integrity/],
    ['a rating of 11', (f) => forged(f, (b) => (b.assessments[0]!.ratings.trust = 11)), /at most 10/],
    ['a rating of 0', (f) => forged(f, (b) => (b.assessments[0]!.ratings.trust = 0)), /at least 1/],
    [
      'a missing rating',
      (f) =>
        forged(f, (b) => delete (b.assessments[0]!.ratings as Partial<(typeof b.assessments)[0]['ratings']>).trust),
      /trust/,
    ],
    ['a week that does not exist', (f) => forged(f, (b) => (b.assessments[0]!.week = '2026-W60')), /week/i],
    [
      'a week in the future',
      (f) => forged(f, (b) => (b.assessments[1]!.week = addWeeks(NEXT_WEEK, 1))),
      /has not started yet/,
    ],
    [
      'the same week twice',
      (f) => forged(f, (b) => (b.assessments[1]!.week = b.assessments[0]!.week)),
      /two check-ins for/,
    ],
    ['an unknown field', (f) => forged(f, (b) => Object.assign(b, { extra: true })), /extra|Unrecognized/i],
    [
      'an unknown practice in a reflection',
      (f) => forged(f, (b) => Object.assign(b.reflections[0]!, { practiceId: 'dancing' })),
      /practices/,
    ],
    ['a note over 2000 characters', (f) => forged(f, (b) => (b.assessments[0]!.note = 'x'.repeat(2001))), /2000/],
    [
      'too many check-ins',
      (f) =>
        forged(
          f,
          (b) => (b.assessments = Array.from({ length: EXPORT_LIMITS.assessments + 1 }, () => b.assessments[0]!)),
        ),
      /at most 4000 check-ins/,
    ],
  ];

  it.each(refusals)('refuses %s with a clear message and imports nothing', async (_label, make, message) => {
    const file = await (await couple.a.api()).account.export();
    const fresh = await signUpPartner(app, 'Fresh');
    const api = await fresh.api();
    const error = await expectRefusedUnchanged(
      app,
      () => api.account.import(make(file) as AccountExport),
      'BAD_REQUEST',
    );
    expect(error.message).toMatch(message);
  });

  it('imports nothing at all when the last of many weeks is refused', async () => {
    const file = await (await couple.a.api()).account.export();
    const bad = forged(file, (b) => {
      b.assessments = Array.from({ length: 900 }, (_, i) => ({
        ...b.assessments[0]!,
        week: addWeeks(LAST_WEEK, -i - 1),
      })).reverse();
      b.assessments.push({ ...b.assessments[0]!, week: addWeeks(NEXT_WEEK, 2) });
    });
    const fresh = await signUpPartner(app, 'Fresh');
    await expectRefusedUnchanged(app, async () => (await fresh.api()).account.import(bad), 'BAD_REQUEST');
    expect(await (await fresh.api()).account.export()).toMatchObject({ assessments: [], reflections: [] });
  });

  it('takes a long history: twenty years of weekly check-ins with notes', async () => {
    const file = await (await couple.a.api()).account.export();
    const big = forged(file, (b) => {
      b.assessments = Array.from({ length: 1040 }, (_, i) => ({
        ...b.assessments[0]!,
        week: addWeeks(LAST_WEEK, -i),
        note: `week ${i} ${'·'.repeat(1500)}`,
      })).reverse();
    });
    const fresh = await signUpPartner(app, 'Fresh');
    expect(await (await fresh.api()).account.import(big)).toEqual({ imported: 1040, reflections: 1 });
    expect(await countRows(app, 'assessments')).toBe(3 + 1040);
  });
});

describe('couple.leave', () => {
  it('keeps each person’s own history; from then on neither sees the other', async () => {
    const coach = await signUpCoach(app);
    await linkCoach(app, couple.coupleId, coach.user.id);
    await addCoachInvite(app, couple.coupleId, couple.b.user.id);
    const ben = await couple.b.api();
    expect(await ben.couple.leave({})).toEqual({ ok: true });

    const anaHistory = await (await couple.a.api()).assessment.history();
    expect(anaHistory.partners.map((p) => [p.displayName, p.entries.length])).toEqual([['Ana', 2]]);
    const benHistory = await (await couple.b.api()).assessment.history();
    expect(benHistory.partners.map((p) => [p.displayName, p.entries.length])).toEqual([['Ben', 1]]);
    expect(JSON.stringify(benHistory)).not.toContain(couple.a.user.id);
    await expectTrpcError((await couple.b.api()).couple.get(), 'NOT_FOUND');
    await expectTrpcError((await couple.b.api()).couple.get({ coupleId: couple.coupleId }), 'FORBIDDEN');
    expect((await (await couple.a.api()).couple.get()).partners.map((p) => p.displayName)).toEqual(['Ana']);

    // The couple, its coach link (now to Ana alone), the coach's notes and the focus history stay with Ana.
    expect(await countRows(app, 'coach_links')).toBe(1);
    expect(await countRows(app, 'couple_focuses')).toBe(2);
    // Reflections stay with their authors; shared ones are shown only within a couple, so Ana no longer sees Ben's.
    expect(await countRows(app, 'reflections')).toBe(2);
    // A coach code Ben made no longer opens Ana's data.
    const open = (await sqlRow(
      app,
      'SELECT count(*) AS n FROM coach_invites WHERE expires_at > ?',
      WEDNESDAY.toISOString(),
    )) as { n: number };
    expect(open.n).toBe(0);
    // Ben is free to start again.
    expect((await (await couple.b.api()).couple.create({})).coupleId).not.toBe(couple.coupleId);
  });

  it('leaves the coach with the partner who stayed, and a shared reflection with its author alone', async () => {
    const coach = await signUpCoach(app, 'Coach Casey');
    await connectCoach(couple, coach);
    const [ana, ben] = [await couple.a.api(), await couple.b.api()];
    const shared = await ben.reflection.save({
      practiceId: 'trust',
      body: 'What I keep meaning to say',
      visibility: 'partner_and_coach',
    });
    expect((await ana.reflection.list({ practiceId: 'trust' })).map((r) => r.id)).toContain(shared.id);
    expect((await (await coach.api()).reflection.list({ coupleId: couple.coupleId })).map((r) => r.id)).toContain(
      shared.id,
    );

    await ben.couple.leave({});

    const coachApi = await coach.api();
    const seen = await coachApi.assessment.history({ coupleId: couple.coupleId });
    expect(seen.partners.map((p) => p.userId)).toEqual([couple.a.user.id]);
    expect(JSON.stringify(await coachApi.dashboard.get({ coupleId: couple.coupleId, range: '12w' }))).not.toContain(
      couple.b.user.id,
    );
    expect((await coachApi.coach.roster()).map((row) => row.partners.map((p) => p.displayName))).toEqual([['Ana']]);
    expect(await coachApi.reflection.list({ coupleId: couple.coupleId })).toEqual([]);
    expect((await (await couple.a.api()).reflection.list({ practiceId: 'trust' })).map((r) => r.id)).not.toContain(
      shared.id,
    );
    // Ben still has it, as his own (a new caller: each request reads who the caller is afresh).
    expect((await (await couple.b.api()).reflection.list({ practiceId: 'trust' })).map((r) => r.id)).toContain(
      shared.id,
    );
  });

  it('deletes a couple its last member leaves, with its coach links, notes and focuses', async () => {
    const coach = await signUpCoach(app);
    await linkCoach(app, couple.coupleId, coach.user.id);
    await (await couple.b.api()).couple.leave({});
    await (await couple.a.api()).couple.leave();
    expect(await countRows(app, 'couples')).toBe(0);
    expect(
      (await countRows(app, 'coach_links')) +
        (await countRows(app, 'coach_notes')) +
        (await countRows(app, 'couple_focuses')),
    ).toBe(0);
    // Both keep every check-in and reflection they wrote.
    expect(await countRows(app, 'assessments')).toBe(3);
    expect(await countRows(app, 'reflections')).toBe(2);
  });

  it('refuses someone in no couple with CONFLICT, and a coach with FORBIDDEN, changing nothing', async () => {
    const loner = await signUpPartner(app);
    await expectRefusedUnchanged(app, async () => (await loner.api()).couple.leave({}), 'CONFLICT');
    const coach = await signUpCoach(app);
    await expectRefusedUnchanged(app, async () => (await coach.api()).couple.leave({}), 'FORBIDDEN');
  });
});

describe('account.delete', () => {
  it('refuses a wrong password with FORBIDDEN and a clear message, deleting nothing', async () => {
    const error = await expectRefusedUnchanged(
      app,
      async () => (await couple.b.api()).account.delete({ password: 'not my password' }),
      'FORBIDDEN',
    );
    expect(error.message).toContain('Nothing was deleted');
    expect((await (await couple.b.api()).auth.me())?.id).toBe(couple.b.user.id);
  });

  it('erases the person everywhere; the partner keeps their data; the email can sign up again', async () => {
    const coach = await signUpCoach(app);
    await linkCoach(app, couple.coupleId, coach.user.id);
    const secondBrowser = await app.client();
    await (await secondBrowser.api()).auth.login({ email: couple.b.email, password: PASSWORD });
    await (await couple.b.api()).assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(3), note: 'gone soon' });
    // A mistyped password before: the count of failures goes with the account.
    await expect(
      (await secondBrowser.api()).auth.login({ email: couple.b.email, password: `${PASSWORD}-typo` }),
    ).rejects.toThrow();
    expect(await sqlRows(app, 'SELECT id FROM failed_logins')).toHaveLength(1);

    expect(await (await couple.b.api()).account.delete({ password: PASSWORD })).toEqual({ ok: true });
    expect(await sqlRows(app, 'SELECT id FROM failed_logins')).toEqual([]);
    expect(couple.b.client.jar.token).toBeUndefined();
    expect(await rowsMentioning(app, couple.b.user.id)).toEqual([]);
    expect(await (await secondBrowser.api()).auth.me()).toBeNull();
    // The focus Ben adopted stays with the couple, without his name on it.
    expect(await sqlRow(app, "SELECT adopted_by FROM couple_focuses WHERE practice_id = 'rituals'")).toEqual({
      adopted_by: null,
    });

    const ana = await couple.a.api();
    expect((await ana.couple.get()).partners.map((p) => p.displayName)).toEqual(['Ana']);
    expect((await ana.account.export()).assessments).toHaveLength(2);
    expect(await countRows(app, 'coach_links')).toBe(1);

    const again = await (await app.client()).api();
    expect(
      await again.auth.signup({ email: couple.b.email, password: PASSWORD, displayName: 'Ben anew', role: 'partner' }),
    ).toMatchObject({ email: couple.b.email, coupleId: null });
  });

  it('deletes the couple with its last member', async () => {
    await (await couple.b.api()).account.delete({ password: PASSWORD });
    await (await couple.a.api()).account.delete({ password: PASSWORD });
    expect(await countRows(app, 'users')).toBe(0);
    expect(await countRows(app, 'couples')).toBe(0);
    expect(
      (await countRows(app, 'sessions')) +
        (await countRows(app, 'assessments')) +
        (await countRows(app, 'reflections')) +
        (await countRows(app, 'couple_focuses')),
    ).toBe(0);
  });

  it("erases a coach: the couple loses the link, and its access log keeps when a coach looked, not the coach's name", async () => {
    const coach = await signUpCoach(app, 'Casey');
    await linkCoach(app, couple.coupleId, coach.user.id, 'Casey');
    const otherCoach = await signUpCoach(app, 'Cleo');
    await linkCoach(app, couple.coupleId, otherCoach.user.id, 'Cleo');
    await (await coach.api()).account.delete({ password: PASSWORD });
    expect(await countRows(app, 'coach_links')).toBe(1);
    expect(await sqlRow(app, 'SELECT count(*) AS n FROM coach_notes WHERE coach_id = ?', coach.user.id)).toEqual({
      n: 0,
    });
    expect(await sqlRows(app, 'SELECT coach_id, coach_name FROM coach_access_log ORDER BY coach_name')).toEqual([
      { coach_id: otherCoach.user.id, coach_name: 'Cleo' },
      { coach_id: null, coach_name: 'a former coach' },
    ]);
    const log = await (await couple.a.api()).couple.coachAccessLog();
    expect(log.map((row) => [row.coachId, row.coachName]).sort()).toEqual(
      [
        [null, 'a former coach'],
        [otherCoach.user.id, 'Cleo'],
      ].sort(),
    );
  });

  it('stops guessing: wrong passwords here and at login count together, and after ten even the right one waits', async () => {
    const ben = await couple.b.api();
    // Four here stay under the five checks a minute each session and account may make; six more at the login page.
    for (let i = 0; i < 4; i++) await expectTrpcError(ben.account.delete({ password: `guess ${i}` }), 'FORBIDDEN');
    const anonymous = await (await app.client()).api();
    for (let i = 4; i < 10; i++)
      await expectTrpcError(anonymous.auth.login({ email: couple.b.email, password: `guess ${i}` }), 'UNAUTHORIZED');
    const error = await expectRefusedUnchanged(
      app,
      () => ben.account.delete({ password: PASSWORD }),
      'TOO_MANY_REQUESTS',
    );
    expect(error.message).toContain('15 minutes');
  });
});
