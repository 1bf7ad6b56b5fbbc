import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInKeys } from '#server/repositories/assessments.repository';
import { PRACTICE_IDS } from '#shared/practices';
import { expectRefusedUnchanged } from '../helpers/assertions';
import { countRows } from '../helpers/db-state';
import {
  LAST_WEEK,
  NEXT_WEEK,
  pairedCouple,
  signUpPartner,
  THIS_WEEK,
  WEDNESDAY,
  type Couple,
} from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import { createTestApp, type Caller, type TestApp } from '../helpers/test-app';

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
});
afterEach(async () => {
  await app.close();
});

const submit = async (api: Caller, week: string, value: number, note?: string) =>
  api.assessment.submit({ week, ratings: ratingsOf(value), ...(note === undefined ? {} : { note }) });

const entriesOf = (history: Awaited<ReturnType<Caller['assessment']['history']>>, userId: string) =>
  history.partners.find((p) => p.userId === userId)!.entries;

describe('assessment.submit', () => {
  it('stores a check-in and gives it back through mine', async () => {
    const api = await (await signUpPartner(app)).api();
    const ratings = ratingsOf(6, { trust: 9, patience: 2 });
    const saved = await api.assessment.submit({ week: THIS_WEEK, ratings, note: '  A calm week.  ' });
    expect(saved).toEqual({ week: THIS_WEEK, ratings, note: 'A calm week.', updatedAt: WEDNESDAY.toISOString() });
    expect(await api.assessment.mine({ week: THIS_WEEK })).toEqual(saved);
    expect(await api.assessment.mine({ week: LAST_WEEK })).toBeNull();
  });

  it.each([
    ['no note', undefined, null],
    ['a null note', null, null],
    ['a blank note', '   \n ', null],
    ['a note of 2000 characters', 'n'.repeat(2000), 'n'.repeat(2000)],
  ])('accepts %s', async (_label, note, stored) => {
    const api = await (await signUpPartner(app)).api();
    const saved = await api.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(5), note });
    expect(saved.note).toBe(stored);
  });

  it("takes a copy kept on a device only from its author's session (forUserId)", async () => {
    const [alex, blake] = [await signUpPartner(app, 'Alex'), await signUpPartner(app, 'Blake')];
    const kept = { week: THIS_WEEK, ratings: ratingsOf(4), note: "Alex's own words" };
    // The phone's session became Blake's since Alex's copy was made: refused as for a lost session, nothing stored.
    const error = await expectRefusedUnchanged(
      app,
      async () => (await blake.api()).assessment.submit({ ...kept, forUserId: alex.user.id }),
      'UNAUTHORIZED',
    );
    expect(error.message).toMatch(/not signed in here now/);
    await expectRefusedUnchanged(
      app,
      async () => (await blake.api()).assessment.submit({ ...kept, forUserId: 'x'.repeat(65) }),
      'BAD_REQUEST',
    );
    // From its author, it is an ordinary check-in.
    expect(await (await alex.api()).assessment.submit({ ...kept, forUserId: alex.user.id })).toMatchObject({
      note: "Alex's own words",
    });
    expect(await (await blake.api()).assessment.mine({ week: THIS_WEEK })).toBeNull();
  });

  it('replaces the week when submitted again: one row, new values', async () => {
    const person = await signUpPartner(app);
    await submit(await person.api(), THIS_WEEK, 3, 'first');
    app.setNow(new Date(WEDNESDAY.getTime() + 3_600_000));
    const second = await (
      await person.api()
    ).assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(8, { empathy: 1 }) });
    expect(second).toEqual({
      week: THIS_WEEK,
      ratings: ratingsOf(8, { empathy: 1 }),
      note: null,
      updatedAt: '2026-11-25T13:00:00.000Z',
    });
    expect(await countRows(app, 'assessments')).toBe(1);
    expect(await (await person.api()).assessment.mine({ week: THIS_WEEK })).toEqual(second);
  });

  it.each([
    ['a rating of 0', { ratings: ratingsOf(5, { trust: 0 }) }],
    ['a rating of 11', { ratings: ratingsOf(5, { trust: 11 }) }],
    ['a rating of 5.5', { ratings: ratingsOf(5, { trust: 5.5 }) }],
    ['a rating of -3', { ratings: ratingsOf(5, { trust: -3 }) }],
    ['a rating as a string', { ratings: { ...ratingsOf(5), trust: '5' } }],
    ['a null rating', { ratings: { ...ratingsOf(5), trust: null } }],
    ['a missing practice', { ratings: Object.fromEntries(PRACTICE_IDS.slice(1).map((id) => [id, 5])) }],
    ['no ratings at all', { ratings: {} }],
    ['an unknown practice', { ratings: { ...ratingsOf(5), honesty: 5 } }],
    ['an unknown top-level key', { mood: 'good' }],
    ['a note of 2001 characters', { note: 'n'.repeat(2001) }],
    ['a note of a megabyte', { note: 'n'.repeat(1_000_000) }],
    ['week 2026-W00', { week: '2026-W00' }],
    ['week 2025-W53', { week: '2025-W53' }],
    ['week 2026-W1', { week: '2026-W1' }],
    ['week 2026W48', { week: '2026W48' }],
    ['week abcd-W10', { week: 'abcd-W10' }],
    ['a missing week', { week: undefined }],
    ['a coupleId', { coupleId: 'anything' }],
    ['next week, on a Wednesday', { week: NEXT_WEEK }],
    ['a week years ahead', { week: '2030-W10' }],
  ])('refuses %s with BAD_REQUEST and keeps the stored week', async (_label, change) => {
    const person = await signUpPartner(app);
    await submit(await person.api(), THIS_WEEK, 4, 'kept');
    const api = await person.api();
    const input = { week: THIS_WEEK, ratings: ratingsOf(9), note: 'replaced?', ...change };
    await expectRefusedUnchanged(app, () => api.assessment.submit(input as never), 'BAD_REQUEST');
    expect(await api.assessment.mine({ week: THIS_WEEK })).toMatchObject({ ratings: ratingsOf(4), note: 'kept' });
  });

  it.each([
    ['last week', LAST_WEEK],
    ['a week long ago, in a 53-week year', '2020-W53'],
  ])('accepts %s', async (_label, week) => {
    const api = await (await signUpPartner(app)).api();
    await expect(submit(api, week, 7)).resolves.toMatchObject({ week });
  });

  it.each([
    ['Sunday 12:00 UTC, when Monday has begun in UTC+14', '2026-11-29T12:00:00Z', true],
    ['Sunday 10:00 UTC, the first instant of Monday in UTC+14', '2026-11-29T10:00:00Z', true],
    ['Sunday 09:00 UTC, still Sunday everywhere', '2026-11-29T09:00:00Z', false],
  ])('next week at %s: accepted %s', async (_label, iso, accepted) => {
    const person = await signUpPartner(app);
    app.setNow(new Date(iso));
    const api = await person.api();
    if (accepted) {
      await expect(submit(api, NEXT_WEEK, 6)).resolves.toMatchObject({ week: NEXT_WEEK });
      expect(await countRows(app, 'assessments')).toBe(1);
    } else {
      await expectRefusedUnchanged(app, () => submit(api, NEXT_WEEK, 6), 'BAD_REQUEST');
    }
  });
});

