import type { LogEvent } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RosterRowDto } from '#shared/schemas/coach.schema';
import { addWeeks } from '#shared/week';
import { connectCoach, pairedCouple, signUpCoach, signUpPartner, type Couple, type Person } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { listAnsweredPeriods, listFirstScoresInRanges } from '#server/repositories/roster-measures.repository';
import { worldPerTest } from '../helpers/world-per-test';

// The roster's measure flags end to end: a coach's measure answered through the API week by week, the roster read as
// the coach reads it. Every week from 2026-W45: the couples joined then, so every period counts.

const DAY = 24 * 60 * 60 * 1000;
/** Wednesday of 2026-W45, when the world is built; one week later is W46, and so on. */
const START = new Date('2026-11-04T12:00:00.000Z');
const wednesdayOf = (weeksLater: number) => new Date(START.getTime() + weeksLater * 7 * DAY);
const W = ['2026-W45', '2026-W46', '2026-W47', '2026-W48'] as const;

/**
 * Two items of 0..10, the second reversed, summed: a score of 0..20. Concern is 8 or below (a drop), and a change of 6
 * points is reliable.
 */
const CLOSENESS = {
  name: 'Closeness',
  items: [
    { text: 'We felt close this week.', min: 0, max: 10, minLabel: 'Not at all', maxLabel: 'Very' },
    { text: 'We felt far apart this week.', min: 0, max: 10, minLabel: 'Not at all', maxLabel: 'Very', reverse: true },
  ],
  scoring: 'sum' as const,
  cutoff: { value: 8, direction: 'below' as const },
  reliableChange: 6,
};

/** Answers that score `score` on CLOSENESS. */
const answersFor = (score: number) => {
  const first = Math.min(10, score);
  return [first, 10 - (score - first)];
};

interface World {
  coach: Person;
  crossing: Couple;
  worsening: Couple;
  missing: Couple;
  underWay: Couple;
  assignmentOf: Map<string, string>;
}

let app: TestApp;
let world: World;

async function answer(
  person: Person,
  couple: Couple,
  world: Pick<World, 'assignmentOf'>,
  period: string,
  score: number,
) {
  const assignmentId = world.assignmentOf.get(couple.coupleId)!;
  return (await person.api()).measure.answer({ assignmentId, period, answers: answersFor(score) });
}

/** Both partners answer the weeks W45.., one score each, the clock moving along. A null score is no answer. */
async function answerWeeks(w: Pick<World, 'assignmentOf'>, couple: Couple, a: (number | null)[], b: (number | null)[]) {
  for (const [index, period] of W.entries()) {
    if (a[index] === undefined && b[index] === undefined) continue;
    app.setNow(wednesdayOf(index));
    const [sa, sb] = [a[index], b[index]];
    if (sa !== null && sa !== undefined) await answer(couple.a, couple, w, period, sa);
    if (sb !== null && sb !== undefined) await answer(couple.b, couple, w, period, sb);
  }
}

worldPerTest(
  { now: START },
  async (testApp): Promise<World> => {
    app = testApp;
    const coach = await signUpCoach(app, 'Coach Casey');
    const couples: Couple[] = [];
    for (const names of [
      ['Ana', 'Ben'],
      ['Cleo', 'Dev'],
      ['Eve', 'Finn'],
      ['Gil', 'Hal'],
    ] as [string, string][]) {
      const couple = await pairedCouple(app, names);
      await connectCoach(couple, coach);
      couples.push(couple);
    }
    const coachApi = await coach.api();
    const { measureId } = await coachApi.measure.create(CLOSENESS);
    const assignmentOf = new Map<string, string>();
    for (const couple of couples) {
      const { assignmentId } = await coachApi.measure.assign({
        coupleId: couple.coupleId,
        measureId,
        everyWeeks: 1,
        startWeek: W[0],
        visibleToCouple: true,
      });
      assignmentOf.set(couple.coupleId, assignmentId);
    }
    const [crossing, worsening, missing, underWay] = couples as [Couple, Couple, Couple, Couple];
    const w = { assignmentOf };
    // Ana drops to 7 in W47, into concern (8 or below) for the first time; a change of 3, not reliable.
    await answerWeeks(w, crossing, [10, 10, 7], [12, 12, 12]);
    // Cleo falls 7 points over three weeks, never as far as the cut-off.
    await answerWeeks(w, worsening, [20, 16, 13], [12, 12, 12]);
    // Eve answers W45, skips W46 and leaves W47 unanswered.
    await answerWeeks(w, missing, [12, null, null], [12, 12, 12]);
    app.setNow(wednesdayOf(1));
    await (await missing.a.api()).measure.skip({ assignmentId: assignmentOf.get(missing.coupleId)!, period: W[1] });
    // Gil and Hal steady at 12 until W47; W48 is answered by the tests.
    await answerWeeks(w, underWay, [12, 12, 12], [12, 12, 12]);
    app.setNow(wednesdayOf(3));
    return { coach, crossing, worsening, missing, underWay, assignmentOf };
  },
  (testApp, built) => {
    app = testApp;
    world = built;
  },
);

