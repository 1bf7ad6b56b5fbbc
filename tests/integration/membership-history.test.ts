import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coupleRatingsCsv } from '#client/features/coach/ratings-csv';
import { upsertAssessment } from '#server/repositories/assessments.repository';
import type { DashboardRange } from '#shared/schemas/dashboard.schema';
import { addWeeks, weekRange, weekStart } from '#shared/week';
import {
  connectCoach,
  pairedCouple,
  signUpCoach,
  signUpPartner,
  THIS_WEEK,
  WEDNESDAY,
  type Person,
} from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import { sqlRun } from '../helpers/raw-sql';
import { createTestApp, type Caller, type TestApp } from '../helpers/test-app';

/**
 * What someone shared was shared with particular people at a particular time. Alice was Bob's partner, with Bob's
 * coach Kim; she left, and paired with Erin, whose coach is Max. Erin and Max must see nothing of Alice's time
 * before she joined them, in any procedure, and Max nothing of Erin's time alone either; Alice keeps all of hers.
 */
const W44 = '2026-W44';
const W45 = '2026-W45';
const W46 = '2026-W46';
const W47 = '2026-W47';
const W48 = THIS_WEEK;
const WEEKS = [W44, W45, W46, W47, W48];
const RANGES: DashboardRange[] = ['12w', '6m', '1y', 'all'];
const DAY = 24 * 60 * 60 * 1000;
/** Wednesday of each week, noon UTC. */
const wednesdayOf = (week: string) =>
  new Date(WEDNESDAY.getTime() - (WEEKS.length - 1 - WEEKS.indexOf(week)) * 7 * DAY);

const FOR_BOB = 'Alice to Bob: I felt heard this week.';
const FOR_BOB_AND_KIM = 'Alice to Bob and Kim: we fought about money.';
const ALICE_ALONE = 'Alice, only for herself.';

let app: TestApp;
let alice: Person, bob: Person, erin: Person, kim: Person, max: Person;
let bobCouple: string, erinCouple: string;

beforeEach(async () => {
  app = await createTestApp({}, wednesdayOf(W44));
  [alice, bob, erin] = [
    await signUpPartner(app, 'Alice'),
    await signUpPartner(app, 'Bob'),
    await signUpPartner(app, 'Erin'),
  ];
  [kim, max] = [await signUpCoach(app, 'Coach Kim'), await signUpCoach(app, 'Coach Max')];
  const created = await (await alice.api()).couple.create({});
  bobCouple = created.coupleId;
  await (await bob.api()).couple.join({ inviteCode: created.inviteCode });
  await connectCoach({ a: bob, b: alice, coupleId: bobCouple }, kim);
  erinCouple = (await (await erin.api()).couple.create({})).coupleId;
  await connectCoach({ a: erin, b: erin, coupleId: erinCouple }, max);
  await (await erin.api()).focus.adopt({ practiceId: 'rituals' });

  // Three weeks of Alice with Bob (all twos, with notes); Erin on her own from W45 (all sixes).
  for (const week of [W44, W45, W46]) {
    app.setNow(wednesdayOf(week));
    await (await alice.api()).assessment.submit({ week, ratings: ratingsOf(2), note: `Alice with Bob, ${week}` });
    await (await bob.api()).assessment.submit({ week, ratings: ratingsOf(8) });
    if (week !== W44)
      await (await erin.api()).assessment.submit({ week, ratings: ratingsOf(6), note: `Erin alone, ${week}` });
    if (week === W45) {
      const a = await alice.api();
      await a.reflection.save({ practiceId: 'trust', body: FOR_BOB, visibility: 'partner' });
      await a.reflection.save({ practiceId: 'trust', body: FOR_BOB_AND_KIM, visibility: 'partner_and_coach' });
      await a.reflection.save({ practiceId: 'presence', body: ALICE_ALONE });
      await a.focus.adopt({ practiceId: 'trust' });
      // Erin's own focus ends before Alice arrives: it belongs to her time alone, as does Max's look at her charts.
      await (await erin.api()).focus.clear();
      await (await max.api()).dashboard.get({ coupleId: erinCouple });
    }
  }
  await (await bob.api()).focus.adopt({ practiceId: 'presence' });

  // Monday of W47 Alice leaves Bob; on Wednesday she joins Erin.
  app.setNow(new Date(wednesdayOf(W47).getTime() - 2 * DAY));
  await (await alice.api()).couple.leave({});
  app.setNow(wednesdayOf(W47));
  const { inviteCode } = await (await erin.api()).couple.newInvite();
  await (await alice.api()).couple.join({ inviteCode });
  await (await alice.api()).assessment.submit({ week: W47, ratings: ratingsOf(9), note: 'Alice with Erin, W47' });
  await (await erin.api()).assessment.submit({ week: W47, ratings: ratingsOf(7) });
  // Alice changes a week of her time with Bob, after Erin too had answered that week: no business of Erin's.
  await (
    await alice.api()
  ).assessment.submit({ week: W46, ratings: ratingsOf(3), note: 'Alice with Bob, W46, changed' });

  app.setNow(WEDNESDAY);
  await (await alice.api()).assessment.submit({ week: W48, ratings: ratingsOf(9) });
});
afterEach(async () => {
  await app.close();
});