describe('assessment.history: who sees what', () => {
  let couple: Couple;
  beforeEach(async () => {
    couple = await pairedCouple(app);
  });

  it("hides a partner's entry for this week until both have submitted", async () => {
    const { a, b } = couple;
    await submit(await a.api(), THIS_WEEK, 7, 'only mine');
    const seenByB = await (await b.api()).assessment.history();
    expect(entriesOf(seenByB, a.user.id)).toEqual([]);
    const seenByA = await (await a.api()).assessment.history();
    expect(entriesOf(seenByA, a.user.id)).toEqual([
      { week: THIS_WEEK, ratings: ratingsOf(7), note: 'only mine', changedAfterBothAnswered: false },
    ]);

    // Who has submitted is visible, what they rated is not.
    const status = await (await b.api()).assessment.weekStatus();
    expect(status.week).toBe(THIS_WEEK);
    expect(status.partners).toHaveLength(2);
    expect(status.partners).toEqual(
      expect.arrayContaining([
        { userId: a.user.id, displayName: 'Ana', submitted: true },
        { userId: b.user.id, displayName: 'Ben', submitted: false },
      ]),
    );
    expect(JSON.stringify(status)).not.toContain('only mine');
  });

  it('shows both entries once both have submitted, never with the other one’s note', async () => {
    const { a, b } = couple;
    await submit(await a.api(), THIS_WEEK, 7, 'note of a');
    await submit(await b.api(), THIS_WEEK, 3, 'note of b');
    for (const [viewer, other, ownValue, ownNote, otherValue] of [
      [a, b, 7, 'note of a', 3],
      [b, a, 3, 'note of b', 7],
    ] as const) {
      const history = await (await viewer.api()).assessment.history();
      expect(history.partners.map((p) => p.userId).sort()).toEqual([a.user.id, b.user.id].sort());
      expect(entriesOf(history, viewer.user.id)).toEqual([
        { week: THIS_WEEK, ratings: ratingsOf(ownValue), note: ownNote, changedAfterBothAnswered: false },
      ]);
      const [entry] = entriesOf(history, other.user.id);
      expect(entry).toEqual({ week: THIS_WEEK, ratings: ratingsOf(otherValue), changedAfterBothAnswered: false });
      expect(entry).not.toHaveProperty('note');
      expect(JSON.stringify(history)).not.toContain(viewer === a ? 'note of b' : 'note of a');
    }
  });

  it('carries note on own entries even when it is null', async () => {
    await submit(await couple.a.api(), LAST_WEEK, 5);
    const [entry] = entriesOf(await (await couple.a.api()).assessment.history(), couple.a.user.id);
    expect(entry).toEqual({ week: LAST_WEEK, ratings: ratingsOf(5), note: null, changedAfterBothAnswered: false });
  });

  it('shows a lone entry once the week has ended everywhere', async () => {
    const { a, b } = couple;
    await submit(await a.api(), THIS_WEEK, 8, 'secret');
    app.setNow(new Date('2026-11-30T11:59:59.999Z'));
    expect(entriesOf(await (await b.api()).assessment.history(), a.user.id)).toEqual([]);
    app.setNow(new Date('2026-11-30T12:00:00.000Z'));
    const entries = entriesOf(await (await b.api()).assessment.history(), a.user.id);
    expect(entries).toEqual([{ week: THIS_WEEK, ratings: ratingsOf(8), changedAfterBothAnswered: false }]);
    expect(entries[0]).not.toHaveProperty('note');
  });

  it('shows a lone entry for a week that has already ended at once', async () => {
    await submit(await couple.a.api(), LAST_WEEK, 2, 'late');
    expect(entriesOf(await (await couple.b.api()).assessment.history(), couple.a.user.id)).toEqual([
      { week: LAST_WEEK, ratings: ratingsOf(2), changedAfterBothAnswered: false },
    ]);
  });

  it("hides a partner's early entry for next week too", async () => {
    app.setNow(new Date('2026-11-29T12:00:00Z'));
    await submit(await couple.a.api(), NEXT_WEEK, 9);
    expect(entriesOf(await (await couple.b.api()).assessment.history(), couple.a.user.id)).toEqual([]);
  });

  it('lists entries oldest first and filters by fromWeek and toWeek', async () => {
    const { a, b } = couple;
    for (const week of ['2026-W46', '2026-W44', '2026-W47', '2026-W45']) {
      await submit(await a.api(), week, Number(week.slice(-2)) - 40);
      await submit(await b.api(), week, Number(week.slice(-2)) - 38);
    }
    const all = await (await a.api()).assessment.history();
    expect(entriesOf(all, b.user.id).map((e) => e.week)).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47']);

    const range = await (await b.api()).assessment.history({ fromWeek: '2026-W45', toWeek: '2026-W46' });
    for (const partner of range.partners) expect(partner.entries.map((e) => e.week)).toEqual(['2026-W45', '2026-W46']);
    expect(entriesOf(range, a.user.id).map((e) => e.ratings.trust)).toEqual([5, 6]);

    const from = await (await b.api()).assessment.history({ fromWeek: '2026-W47' });
    expect(entriesOf(from, a.user.id).map((e) => e.week)).toEqual(['2026-W47']);
    const to = await (await b.api()).assessment.history({ toWeek: '2026-W44' });
    expect(entriesOf(to, a.user.id).map((e) => e.week)).toEqual(['2026-W44']);
  });

  it.each([
    ['fromWeek after toWeek', { fromWeek: '2026-W47', toWeek: '2026-W45' }],
    ['a bad week', { fromWeek: '2026-W54' }],
    ['an unknown key', { week: THIS_WEEK }],
  ])('refuses %s with BAD_REQUEST', async (_label, input) => {
    const api = await couple.a.api();
    await expectRefusedUnchanged(app, () => api.assessment.history(input as never), 'BAD_REQUEST');
  });
});