const rowOf = (roster: RosterRowDto[], couple: Couple) => roster.find((r) => r.coupleId === couple.coupleId)!;
const measureFlagsOf = (row: RosterRowDto) => row.flags.filter((f) => f.kind.startsWith('measure-'));

async function roster() {
  return (await world.coach.api()).coach.roster();
}

describe('coach.roster with measures', () => {
  it('flags a drop past the cut-off, a reliable worsening and two periods unanswered, with their numbers', async () => {
    const rows = await roster();
    const assignment = (couple: Couple) => world.assignmentOf.get(couple.coupleId)!;
    expect(measureFlagsOf(rowOf(rows, world.crossing))).toEqual([
      {
        kind: 'measure-cutoff',
        assignmentId: assignment(world.crossing),
        detail: "Ana's score on Closeness fell from 10 to 7, past the cut-off of 8.",
      },
    ]);
    expect(measureFlagsOf(rowOf(rows, world.worsening))).toEqual([
      {
        kind: 'measure-change',
        assignmentId: assignment(world.worsening),
        detail:
          "Cleo's score on Closeness fell from 20, their first, to 13: a change toward concern of at least the reliable change of 6.",
      },
    ]);
    expect(measureFlagsOf(rowOf(rows, world.missing))).toEqual([
      {
        kind: 'measure-missed',
        assignmentId: assignment(world.missing),
        detail: 'Eve has not answered Closeness in the last two periods, from 9 Nov and from 16 Nov.',
      },
    ]);
    expect(measureFlagsOf(rowOf(rows, world.underWay))).toEqual([]);
    // The numbers are the ones the couple page shows.
    const results = await (
      await world.coach.api()
    ).measure.results({ coupleId: world.crossing.coupleId, assignmentId: assignment(world.crossing) });
    const ana = results.partners.find((p) => p.userId === world.crossing.a.user.id)!;
    expect(ana.entries.map((e) => [e.period, e.score])).toEqual([
      [W[0], 10],
      [W[1], 10],
      [W[2], 7],
    ]);
    expect(results.cutoff).toEqual(CLOSENESS.cutoff);
    // Urgency: a cut-off crossing and a worsening rank with a fall of the connection index, a miss below.
    const urgency = (couple: Couple) => rowOf(rows, couple).urgency;
    expect(urgency(world.crossing)).toBeGreaterThan(urgency(world.missing));
    expect(urgency(world.worsening)).toBeGreaterThan(urgency(world.missing));
  });

  it('does not flag a partner’s answer in a period under way until the other has answered it', async () => {
    await answer(world.underWay.a, world.underWay, world, W[3], 3);
    expect(measureFlagsOf(rowOf(await roster(), world.underWay))).toEqual([]);
    // Hal skips: a skip is no answer, so Gil's stays hidden.
    await (
      await world.underWay.b.api()
    ).measure.skip({ assignmentId: world.assignmentOf.get(world.underWay.coupleId)!, period: W[3] });
    expect(measureFlagsOf(rowOf(await roster(), world.underWay))).toEqual([]);
    await answer(world.underWay.b, world.underWay, world, W[3], 12);
    expect(measureFlagsOf(rowOf(await roster(), world.underWay)).map((f) => f.detail)).toEqual([
      "Gil's score on Closeness fell from 12 to 3, past the cut-off of 8.",
      "Gil's score on Closeness fell from 12, their first, to 3: a change toward concern of at least the reliable change of 6.",
    ]);
    // Once the period has ended everywhere it counts whoever answered: here, nothing new.
    app.setNow(wednesdayOf(4));
    expect(measureFlagsOf(rowOf(await roster(), world.underWay)).map((f) => f.kind)).toEqual([
      'measure-cutoff',
      'measure-change',
    ]);
  });

  it('does not flag as missed the periods answered before the coach edited the questions', async () => {
    // W46 and W47 have ended; everyone but Eve answered both. A typo fixed in an item makes a new version, so none of
    // those answers is on the current one.
    const coachApi = await world.coach.api();
    const [measure] = await coachApi.measure.list();
    const items = CLOSENESS.items.map((item, i) =>
      i === 0 ? { ...item, text: 'We felt close to each other.' } : item,
    );
    await coachApi.measure.update({ ...CLOSENESS, measureId: measure!.measureId, items });
    expect((await coachApi.measure.list())[0]!.version).toBe(2);
    const rows = await roster();
    // A score before the edit is no baseline: the cut-off and change flags start afresh.
    for (const couple of [world.crossing, world.worsening, world.underWay])
      expect(measureFlagsOf(rowOf(rows, couple))).toEqual([]);
    // Eve truly missed them (a skip and no answer): still flagged.
    expect(measureFlagsOf(rowOf(rows, world.missing)).map((f) => f.detail)).toEqual([
      'Eve has not answered Closeness in the last two periods, from 9 Nov and from 16 Nov.',
    ]);
  });

  it('stops flagging a couple once the coach stops the schedule or the couple revokes the coach', async () => {
    await (
      await world.coach.api()
    ).measure.unassign({ assignmentId: world.assignmentOf.get(world.worsening.coupleId)! });
    await (await world.crossing.b.api()).couple.revokeCoach({ coachId: world.coach.user.id });
    const rows = await roster();
    expect(measureFlagsOf(rowOf(rows, world.worsening))).toEqual([]);
    expect(rowOf(rows, world.crossing)).toMatchObject({ flags: [], partners: [], accessEndedAt: expect.any(String) });
    // The other couples still flag.
    expect(measureFlagsOf(rowOf(rows, world.missing)).map((f) => f.kind)).toEqual(['measure-missed']);
    // The schedule ended with the access: nothing of that coach's is due any more.
    expect(await (await world.crossing.a.api()).measure.due()).toEqual([]);
  });
});