/** Every read of the couple a partner's pages make: dashboard, practice pages, history, status, suggestion, focus, reflections. */
async function coupleReads(api: Caller, coupleId?: string) {
  const ref = coupleId === undefined ? {} : { coupleId };
  return {
    couple: await api.couple.get(ref),
    history: await api.assessment.history(ref),
    historySince: await api.assessment.history({ ...ref, fromWeek: W44, toWeek: W48 }),
    status: await Promise.all(WEEKS.map((week) => api.assessment.weekStatus({ ...ref, week }))),
    dashboards: await Promise.all(RANGES.map((range) => api.dashboard.get({ ...ref, range }))),
    suggestion: await api.suggestion.next(ref),
    focuses: await api.focus.list(ref),
    reflections: await api.reflection.list(ref),
    trustPage: {
      dashboard: await api.dashboard.get({ ...ref, range: '12w' }),
      reflections: await api.reflection.list({ ...ref, practiceId: 'trust' }),
    },
  };
}

/** What Erin reads anywhere, her export included. */
async function erinReads() {
  const api = await erin.api();
  return { ...(await coupleReads(api)), export: await api.account.export() };
}

/** What Max reads anywhere: the couple's pages, the report and CSV built from them, and his roster. */
async function maxReads() {
  const api = await max.api();
  const reads = await coupleReads(api, erinCouple);
  return { ...reads, csv: coupleRatingsCsv(reads.history), roster: await api.coach.roster() };
}

const sql = (query: string, ...params: unknown[]) => sqlRun(app, query, ...params);
const aliceJoinedErin = () => wednesdayOf(W47).toISOString();