describe('before pairing', () => {
  it('a lone partner sees only their own history and status', async () => {
    const solo = await signUpPartner(app, 'Solo');
    await submit(await solo.api(), THIS_WEEK, 6, 'mine');
    const api = await solo.api();
    expect(await api.assessment.history()).toEqual({
      partners: [
        {
          userId: solo.user.id,
          displayName: 'Solo',
          entries: [{ week: THIS_WEEK, ratings: ratingsOf(6), note: 'mine', changedAfterBothAnswered: false }],
        },
      ],
    });
    expect(await api.assessment.weekStatus({ week: THIS_WEEK })).toEqual({
      week: THIS_WEEK,
      partners: [{ userId: solo.user.id, displayName: 'Solo', submitted: true }],
    });
  });

  it('keeps each person their own history when they pair, and shares only the weeks from the pairing on', async () => {
    const ana = await signUpPartner(app);
    const ben = await signUpPartner(app);
    await submit(await ana.api(), LAST_WEEK, 4);
    await submit(await ben.api(), LAST_WEEK, 7);
    const { inviteCode } = await (await ana.api()).couple.create({});
    await (await ben.api()).couple.join({ inviteCode });
    for (const [me, other] of [
      [ana, ben],
      [ben, ana],
    ] as const) {
      const history = await (await me.api()).assessment.history();
      expect(entriesOf(history, me.user.id).map((e) => e.week)).toEqual([LAST_WEEK]);
      expect(entriesOf(history, other.user.id)).toEqual([]);
      const status = await (await me.api()).assessment.weekStatus({ week: LAST_WEEK });
      expect(status.partners.find((p) => p.userId === me.user.id)!.submitted).toBe(true);
      expect(status.partners.find((p) => p.userId === other.user.id)!.submitted).toBe(false);
    }
    // The week in which they paired is the first they share.
    await submit(await ana.api(), THIS_WEEK, 5);
    await submit(await ben.api(), THIS_WEEK, 6);
    expect(entriesOf(await (await ben.api()).assessment.history(), ana.user.id).map((e) => e.week)).toEqual([
      THIS_WEEK,
    ]);
  });
});