describe('coach.roster with measures, over longer times', () => {
  let counted: TestApp;
  let queries = 0;
  beforeEach(async () => {
    queries = 0;
    counted = await createTestApp({}, START, {
      log: (event: LogEvent) => {
        if (event.level === 'query') queries += 1;
      },
    });
  });
  afterEach(async () => {
    await counted.close();
  });

  it('runs the same number of statements for 1 couple with a measure as for 6', async () => {
    app = counted;
    const coach = await signUpCoach(counted);
    const { measureId } = await (await coach.api()).measure.create(CLOSENESS);
    const assignmentOf = new Map<string, string>();
    const addCouple = async (i: number) => {
      const couple = await pairedCouple(counted, [`A${i}`, `B${i}`]);
      await connectCoach(couple, coach);
      const { assignmentId } = await (
        await coach.api()
      ).measure.assign({ coupleId: couple.coupleId, measureId, everyWeeks: 1, startWeek: W[0], visibleToCouple: true });
      assignmentOf.set(couple.coupleId, assignmentId);
      await answerWeeks({ assignmentOf }, couple, [12, 7], [12, 12]);
      counted.setNow(wednesdayOf(2));
    };
    const count = async () => {
      const api = await coach.api();
      const before = queries;
      const rows = await api.coach.roster();
      return {
        queries: queries - before,
        flagged: rows.filter((r) => r.flags.some((f) => f.kind === 'measure-cutoff')),
      };
    };
    await addCouple(0);
    const one = await count();
    for (let i = 1; i < 6; i += 1) {
      counted.setNow(START);
      await addCouple(i);
    }
    const six = await count();
    expect(one.flagged).toHaveLength(1);
    expect(six.flagged).toHaveLength(6);
    // The roster's reads (members, check-ins, focuses, ended access) and one access-log write, plus one read of
    // measures: the running schedules with each partner's first and latest answers.
    expect(one.queries).toBe(6);
    expect(six.queries).toBe(one.queries);
  });
  /** Ana and Ben, coached, with the measure every `everyWeeks` weeks from W45; Ana's first answer ever is 15, in W45. */
  const anaAndBenAnswering = async (everyWeeks: number) => {
    app = counted;
    const coach = await signUpCoach(counted);
    const couple = await pairedCouple(counted, ['Ana', 'Ben']);
    await connectCoach(couple, coach);
    const { measureId } = await (await coach.api()).measure.create(CLOSENESS);
    const { assignmentId } = await (
      await coach.api()
    ).measure.assign({ coupleId: couple.coupleId, measureId, everyWeeks, startWeek: W[0], visibleToCouple: true });
    const w = { assignmentOf: new Map([[couple.coupleId, assignmentId]]) };
    await answer(couple.a, couple, w, W[0], 15);
    return { coach, couple, w };
  };
  /** Ben leaves Ana, and Cleo joins her: a new membership from now. */
  const cleoReplacesBen = async (couple: Couple) => {
    await (await couple.b.api()).couple.leave({});
    const cleo = await signUpPartner(counted, 'Cleo');
    const { inviteCode } = await (await couple.a.api()).couple.newInvite({});
    await (await cleo.api()).couple.join({ inviteCode });
    return { cleo, withCleo: { ...couple, b: cleo } satisfies Couple };
  };

  it('counts a partner’s first score from the couple’s current membership, even one older than their latest answers', async () => {
    const { coach, couple, w } = await anaAndBenAnswering(1);
    await answer(couple.b, couple, w, W[0], 12);
    // W46: Ben leaves and Cleo joins. From here on Ana answers 20, then 18 for five weeks, then 14 in W52.
    counted.setNow(wednesdayOf(1));
    const { cleo, withCleo } = await cleoReplacesBen(couple);
    for (let week = 1; week <= 7; week += 1) {
      counted.setNow(wednesdayOf(week));
      const period = addWeeks(W[0], week);
      await answer(couple.a, withCleo, w, period, week === 1 ? 20 : week === 7 ? 14 : 18);
      await answer(cleo, withCleo, w, period, 12);
      // The coach looks in now and then, as coaches do (a session unused for 30 days ends).
      if (week % 3 === 0) await (await coach.api()).coach.roster();
    }
    // W53: Ana's latest four answers are W49 to W52, after the membership's start (W46). Her first score of this
    // membership is 20 (not 15, from her time with Ben), which the roster fetches with one more read.
    counted.setNow(wednesdayOf(8));
    const api = await coach.api();
    const before = queries;
    const [row] = await api.coach.roster();
    expect(row!.flags.filter((f) => f.kind.startsWith('measure-')).map((f) => f.detail)).toEqual([
      "Ana's score on Closeness fell from 20, their first, to 14: a change toward concern of at least the reliable change of 6.",
    ]);
    // One read more than usual, for this rare case only.
    expect(queries - before).toBe(7);
  });

  it('counts as the first score one given after the membership began for the period then under way', async () => {
    const { coach, couple, w } = await anaAndBenAnswering(2);
    // Wednesday of W48, the second week of the period W47: Ben leaves and Cleo joins. The membership counts from W48,
    // and from that moment: Ana's answer to W47, the next day, is given within it.
    counted.setNow(wednesdayOf(3));
    const { cleo, withCleo } = await cleoReplacesBen(couple);
    counted.setNow(new Date(wednesdayOf(3).getTime() + DAY));
    await answer(couple.a, withCleo, w, addWeeks(W[0], 2), 20);
    // Then W49 to W55, every other week: 18, 18, 18 and 14, her latest four.
    for (const [index, score] of [18, 18, 18, 14].entries()) {
      counted.setNow(wednesdayOf(4 + 2 * index));
      await answer(couple.a, withCleo, w, addWeeks(W[0], 4 + 2 * index), score);
      await answer(cleo, withCleo, w, addWeeks(W[0], 4 + 2 * index), 12);
      await (await coach.api()).coach.roster();
    }
    counted.setNow(wednesdayOf(11));
    const [row] = await (await coach.api()).coach.roster();
    expect(row!.flags.filter((f) => f.kind.startsWith('measure-')).map((f) => f.detail)).toEqual([
      "Ana's score on Closeness fell from 20, their first, to 14: a change toward concern of at least the reliable change of 6.",
    ]);
  });
});

describe('the roster’s extra reads, for a coach of many couples', () => {
  it('look up more partners than one statement may name on SQLite (its expression depth of 1,000), in batches', async () => {
    const many = Array.from({ length: 1_200 }, (_, i) => ({ assignmentId: `a-${i}`, userId: `u-${i}` }));
    const periods = ['2026-W46', '2026-W47'] as const;
    await expect(
      listAnsweredPeriods(
        app.database.db,
        many.map((pair) => ({ ...pair, periods })),
      ),
    ).resolves.toEqual([]);
    await expect(
      listFirstScoresInRanges(
        app.database.db,
        many.map((pair) => ({
          ...pair,
          fromPeriod: periods[0],
          beforePeriod: periods[1],
          sharedFromWeek: periods[0],
          sharedSince: null,
        })),
      ),
    ).resolves.toEqual([]);
  });
});