describe('history stays in the couple it was shared with', () => {
  it("shows Erin, Alice's later partner, nothing of Alice's time before her, in any procedure", async () => {
    const seen = await erinReads();
    const aliceIn = (history: typeof seen.history) =>
      history.partners.find((p) => p.userId === alice.user.id)!.entries.map((e) => e.week);
    const erinIn = (history: typeof seen.history) =>
      history.partners.find((p) => p.userId === erin.user.id)!.entries.map((e) => e.week);
    expect(aliceIn(seen.history)).toEqual([W47]);
    expect(erinIn(seen.history)).toEqual([W45, W46, W47]);
    expect(seen.status.map((s) => s.partners.find((p) => p.userId === alice.user.id)!.submitted)).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
    const all = seen.dashboards[3]!;
    // 'all' begins with Erin's own first week, not Alice's; the couple's streak is the one week they shared in full.
    expect([all.fromWeek, all.rhythm.streak]).toEqual([W45, 1]);
    expect(seen.reflections).toEqual([]);
    expect(seen.focuses.history.map((f) => f.practiceId)).toEqual(['rituals']);
    const text = JSON.stringify(seen);
    for (const secret of [FOR_BOB, FOR_BOB_AND_KIM, ALICE_ALONE, 'Alice with']) expect(text).not.toContain(secret);

    // The strongest form: Erin reads exactly what she would if Alice had had no past at all before joining her.
    await sql('delete from assessments where user_id = ? and week < ?', alice.user.id, W47);
    await sql('delete from reflections where user_id = ?', alice.user.id);
    expect(await erinReads()).toEqual(seen);
  });

  it("shows Max, the later coach, the couple only from Alice's joining: nothing of Alice's past, nor of Erin's time alone", async () => {
    const seen = await maxReads();
    for (const partner of seen.history.partners) expect(partner.entries.map((e) => e.week)).toEqual([W47]);
    expect(
      seen.csv
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',').slice(0, 2).join(','))
        .sort(),
    ).toEqual([`${W47},Alice`, `${W47},Erin`]);
    expect(seen.reflections).toEqual([]);
    expect(seen.focuses.history).toEqual([]);
    const row = seen.roster.find((r) => r.coupleId === erinCouple)!;
    expect(row.partners.map((p) => [p.displayName, p.lastCheckInWeek])).toEqual([
      ['Erin', W47],
      ['Alice', W48],
    ]);
    // Erin, then Alice, week by week: who logged a week before the couple formed is not told either.
    expect(seen.status.flatMap((s) => s.partners.map((p) => p.submitted))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      false,
      true,
    ]);
    expect(JSON.stringify(seen)).not.toContain(FOR_BOB_AND_KIM);

    await sql('delete from assessments where user_id in (?, ?) and week < ?', alice.user.id, erin.user.id, W47);
    await sql('delete from reflections where user_id = ?', alice.user.id);
    await sql('delete from couple_focuses where couple_id = ? and ended_at < ?', erinCouple, aliceJoinedErin());
    expect(await maxReads()).toEqual(seen);
  });

  it('tells Max nothing of when Alice last checked in before she joined, nor counts her missed weeks from then', async () => {
    // As if Alice had not checked in since she joined Erin.
    await sql('delete from assessments where user_id = ? and week >= ?', alice.user.id, W47);
    const row = (await (await max.api()).coach.roster()).find((r) => r.coupleId === erinCouple)!;
    expect(row.partners.map((p) => [p.displayName, p.lastCheckInWeek])).toEqual([
      ['Erin', W47],
      ['Alice', null],
    ]);
    // One week since the couple formed: not yet a missed check-in, whatever Alice did (or did not do) before.
    expect(row.flags.map((f) => f.kind)).not.toContain('missed-check-ins');
    // The trend's weeks before the couple are empty: neither Alice's weeks with Bob nor Erin's alone.
    expect(row.connection).toEqual({ weeks: [W45, W46, W47, W48], trend: [null, null, 7, null], now: 7 });
  });

  it('keeps Alice her whole history, for herself alone; her old shares now read as private to her', async () => {
    const api = await alice.api();
    const history = await api.assessment.history();
    const own = history.partners.find((p) => p.userId === alice.user.id)!.entries;
    expect(own.map((e) => [e.week, e.note])).toEqual([
      [W44, `Alice with Bob, ${W44}`],
      [W45, `Alice with Bob, ${W45}`],
      [W46, 'Alice with Bob, W46, changed'],
      [W47, 'Alice with Erin, W47'],
      [W48, null],
    ]);
    // Her change to W46 is judged against nobody: Erin's answer of that week is not the couple's.
    expect(own.find((e) => e.week === W46)!.changedAfterBothAnswered).toBe(false);
    expect(history.partners.find((p) => p.userId === erin.user.id)!.entries.map((e) => e.week)).toEqual([W47]);
    expect((await api.dashboard.get({ range: 'all' })).fromWeek).toBe(W44);
    expect(Object.fromEntries((await api.reflection.list()).map((r) => [r.body, r.visibility]))).toEqual({
      [FOR_BOB]: 'private',
      [FOR_BOB_AND_KIM]: 'private',
      [ALICE_ALONE]: 'private',
    });
    expect((await api.account.export()).assessments.map((a) => a.week)).toEqual(WEEKS);
    // Nor does she see Erin's couple's past: Erin's focus of her time alone, or Max's reads of Erin's data.
    expect((await api.focus.list()).history).toEqual([]);
    expect(await api.couple.coachAccessLog()).toEqual([]);
    expect((await (await erin.api()).couple.coachAccessLog()).map((line) => line.what)).toEqual(['dashboard']);
  });

  it('leaves Bob and Kim nothing of Alice once she is gone, and Bob the couple’s own past', async () => {
    for (const [api, ref] of [
      [await bob.api(), {}],
      [await kim.api(), { coupleId: bobCouple }],
    ] as const) {
      const reads = await coupleReads(api, 'coupleId' in ref ? ref.coupleId : undefined);
      expect(reads.history.partners.map((p) => p.displayName)).toEqual(['Bob']);
      expect(reads.reflections).toEqual([]);
      for (const secret of [FOR_BOB, FOR_BOB_AND_KIM, 'Alice with'])
        expect(JSON.stringify(reads)).not.toContain(secret);
    }
    // The focus Alice adopted with Bob is still in his couple's story, for Bob: as a former partner's, whatever she
    // calls herself now.
    await sqlRun(app, 'update users set display_name = ? where id = ?', 'Alice Anew', alice.user.id);
    const focuses = (await (await bob.api()).focus.list()).history;
    expect(focuses.map((f) => f.practiceId)).toEqual(['presence', 'trust']);
    expect(focuses[1]).toMatchObject({ adoptedBy: null, byFormerPartner: true });
    expect(JSON.stringify(focuses)).not.toMatch(new RegExp(`${alice.user.id}|Alice`));
  });

  it('lets Alice share again, with the couple she is in now: Erin reads it, and Max what she shares with the coach', async () => {
    const api = await alice.api();
    const mine = await api.reflection.list();
    const [forBob, forBobAndKim] = [FOR_BOB, FOR_BOB_AND_KIM].map((body) => mine.find((r) => r.body === body)!);
    expect(await api.reflection.setVisibility({ id: forBob!.id, visibility: 'partner' })).toMatchObject({
      visibility: 'partner',
    });
    expect(await api.reflection.setVisibility({ id: forBobAndKim!.id, visibility: 'partner_and_coach' })).toMatchObject(
      { visibility: 'partner_and_coach' },
    );
    expect((await (await erin.api()).reflection.list()).map((r) => r.body).sort()).toEqual(
      [FOR_BOB, FOR_BOB_AND_KIM].sort(),
    );
    expect((await (await max.api()).reflection.list({ coupleId: erinCouple })).map((r) => r.body)).toEqual([
      FOR_BOB_AND_KIM,
    ]);
    // Editing the words keeps it shared; making it private and sharing it again later is a new share.
    const edited = await api.reflection.save({
      id: forBob!.id,
      practiceId: 'trust',
      body: `${FOR_BOB} Still true.`,
      visibility: 'partner',
    });
    expect(edited.visibility).toBe('partner');
    expect((await (await erin.api()).reflection.list({ practiceId: 'trust' })).map((r) => r.body)).toContain(
      `${FOR_BOB} Still true.`,
    );
  });

  it('shares nothing written before the partner joined: a reflection shared while waiting stays the author’s', async () => {
    const api = await erin.api();
    // Erin wrote and shared this in W45, alone in her couple; Alice joined in W47.
    app.setNow(wednesdayOf(W45));
    const early = await (
      await erin.api()
    ).reflection.save({ practiceId: 'rituals', body: 'Erin, waiting for a partner.', visibility: 'partner' });
    app.setNow(WEDNESDAY);
    expect((await (await alice.api()).reflection.list()).map((r) => r.id)).not.toContain(early.id);
    expect((await api.reflection.list({ practiceId: 'rituals' })).map((r) => [r.id, r.visibility])).toEqual([
      [early.id, 'private'],
    ]);
  });
});