const tableOf = (sql: string) => /^insert into "(\w+)"/i.exec(sql)?.[1];

describe("a check-in's reads", () => {
  it('reads the couple, its own row and whether the other answered in one statement, whatever it records', async () => {
    await app.close();
    const queries: string[] = [];
    app = await createTestApp({}, WEDNESDAY, {
      log: (event) => {
        if (event.level === 'query') queries.push(event.query.sql);
      },
    });
    const { a, b } = await pairedCouple(app);
    const [apiA, apiB] = [await a.api(), await b.api()];
    const statementsOf = async (write: () => Promise<unknown>) => {
      const before = queries.length;
      await write();
      return queries.slice(before);
    };
    const later = (minutes: number) => app.setNow(new Date(WEDNESDAY.getTime() + minutes * 60_000));
    const first = await statementsOf(() => submit(apiA, LAST_WEEK, 5));
    later(1);
    await submit(apiB, LAST_WEEK, 6);
    later(2);
    const changedAfterBoth = await statementsOf(() => submit(apiA, LAST_WEEK, 7));
    later(3);
    const unchanged = await statementsOf(() => submit(apiA, LAST_WEEK, 7));
    // Each round trip to PostgreSQL costs both processes a wake-up: the transaction reads once, then writes.
    const reads = (statements: string[]) => statements.filter((sql) => /^select/i.test(sql));
    const writes = (statements: string[]) => statements.filter((sql) => /^insert/i.test(sql)).map(tableOf);
    for (const statements of [first, changedAfterBoth, unchanged]) {
      expect(reads(statements)).toHaveLength(1);
      expect(reads(statements)[0]).toMatch(/from "couple_members" left join "assessments"/);
    }
    expect(writes(first)).toEqual(['assessments', 'activity_events']);
    expect(writes(changedAfterBoth)).toEqual(['assessments', 'activity_events']);
    expect(writes(unchanged)).toEqual(['assessments']);
    for (const statements of [first, changedAfterBoth, unchanged]) {
      expect(statements.length).toBe(reads(statements).length + writes(statements).length + 2);
    }
    // What the one read found is what was recorded: a first answer, then a change after both had answered.
    const kinds = (await apiB.activity.list({})).items.map((item) => item.kind).filter((kind) => kind !== 'joined');
    expect(kinds).toEqual(['changed-after-both-answered', 'checked-in', 'checked-in']);
  });
});

describe('who checked in, for the timed emails', () => {
  it('reads more people than one statement may bind on either database (32,766 on SQLite), in batches', async () => {
    const person = await signUpPartner(app);
    await submit(await person.api(), LAST_WEEK, 5);
    const many = [...Array.from({ length: 40_000 }, (_, i) => `nobody-${i}`), person.user.id];
    expect(await checkInKeys(app.database.db, many, [LAST_WEEK, THIS_WEEK])).toEqual(
      new Set([`${person.user.id} ${LAST_WEEK}`]),
    );
  });
});