describe('when the later partner leaves', () => {
  it("gives the couple's coach nothing of the one who stayed from before: not their time with an earlier partner", async () => {
    const [ana, zed, cal] = [
      await signUpPartner(app, 'Ana'),
      await signUpPartner(app, 'Zed'),
      await signUpPartner(app, 'Cal'),
    ];
    const lee = await signUpCoach(app, 'Coach Lee');
    const submit = async (person: Person, week: string, value: number) =>
      (await person.api()).assessment.submit({ week, ratings: ratingsOf(value) });
    // W44 and W45: Ana with Zed, who leaves on Monday of W46.
    app.setNow(wednesdayOf(W44));
    const created = await (await ana.api()).couple.create({});
    await (await zed.api()).couple.join({ inviteCode: created.inviteCode });
    for (const week of [W44, W45]) {
      app.setNow(wednesdayOf(week));
      await submit(ana, week, 1);
      await submit(zed, week, 1);
    }
    app.setNow(new Date(wednesdayOf(W46).getTime() - 2 * DAY));
    await (await zed.api()).couple.leave({});
    // W47: Cal joins, they let Lee in, and both log W47 and W48.
    app.setNow(wednesdayOf(W47));
    const { inviteCode } = await (await ana.api()).couple.newInvite();
    await (await cal.api()).couple.join({ inviteCode });
    await connectCoach({ a: ana, b: cal, coupleId: created.coupleId }, lee);
    for (const week of [W47, W48]) {
      app.setNow(wednesdayOf(week));
      await submit(ana, week, 9);
      await submit(cal, week, 8);
    }
    const weeksOf = async (name: string) =>
      (await (await lee.api()).assessment.history({ coupleId: created.coupleId })).partners
        .find((p) => p.displayName === name)!
        .entries.map((e) => e.week);
    expect(await weeksOf('Ana')).toEqual([W47, W48]);

    // Thursday of W48 Cal leaves. What Ana shared with Cal stays with that pairing; her time with Zed was never Lee's.
    // (W48 is still under way: a coach sees a couple of one's week once it has ended.)
    app.setNow(new Date(WEDNESDAY.getTime() + DAY));
    await (await cal.api()).couple.leave({});
    expect(await weeksOf('Ana')).toEqual([]);
    app.setNow(new Date(WEDNESDAY.getTime() + 7 * DAY));
    expect(await weeksOf('Ana')).toEqual([W48]);
    const all = await (await lee.api()).dashboard.get({ coupleId: created.coupleId, range: 'all' });
    expect(all.fromWeek).toBe(W48);
    // Ana keeps her whole history, for herself.
    expect(
      (await (await ana.api()).assessment.history({})).partners.find((p) => p.displayName === 'Ana')!.entries.length,
    ).toBe(4);
  });
});

describe("a couple's streak", () => {
  it.each(RANGES)(
    'starts with the couple in the %s range, however long both partners logged before it',
    async (range) => {
      const couple = await pairedCouple(app, ['Sol', 'Tam']);
      const weeks = weekRange(addWeeks(THIS_WEEK, -99), THIS_WEEK);
      await app.deps.db.transaction().execute(async (trx) => {
        for (const week of weeks) {
          for (const person of [couple.a, couple.b]) {
            await upsertAssessment(trx, {
              id: randomUUID(),
              userId: person.user.id,
              week,
              ratings: ratingsOf(6),
              note: null,
              nowIso: WEDNESDAY.toISOString(),
            });
          }
        }
      });
      // Tam joined Sol thirty weeks ago, on a Tuesday; both had checked in every week for years, each on their own.
      const joined = new Date(weekStart(addWeeks(THIS_WEEK, -30)).getTime() + DAY).toISOString();
      await sql('update couple_members set joined_at = ? where user_id = ?', joined, couple.b.user.id);
      for (const person of [couple.a, couple.b]) {
        expect((await (await person.api()).dashboard.get({ range })).rhythm.streak).toBe(31);
      }
    },
  );
});

describe('what was chosen for a pair', () => {
  it('ends when the pair does: a later partner reads neither the couple’s focus nor the note its coach wrote the two before', async () => {
    const [fay, gus, ivy] = [
      await signUpPartner(app, 'Fay'),
      await signUpPartner(app, 'Gus'),
      await signUpPartner(app, 'Ivy'),
    ];
    const hal = await signUpCoach(app, 'Coach Hal');
    const created = await (await fay.api()).couple.create({});
    await (await gus.api()).couple.join({ inviteCode: created.inviteCode });
    await connectCoach({ a: fay, b: gus, coupleId: created.coupleId }, hal);
    const NOTE_FOR_THE_TWO = 'Fay and Gus: keep talking about the move.';
    await (
      await hal.api()
    ).coach.assignFocus({ coupleId: created.coupleId, practiceId: 'empathy', note: NOTE_FOR_THE_TWO });
    app.setNow(new Date(WEDNESDAY.getTime() + 60 * 60 * 1000));
    await (await fay.api()).focus.adopt({ practiceId: 'trust' });
    expect((await (await gus.api()).suggestion.next({})).practiceId).toBe('empathy');

    app.setNow(new Date(WEDNESDAY.getTime() + DAY));
    await (await fay.api()).couple.leave({});
    app.setNow(new Date(WEDNESDAY.getTime() + 2 * DAY));
    const { inviteCode } = await (await gus.api()).couple.newInvite();
    await (await ivy.api()).couple.join({ inviteCode });

    const asIvy = await ivy.api();
    const focuses = await asIvy.focus.list({});
    expect(focuses.current).toBeNull();
    expect(focuses.history).toEqual([]);
    expect(JSON.stringify(await asIvy.suggestion.next({}))).not.toContain(NOTE_FOR_THE_TWO);
    expect(await (await hal.api()).coach.focus({ coupleId: created.coupleId })).toBeNull();
    // Gus, who stayed, keeps the couple's past: the focus reads as ended, not erased.
    const gusFocuses = await (await gus.api()).focus.list({});
    expect(gusFocuses.current).toBeNull();
    expect(gusFocuses.history.map((f) => f.practiceId)).toEqual(['trust']);
  });
});
