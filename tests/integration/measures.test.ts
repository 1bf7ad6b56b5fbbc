import { describe, expect, it } from 'vitest';
import { measurePoints } from '#client/features/measures/measure-chart-data';
import { coupleMeasuresCsv } from '#client/features/measures/measure-csv';
import type { CreateMeasureInput, MeasureResultsDto } from '#shared/schemas/measure.schema';
import { expectRefusedUnchanged, expectTrpcError } from '../helpers/assertions';
import { snapshot } from '../helpers/db-state';
import {
  connectCoach,
  NEXT_WEEK,
  pairedCouple,
  signUpCoach,
  signUpPartner,
  THIS_WEEK,
  WEDNESDAY,
  type Couple,
  type Person,
} from '../helpers/factories';
import { sqlRows } from '../helpers/raw-sql';
import type { TestApp } from '../helpers/test-app';
import { worldPerTest } from '../helpers/world-per-test';

/**
 * A coach's measures end to end through the real router: defining and versioning them, scheduling them for a couple,
 * the partners answering and skipping, and who reads what of the results. Ana and Ben are coached by Casey, who
 * scheduled "Closeness" every two weeks from this week (2026-W48), visible to the couple, and "Private scale" every
 * week, kept to herself. Otto coaches them too, with a measure of his own; Una coaches nobody.
 */
interface World {
  couple: Couple;
  coach: Person;
  otherCoach: Person;
  uninvitedCoach: Person;
  strangers: Couple;
  loner: Person;
  measureId: string;
  assignmentId: string;
  hiddenMeasureId: string;
  hiddenAssignmentId: string;
  otherMeasureId: string;
}

/** Four items on 0..4, the second reversed; concern at 6 or below; a change of 3 points is reliable. */
const CLOSENESS: CreateMeasureInput = {
  name: 'Closeness',
  instructions: 'Think of the last two weeks.',
  items: [
    { text: 'We talked about our day.', min: 0, max: 4, minLabel: 'Never', maxLabel: 'Every day' },
    { text: 'I felt alone with a worry.', min: 0, max: 4, minLabel: 'Never', maxLabel: 'Every day', reverse: true },
    { text: 'We laughed together.', min: 0, max: 4, minLabel: 'Never', maxLabel: 'Every day' },
    { text: 'I felt heard.', min: 0, max: 4, minLabel: 'Never', maxLabel: 'Every day' },
  ],
  scoring: 'sum',
  cutoff: { value: 6, direction: 'below' },
  reliableChange: 3,
  source: 'Written by Casey for her practice.',
};

const PRIVATE: CreateMeasureInput = {
  name: 'Private scale',
  items: [{ text: 'How tense was this week?', min: 1, max: 10, minLabel: 'Calm', maxLabel: 'Very tense' }],
  scoring: 'mean',
};

/** Scores 16 with CLOSENESS (the reversed 0 counts as 4). */
const HIGH = [4, 0, 4, 4];
/** Scores 4: in concern. */
const LOW = [1, 3, 1, 1];

/** Monday of 2026-W50, noon: the period 2026-W48 (weeks 48 and 49) has ended everywhere; 2026-W50 is open. */
const IN_W50 = new Date('2026-12-09T12:00:00.000Z');

let app: TestApp;
let world: World;

async function buildWorld(app: TestApp): Promise<World> {
  const couple = await pairedCouple(app, ['Ana', 'Ben']);
  const [coach, otherCoach, uninvitedCoach] = [
    await signUpCoach(app, 'Coach Casey'),
    await signUpCoach(app, 'Coach Otto'),
    await signUpCoach(app, 'Coach Una'),
  ];
  await connectCoach(couple, coach);
  await connectCoach(couple, otherCoach);
  const strangers = await pairedCouple(app, ['Sam', 'Tess']);
  const loner = await signUpPartner(app, 'Lone');
  const casey = await coach.api();
  // A minute apart, so that "newest first" has one answer.
  let minutesBefore = 5;
  const tick = () => app.setNow(new Date(WEDNESDAY.getTime() - (minutesBefore -= 1) * 60_000));
  tick();
  const { measureId } = await casey.measure.create(CLOSENESS);
  const { assignmentId } = await casey.measure.assign({
    coupleId: couple.coupleId,
    measureId,
    everyWeeks: 2,
    visibleToCouple: true,
  });
  tick();
  const hidden = await casey.measure.create(PRIVATE);
  const hiddenAssignment = await casey.measure.assign({
    coupleId: couple.coupleId,
    measureId: hidden.measureId,
    everyWeeks: 1,
    startWeek: THIS_WEEK,
    visibleToCouple: false,
  });
  const other = await (await otherCoach.api()).measure.create({ ...PRIVATE, name: 'Otto’s own' });
  app.setNow(WEDNESDAY);
  return {
    couple,
    coach,
    otherCoach,
    uninvitedCoach,
    strangers,
    loner,
    measureId,
    assignmentId,
    hiddenMeasureId: hidden.measureId,
    hiddenAssignmentId: hiddenAssignment.assignmentId,
    otherMeasureId: other.measureId,
  };
}

worldPerTest({ now: WEDNESDAY }, buildWorld, (a, w) => {
  app = a;
  world = w;
});

const ana = () => world.couple.a.api();
const ben = () => world.couple.b.api();
const casey = () => world.coach.api();
const coupleRef = () => ({ coupleId: world.couple.coupleId });
const answer = async (who: Person, answers: number[], period = THIS_WEEK, assignmentId = world.assignmentId) =>
  (await who.api()).measure.answer({ assignmentId, period, answers });

async function coachResults(): Promise<MeasureResultsDto> {
  return (await casey()).measure.results({ ...coupleRef(), assignmentId: world.assignmentId });
}

/** Each partner's periods as the reader sees them: `period:score`, or `period:skipped`. */
function byPartner(results: MeasureResultsDto): Record<string, string[]> {
  return Object.fromEntries(
    results.partners.map((p) => [
      p.displayName,
      [...p.entries.map((e) => `${e.period}:${e.score}`), ...p.skipped.map((s) => `${s}:skipped`)].sort(),
    ]),
  );
}

describe('defining measures', () => {
  it('lists the coach’s own measures, newest first, as their current version', async () => {
    const list = await (await casey()).measure.list();
    expect(list.map((m) => m.name)).toEqual(['Private scale', 'Closeness']);
    expect(list[1]).toMatchObject({
      measureId: world.measureId,
      version: 1,
      instructions: 'Think of the last two weeks.',
      scoring: 'sum',
      cutoff: { value: 6, direction: 'below' },
      reliableChange: 3,
      archivedAt: null,
      hasAnswers: false,
      activeAssignments: 1,
    });
    expect(list[1]!.items.map((i) => i.reverse)).toEqual([false, true, false, false]);
    expect(list[0]).toMatchObject({ instructions: null, cutoff: null, reliableChange: null, source: null });
    expect((await (await world.otherCoach.api()).measure.list()).map((m) => m.name)).toEqual(['Otto’s own']);
    expect(await (await world.uninvitedCoach.api()).measure.list()).toEqual([]);
  });

  it('keeps one measure for one draft, however often it is sent', async () => {
    const api = await casey();
    const draft = { ...PRIVATE, name: 'Draft', draftKey: 'draft-0001' };
    const first = await api.measure.create(draft);
    expect(await api.measure.create({ ...draft, name: 'Draft, sent again' })).toEqual(first);
    // The same key is the other coach's own draft, not Casey's.
    const otto = await (await world.otherCoach.api()).measure.create(draft);
    expect(otto.measureId).not.toBe(first.measureId);
    expect((await api.measure.list()).filter((m) => m.name.startsWith('Draft'))).toHaveLength(1);
  });

  it('edits in place until answered, then makes a new version; old answers keep their items', async () => {
    const api = await casey();
    const edited = { ...CLOSENESS, measureId: world.measureId, name: 'Closeness (short)' };
    // Unanswered, the version is rewritten in place, and still takes the next number: a form opened before is stale.
    expect(await api.measure.update(edited)).toEqual({ measureId: world.measureId, version: 2 });
    // The same definition again changes nothing at all.
    const before = await snapshot(app);
    expect(await api.measure.update(edited)).toEqual({ measureId: world.measureId, version: 2 });
    expect(await snapshot(app)).toEqual(before);
    // Answers sent for the questions as they were (version 1) are refused, not scored against the new ones.
    const stale = () =>
      world.couple.a
        .api()
        .then((a) =>
          a.measure.answer({ assignmentId: world.assignmentId, period: THIS_WEEK, version: 1, answers: HIGH }),
        );
    await expectRefusedUnchanged(app, stale, 'CONFLICT');

    expect(await answer(world.couple.a, HIGH)).toEqual({ score: 16 });
    const threeItems = { ...edited, items: CLOSENESS.items.slice(0, 3) };
    expect(await api.measure.update(threeItems)).toEqual({ measureId: world.measureId, version: 3 });
    expect((await api.measure.list()).find((m) => m.measureId === world.measureId)).toMatchObject({
      version: 3,
      hasAnswers: true,
    });
    // Ben answers the new version (three items); four answers no longer fit.
    await expectRefusedUnchanged(app, () => answer(world.couple.b, HIGH), 'BAD_REQUEST');
    expect(await answer(world.couple.b, [4, 0, 4])).toEqual({ score: 12 });
    const results = await coachResults();
    expect(results.partners.map((p) => p.entries.map((e) => [e.version, e.answers]))).toEqual([
      [[2, HIGH]],
      [[3, [4, 0, 4]]],
    ]);
    expect(results.versions.map((v) => [v.version, v.items.length])).toEqual([
      [2, 4],
      [3, 3],
    ]);
    expect(results.measure).toMatchObject({ version: 3, name: 'Closeness (short)', scoreRange: { min: 0, max: 12 } });
    // Ana's form now shows the three items, without her answers to the four.
    const due = (await (await ana()).measure.due()).find((d) => d.assignmentId === world.assignmentId);
    expect(due).toMatchObject({ status: 'answered', answers: null, measure: { version: 3 } });
  });

  it('reads a new cut-off against the scores already given on the same questions; new questions start a new series', async () => {
    await answer(world.couple.a, HIGH);
    await answer(world.couple.b, HIGH);
    app.setNow(IN_W50);
    await answer(world.couple.a, LOW, '2026-W50');
    await answer(world.couple.b, HIGH, '2026-W50');
    const api = await casey();
    const measureFlags = async () =>
      (await api.coach.roster())[0]!.flags.filter((f) => f.assignmentId === world.assignmentId).map((f) => f.detail);
    // Ana fell from 16 to 4, into concern (6 or below) by a reliable change (3 or more).
    const before = await coachResults();
    expect(await measureFlags()).toEqual([
      "Ana's score on Closeness fell from 16 to 4, past the cut-off of 6.",
      "Ana's score on Closeness fell from 16, their first, to 4: a change toward concern of at least the reliable change of 3.",
    ]);
    // The coach tightens the cut-off, renames the measure, raises the threshold and notes a source: no question changed.
    const reread = {
      ...CLOSENESS,
      measureId: world.measureId,
      name: 'Closeness, reread',
      cutoff: { value: 5, direction: 'below' as const },
      reliableChange: 4,
      source: 'Casey, revised.',
    };
    expect(await api.measure.update(reread)).toEqual({ measureId: world.measureId, version: 2 });
    const after = await coachResults();
    // A new version, beside the one answered: each answer keeps the version it was given on, and the summary reads
    // them as one series, against the new cut-off.
    expect(after.partners.map((p) => p.entries.map((e) => [e.period, e.score, e.version]))).toEqual([
      [
        ['2026-W48', 16, 1],
        ['2026-W50', 4, 1],
      ],
      [
        ['2026-W48', 16, 1],
        ['2026-W50', 16, 1],
      ],
    ]);
    expect(after.partners.map((p) => p.summary)).toEqual(before.partners.map((p) => p.summary));
    expect(after.cutoff).toEqual({ value: 5, direction: 'below' });
    expect((await api.measure.list()).find((m) => m.measureId === world.measureId)).toMatchObject({
      version: 2,
      name: 'Closeness, reread',
    });
    expect(await measureFlags()).toEqual([
      "Ana's score on Closeness, reread fell from 16 to 4, past the cut-off of 5.",
      "Ana's score on Closeness, reread fell from 16, their first, to 4: a change toward concern of at least the reliable change of 4.",
    ]);
    // Rewording an item is a change of what was answered: a new version, and a new series from it.
    const items = CLOSENESS.items.map((item, i) => (i === 0 ? { ...item, text: 'We talked about our days.' } : item));
    expect(await api.measure.update({ ...reread, items })).toEqual({ measureId: world.measureId, version: 3 });
    const reworded = await coachResults();
    expect(reworded.partners[0]!.entries.map((e) => e.version)).toEqual([1, 1]);
    expect(reworded.partners[0]!.summary).toMatchObject({ first: null, latest: null, inConcern: null });
    expect(reworded.versions.map((v) => [v.version, v.items[0]!.text])).toEqual([[1, 'We talked about our day.']]);
    expect(await measureFlags()).toEqual([]);
  });

  it('archives a measure: its schedules stop, and it can no longer be edited or assigned', async () => {
    const api = await casey();
    await api.measure.archive({ measureId: world.measureId });
    const before = await snapshot(app);
    expect(await api.measure.archive({ measureId: world.measureId })).toEqual({ ok: true });
    expect(await snapshot(app)).toEqual(before);
    const listed = (await api.measure.list()).find((m) => m.measureId === world.measureId);
    expect(listed).toMatchObject({ activeAssignments: 0, archivedAt: WEDNESDAY.toISOString() });
    expect((await api.measure.assignments(coupleRef())).find((a) => a.measureId === world.measureId)).toMatchObject({
      endedAt: WEDNESDAY.toISOString(),
    });
    expect((await (await ana()).measure.due()).map((d) => d.assignmentId)).toEqual([world.hiddenAssignmentId]);
    const update = await expectRefusedUnchanged(
      app,
      () => api.measure.update({ ...CLOSENESS, measureId: world.measureId, name: 'New name' }),
      'BAD_REQUEST',
    );
    expect(update.message).toMatch(/archived/);
    await expectRefusedUnchanged(
      app,
      () => api.measure.assign({ ...coupleRef(), measureId: world.measureId, everyWeeks: 2, visibleToCouple: true }),
      'BAD_REQUEST',
    );
    await expectRefusedUnchanged(app, () => answer(world.couple.a, HIGH), 'BAD_REQUEST');
  });

  it('deletes a measure nobody answered, and refuses one with answers', async () => {
    const api = await casey();
    await answer(world.couple.a, HIGH);
    const refused = await expectRefusedUnchanged(
      app,
      () => api.measure.delete({ measureId: world.measureId }),
      'CONFLICT',
    );
    expect(refused.message).toMatch(/Archive it/);
    expect(await api.measure.delete({ measureId: world.hiddenMeasureId })).toEqual({ ok: true });
    expect((await api.measure.list()).map((m) => m.measureId)).toEqual([world.measureId]);
    expect(await api.measure.assignments(coupleRef())).toHaveLength(1);
  });

  it('refuses definitions past the limits, and another coach’s measure, changing nothing', async () => {
    const api = await casey();
    const item = CLOSENESS.items[0]!;
    const tooMany = { ...CLOSENESS, items: Array.from({ length: 41 }, () => item) };
    await expectRefusedUnchanged(app, () => api.measure.create(tooMany), 'BAD_REQUEST');
    expect(await api.measure.create({ ...CLOSENESS, items: Array.from({ length: 40 }, () => item) })).toHaveProperty(
      'measureId',
    );
    for (const scale of [
      { min: 0, max: 101 },
      { min: -1, max: 4 },
      { min: 4, max: 4 },
      { min: 0.5, max: 4 },
    ]) {
      await expectRefusedUnchanged(
        app,
        () => api.measure.create({ ...CLOSENESS, items: [{ ...item, ...scale }] }),
        'BAD_REQUEST',
      );
    }
    await expectRefusedUnchanged(app, () => api.measure.create({ ...CLOSENESS, items: [] }), 'BAD_REQUEST');
    const otto = world.otherMeasureId;
    await expectRefusedUnchanged(app, () => api.measure.update({ ...PRIVATE, measureId: otto }), 'NOT_FOUND');
    await expectRefusedUnchanged(app, () => api.measure.archive({ measureId: otto }), 'NOT_FOUND');
    await expectRefusedUnchanged(app, () => api.measure.delete({ measureId: otto }), 'NOT_FOUND');
    await expectRefusedUnchanged(app, () => api.measure.delete({ measureId: 'no-such-measure' }), 'NOT_FOUND');
    await expectRefusedUnchanged(
      app,
      () => api.measure.assign({ ...coupleRef(), measureId: otto, everyWeeks: 1, visibleToCouple: true }),
      'NOT_FOUND',
    );
  });
});

describe('scheduling', () => {
  it('answers the same schedule asked for twice, and refuses a different one while it runs', async () => {
    const api = await casey();
    const again = { ...coupleRef(), measureId: world.measureId, everyWeeks: 2, visibleToCouple: true };
    const before = await snapshot(app);
    expect(await api.measure.assign(again)).toEqual({ assignmentId: world.assignmentId });
    expect(await snapshot(app)).toEqual(before);
    const refused = await expectRefusedUnchanged(
      app,
      () => api.measure.assign({ ...again, everyWeeks: 4 }),
      'CONFLICT',
    );
    expect(refused.message).toMatch(/Stop that schedule first/);
    await expectRefusedUnchanged(app, () => api.measure.assign({ ...again, visibleToCouple: false }), 'CONFLICT');
    // Stopped, it can be scheduled anew, from next week.
    await api.measure.unassign({ assignmentId: world.assignmentId });
    expect(await api.measure.unassign({ assignmentId: world.assignmentId })).toEqual({ ok: true });
    const next = await api.measure.assign({ ...again, everyWeeks: 4, startWeek: NEXT_WEEK });
    expect(next.assignmentId).not.toBe(world.assignmentId);
    const listed = await api.measure.assignments(coupleRef());
    expect(listed.map((a) => [a.measureName, a.everyWeeks, a.startWeek, a.endedAt !== null])).toEqual([
      ['Closeness', 4, NEXT_WEEK, false],
      ['Private scale', 1, THIS_WEEK, false],
      ['Closeness', 2, THIS_WEEK, true],
    ]);
    expect(listed[0]).toMatchObject({
      coachName: 'Coach Casey',
      visibleToCouple: true,
      coupleId: world.couple.coupleId,
    });
    // Nothing is due before its first week.
    expect((await (await ana()).measure.due()).map((d) => d.assignmentId)).toEqual([world.hiddenAssignmentId]);
  });

  it('refuses a start other than this week or next, and a rhythm outside 1..12', async () => {
    const api = await casey();
    const base = { ...coupleRef(), measureId: world.otherMeasureId, visibleToCouple: true };
    const own = { ...base, measureId: (await api.measure.create(PRIVATE)).measureId };
    for (const startWeek of ['2026-W47', '2026-W50', '2027-W01']) {
      const refused = await expectRefusedUnchanged(
        app,
        () => api.measure.assign({ ...own, everyWeeks: 1, startWeek }),
        'BAD_REQUEST',
      );
      expect(refused.message).toMatch(/this week \(2026-W48\) or next week \(2026-W49\)/);
    }
    for (const everyWeeks of [0, 13, 1.5]) {
      await expectRefusedUnchanged(app, () => api.measure.assign({ ...own, everyWeeks }), 'BAD_REQUEST');
    }
  });

  it('shows each coach only their own schedules, and the couple only those it sees', async () => {
    const otto = await world.otherCoach.api();
    expect(await otto.measure.assignments(coupleRef())).toEqual([]);
    await expectRefusedUnchanged(app, () => otto.measure.unassign({ assignmentId: world.assignmentId }), 'NOT_FOUND');
    await expectRefusedUnchanged(
      app,
      () => otto.measure.results({ ...coupleRef(), assignmentId: world.assignmentId }),
      'FORBIDDEN',
    );
    await expectRefusedUnchanged(
      app,
      () => otto.measure.results({ ...coupleRef(), assignmentId: 'no-such-assignment' }),
      'FORBIDDEN',
    );
    for (const partner of [await ana(), await ben()]) {
      expect((await partner.measure.assignments()).map((a) => a.assignmentId)).toEqual([world.assignmentId]);
    }
    expect(await (await world.strangers.a.api()).measure.assignments()).toEqual([]);
    expect(await (await world.loner.api()).measure.assignments()).toEqual([]);
  });
});

describe('answering', () => {
  it('lists what is due with its items, and each partner’s own status', async () => {
    expect(await (await world.loner.api()).measure.due()).toEqual([]);
    expect(await (await world.strangers.a.api()).measure.due()).toEqual([]);
    const due = await (await ana()).measure.due();
    expect(due).toHaveLength(2);
    expect(due[0]).toEqual({
      assignmentId: world.assignmentId,
      period: THIS_WEEK,
      periodEndWeek: NEXT_WEEK,
      everyWeeks: 2,
      visibleToCouple: true,
      coachName: 'Coach Casey',
      measure: {
        measureId: world.measureId,
        version: 1,
        name: 'Closeness',
        instructions: 'Think of the last two weeks.',
        items: CLOSENESS.items.map((i) => ({ ...i, reverse: i.reverse ?? false })),
      },
      status: 'open',
      answers: null,
      score: null,
      updatedAt: null,
    });
    await answer(world.couple.a, LOW);
    await (await ana()).measure.answer({ assignmentId: world.hiddenAssignmentId, period: THIS_WEEK, answers: [7] });
    const after = await (await ana()).measure.due();
    expect(after.map((d) => [d.status, d.answers, d.score, d.updatedAt])).toEqual([
      ['answered', LOW, 4, WEDNESDAY.toISOString()],
      // Kept by the coach: the couple does not see the score, not even their own.
      ['answered', [7], null, WEDNESDAY.toISOString()],
    ]);
    expect((await (await ben()).measure.due()).map((d) => d.status)).toEqual(['open', 'open']);
  });

  it('takes the same answers again without a change, and marks a change after both answered', async () => {
    await answer(world.couple.a, HIGH);
    const before = await snapshot(app);
    app.setNow(new Date(WEDNESDAY.getTime() + 60_000));
    expect(await answer(world.couple.a, HIGH)).toEqual({ score: 16 });
    expect(await snapshot(app)).toEqual(before);
    // A change before Ben answered is no late change.
    expect(await answer(world.couple.a, [3, 0, 4, 4])).toEqual({ score: 15 });
    app.setNow(new Date(WEDNESDAY.getTime() + 120_000));
    await answer(world.couple.b, LOW);
    expect((await coachResults()).partners.map((p) => p.entries[0]!.changedAfterBothAnswered)).toEqual([false, false]);
    app.setNow(new Date(WEDNESDAY.getTime() + 180_000));
    expect(await answer(world.couple.a, HIGH)).toEqual({ score: 16 });
    const results = await coachResults();
    expect(results.partners.map((p) => [p.entries[0]!.score, p.entries[0]!.changedAfterBothAnswered])).toEqual([
      [16, true],
      [4, false],
    ]);
  });

  it('refuses answers that do not fit, periods not due, and keys it does not know, changing nothing', async () => {
    const api = await ana();
    const send = (period: string, answers: number[]) =>
      api.measure.answer({ assignmentId: world.assignmentId, period, answers });
    const count = await expectRefusedUnchanged(app, () => send(THIS_WEEK, [4, 0, 4]), 'BAD_REQUEST');
    expect(count.message).toMatch(/4 items; 3 answers/);
    const scale = await expectRefusedUnchanged(app, () => send(THIS_WEEK, [4, 0, 5, 4]), 'BAD_REQUEST');
    expect(scale.message).toMatch(/item 3 takes a whole number from 0 to 4/);
    await expectRefusedUnchanged(app, () => send(THIS_WEEK, [4, -1, 4, 4]), 'BAD_REQUEST');
    await expectRefusedUnchanged(app, () => send(THIS_WEEK, [4, 0.5, 4, 4]), 'BAD_REQUEST');
    // Not a period start, a period to come, a period before the start.
    for (const period of [NEXT_WEEK, '2026-W50', '2026-W46']) {
      const notDue = await expectRefusedUnchanged(app, () => send(period, HIGH), 'BAD_REQUEST');
      expect(notDue.message).toMatch(/not due/);
    }
    await expectRefusedUnchanged(
      app,
      () => api.measure.skip({ assignmentId: world.assignmentId, period: '2026-W50' }),
      'BAD_REQUEST',
    );
    // There is no answering for someone else: a user id is a key the procedure does not take.
    const forBen = {
      assignmentId: world.assignmentId,
      period: THIS_WEEK,
      answers: HIGH,
      userId: world.couple.b.user.id,
    };
    await expectRefusedUnchanged(app, () => api.measure.answer(forBen), 'BAD_REQUEST');
    await expectRefusedUnchanged(
      app,
      () => api.measure.skip({ assignmentId: world.assignmentId, period: THIS_WEEK, userId: 'x' } as never),
      'BAD_REQUEST',
    );
    // Another couple's schedule reads like none at all.
    const sam = await world.strangers.a.api();
    const foreign = await expectRefusedUnchanged(
      app,
      () => sam.measure.answer({ assignmentId: world.assignmentId, period: THIS_WEEK, answers: HIGH }),
      'NOT_FOUND',
    );
    const unknown = await expectRefusedUnchanged(
      app,
      () => sam.measure.answer({ assignmentId: 'no-such-assignment', period: THIS_WEEK, answers: HIGH }),
      'NOT_FOUND',
    );
    expect(foreign.message).toBe(unknown.message);
    await expectRefusedUnchanged(
      app,
      () => sam.measure.skip({ assignmentId: world.assignmentId, period: THIS_WEEK }),
      'NOT_FOUND',
    );
    await expectRefusedUnchanged(
      app,
      async () =>
        (await casey()).measure.answer({ assignmentId: world.assignmentId, period: THIS_WEEK, answers: HIGH }),
      'FORBIDDEN',
    );
  });

  it('skips a period, takes answers over a skip, and does not skip over answers', async () => {
    const api = await ben();
    const skip = () => api.measure.skip({ assignmentId: world.assignmentId, period: THIS_WEEK });
    expect(await skip()).toEqual({ ok: true });
    const before = await snapshot(app);
    expect(await skip()).toEqual({ ok: true });
    expect(await snapshot(app)).toEqual(before);
    expect((await api.measure.due())[0]).toMatchObject({ status: 'skipped', answers: null, score: null });
    expect(await answer(world.couple.b, LOW)).toEqual({ score: 4 });
    expect((await api.measure.due())[0]).toMatchObject({ status: 'answered', answers: LOW, score: 4 });
    const refused = await expectRefusedUnchanged(app, skip, 'CONFLICT');
    expect(refused.message).toMatch(/Change your answers instead/);
  });
});

describe('who sees which results', () => {
  it('hides a partner’s score until both have answered the period', async () => {
    await answer(world.couple.a, HIGH);
    const benView = await (await ben()).measure.results({ assignmentId: world.assignmentId });
    expect(byPartner(benView)).toEqual({ Ana: [], Ben: [] });
    expect(byPartner(await coachResults())).toEqual({ Ana: [], Ben: [] });
    const anaView = await (await ana()).measure.results({ assignmentId: world.assignmentId });
    expect(byPartner(anaView)).toEqual({ Ana: ['2026-W48:16'], Ben: [] });
    await answer(world.couple.b, LOW);
    for (const view of [
      await coachResults(),
      await (await ana()).measure.results({ assignmentId: world.assignmentId }),
      await (await ben()).measure.results({ ...coupleRef(), assignmentId: world.assignmentId }),
    ]) {
      expect(byPartner(view)).toEqual({ Ana: ['2026-W48:16'], Ben: ['2026-W48:4'] });
    }
  });

  it('keeps the period hidden when the schedule stops early, and when it is scheduled again', async () => {
    await answer(world.couple.a, HIGH);
    await (await casey()).measure.unassign({ assignmentId: world.assignmentId });
    const again = await (
      await casey()
    ).measure.assign({
      ...coupleRef(),
      measureId: world.measureId,
      everyWeeks: 2,
      visibleToCouple: true,
    });
    // Ben may answer the same period on the new schedule: Ana's score must not be there to anchor him.
    expect(byPartner(await (await ben()).measure.results({ assignmentId: world.assignmentId }))).toEqual({
      Ana: [],
      Ben: [],
    });
    expect(byPartner(await coachResults())).toEqual({ Ana: [], Ben: [] });
    const due = (await (await ben()).measure.due()).find((d) => d.assignmentId === again.assignmentId);
    expect(due).toMatchObject({ period: THIS_WEEK, status: 'open' });
    app.setNow(IN_W50);
    expect(byPartner(await coachResults())).toEqual({ Ana: ['2026-W48:16'], Ben: [] });
  });

  it('shows scores once the period has ended; a skip and a missed period show as such', async () => {
    await answer(world.couple.a, HIGH);
    app.setNow(IN_W50);
    // 2026-W48 ended with only Ana's answer; in 2026-W50 Ben skips and Ana has not answered yet.
    await (await ben()).measure.skip({ assignmentId: world.assignmentId, period: '2026-W50' });
    expect(byPartner(await coachResults())).toEqual({ Ana: ['2026-W48:16'], Ben: [] });
    const anaView = await (await ana()).measure.results({ assignmentId: world.assignmentId });
    expect(byPartner(anaView)).toEqual({ Ana: ['2026-W48:16'], Ben: [] });
    expect((await (await ben()).measure.results({ assignmentId: world.assignmentId })).partners[1]!.skipped).toEqual([
      '2026-W50',
    ]);
    // Answering 2026-W48 is over.
    await expectRefusedUnchanged(app, () => answer(world.couple.b, LOW), 'BAD_REQUEST');
    app.setNow(new Date('2026-12-23T12:00:00.000Z'));
    const results = await coachResults();
    expect(byPartner(results)).toEqual({ Ana: ['2026-W48:16'], Ben: ['2026-W50:skipped'] });
    expect(results.periods).toEqual(['2026-W48', '2026-W50', '2026-W52']);
    expect(results.partners[0]!.summary).toEqual({
      latest: 16,
      first: 16,
      change: 0,
      reliable: false,
      worsened: null,
      inConcern: false,
    });
  });

  it('keeps in the chart and the CSV a period answered before a schedule stopped on a Sunday', async () => {
    await answer(world.couple.a, HIGH);
    await answer(world.couple.b, HIGH);
    // Sunday of 2026-W49, 13:00 UTC: already Monday in UTC+14, so the next period, 2026-W50, is open there.
    app.setNow(new Date('2026-12-06T13:00:00.000Z'));
    await answer(world.couple.a, LOW, '2026-W50');
    await answer(world.couple.b, HIGH, '2026-W50');
    await (await casey()).measure.unassign({ assignmentId: world.assignmentId });
    const results = await coachResults();
    expect(results.periods).toEqual(['2026-W48', '2026-W50']);
    expect(results.partners[0]!.summary).toMatchObject({ first: 16, latest: 4 });
    expect(measurePoints(results).map((p) => [p.period, p.scores])).toEqual([
      ['2026-W48', [16, 16]],
      ['2026-W50', [4, 16]],
    ]);
    const csvPeriods = coupleMeasuresCsv([results])
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',').slice(1, 4).join(' '));
    expect(csvPeriods).toEqual(['2026-W48 Ana 16', '2026-W48 Ben 16', '2026-W50 Ana 4', '2026-W50 Ben 16']);
  });

  it('ends a schedule stopped on a Sunday with the period it stopped in, when nobody answered the next', async () => {
    await answer(world.couple.a, HIGH);
    app.setNow(new Date('2026-12-06T13:00:00.000Z'));
    await (await casey()).measure.unassign({ assignmentId: world.assignmentId });
    expect((await coachResults()).periods).toEqual(['2026-W48']);
  });

  it('gives the coach item answers and a summary; a partner never sees item answers', async () => {
    await answer(world.couple.a, HIGH);
    await answer(world.couple.b, HIGH);
    app.setNow(IN_W50);
    await answer(world.couple.a, LOW, '2026-W50');
    await answer(world.couple.b, HIGH, '2026-W50');
    const results = await coachResults();
    expect(results.partners[0]).toMatchObject({
      displayName: 'Ana',
      entries: [
        { period: '2026-W48', score: 16, version: 1, answers: HIGH },
        { period: '2026-W50', score: 4, version: 1, answers: LOW },
      ],
      summary: { latest: 4, first: 16, change: -12, reliable: true, worsened: true, inConcern: true },
    });
    expect(results.cutoff).toEqual({ value: 6, direction: 'below' });
    expect(results.measure.scoreRange).toEqual({ min: 0, max: 16 });
    for (const partner of [await ana(), await ben()]) {
      const view = await partner.measure.results({ assignmentId: world.assignmentId });
      expect(JSON.stringify(view)).not.toContain('"answers"');
      expect(view.versions).toEqual([]);
      expect(view.partners.map((p) => p.entries.map((e) => e.score))).toEqual([
        [16, 4],
        [16, 16],
      ]);
    }
  });

  it('keeps a measure the coach keeps to herself away from the couple', async () => {
    const hidden = { assignmentId: world.hiddenAssignmentId, period: THIS_WEEK };
    expect(await (await ana()).measure.answer({ ...hidden, answers: [3] })).toEqual({ score: null });
    for (const partner of [await ana(), await ben()]) {
      const refused = await expectRefusedUnchanged(
        app,
        () => partner.measure.results({ assignmentId: world.hiddenAssignmentId }),
        'FORBIDDEN',
      );
      expect(refused.message).toMatch(/Your coach keeps the scores/);
    }
    await expectRefusedUnchanged(
      app,
      async () => (await world.strangers.a.api()).measure.results({ assignmentId: world.assignmentId }),
      'FORBIDDEN',
    );
    await expectRefusedUnchanged(
      app,
      async () => (await world.loner.api()).measure.results({ assignmentId: world.assignmentId }),
      'FORBIDDEN',
    );
    await (await ben()).measure.answer({ ...hidden, answers: [9] });
    const coachView = await (await casey()).measure.results({ ...coupleRef(), assignmentId: world.hiddenAssignmentId });
    expect(coachView.partners.map((p) => p.entries.map((e) => [e.score, e.answers]))).toEqual([[[3, [3]]], [[9, [9]]]]);
    // The read is logged for the couple to see.
    const log = await sqlRows<{ what: string }>(
      app,
      'select what from coach_access_log where couple_id = ?',
      world.couple.coupleId,
    );
    expect(log.map((l) => l.what)).toEqual(expect.arrayContaining([expect.stringMatching(/measure/)]));
  });
});

describe('a new pairing', () => {
  it('shows the new partner and the coach nothing of the periods before it; each keeps their own', async () => {
    await answer(world.couple.a, HIGH);
    await answer(world.couple.b, LOW);
    app.setNow(new Date(WEDNESDAY.getTime() + 60_000));
    await (await ben()).couple.leave({});
    app.setNow(IN_W50);
    const cleo = await signUpPartner(app, 'Cleo');
    const { inviteCode } = await (await ana()).couple.newInvite({});
    await (await cleo.api()).couple.join({ inviteCode });
    const read = { assignmentId: world.assignmentId };
    expect(byPartner(await coachResults())).toEqual({ Ana: [], Cleo: [] });
    expect(byPartner(await (await ana()).measure.results(read))).toEqual({ Ana: ['2026-W48:16'], Cleo: [] });
    expect(byPartner(await (await cleo.api()).measure.results(read))).toEqual({ Ana: [], Cleo: [] });
    expect(await (await ben()).measure.due()).toEqual([]);
    await expectRefusedUnchanged(app, async () => (await ben()).measure.results(read), 'FORBIDDEN');
    // The new pairing answers its own periods, under the same rule.
    await answer(world.couple.a, LOW, '2026-W50');
    expect(byPartner(await (await cleo.api()).measure.results(read))).toEqual({ Ana: [], Cleo: [] });
    await answer(cleo, HIGH, '2026-W50');
    expect(byPartner(await (await cleo.api()).measure.results(read))).toEqual({
      Ana: ['2026-W50:4'],
      Cleo: ['2026-W50:16'],
    });
  });
  it('keeps a schedule stopped before the new partner joined out of their reach, as out of their list', async () => {
    await answer(world.couple.a, HIGH);
    await (await casey()).measure.unassign({ assignmentId: world.assignmentId });
    app.setNow(new Date(WEDNESDAY.getTime() + 60_000));
    await (await ben()).couple.leave({});
    const cleo = await signUpPartner(app, 'Cleo');
    const { inviteCode } = await (await ana()).couple.newInvite({});
    await (await cleo.api()).couple.join({ inviteCode });
    const read = { assignmentId: world.assignmentId };
    expect((await (await cleo.api()).measure.assignments({})).map((a) => a.assignmentId)).not.toContain(
      world.assignmentId,
    );
    await expectRefusedUnchanged(app, async () => (await cleo.api()).measure.results(read), 'FORBIDDEN');
    // The coach reads the new pairing, which this schedule never asked anything of.
    await expectRefusedUnchanged(app, async () => coachResults(), 'FORBIDDEN');
    // Ana, who was there, still reads her own answer.
    expect(byPartner(await (await ana()).measure.results(read))).toMatchObject({ Ana: ['2026-W48:16'] });
  });
});

describe('revoking the coach', () => {
  it('stops the coach’s schedules, and nothing of the couple answers that coach any more', async () => {
    await answer(world.couple.a, HIGH);
    const api = await casey();
    app.setNow(new Date(WEDNESDAY.getTime() + 60_000));
    await (await ben()).couple.revokeCoach({ coachId: world.coach.user.id });
    const ended = await sqlRows<{ ended_at: string | null }>(
      app,
      'select ended_at from measure_assignments where coach_id = ? order by created_at',
      world.coach.user.id,
    );
    expect(ended.map((r) => r.ended_at)).toEqual([
      new Date(WEDNESDAY.getTime() + 60_000).toISOString(),
      new Date(WEDNESDAY.getTime() + 60_000).toISOString(),
    ]);
    expect(await (await ana()).measure.due()).toEqual([]);
    await expectRefusedUnchanged(app, () => answer(world.couple.b, LOW), 'BAD_REQUEST');
    const ref = { ...coupleRef(), assignmentId: world.assignmentId };
    await expectRefusedUnchanged(app, () => api.measure.results(ref), 'FORBIDDEN');
    await expectRefusedUnchanged(app, () => api.measure.assignments(coupleRef()), 'FORBIDDEN');
    await expectRefusedUnchanged(app, () => api.measure.unassign({ assignmentId: world.assignmentId }), 'FORBIDDEN');
    await expectRefusedUnchanged(
      app,
      () => api.measure.assign({ ...coupleRef(), measureId: world.measureId, everyWeeks: 2, visibleToCouple: true }),
      'FORBIDDEN',
    );
    // Her measures stay hers; the couple keeps its own view of what was visible to it.
    expect((await api.measure.list()).map((m) => m.activeAssignments)).toEqual([0, 0]);
    const anaView = await (await ana()).measure.results({ assignmentId: world.assignmentId });
    expect(byPartner(anaView)).toEqual({ Ana: ['2026-W48:16'], Ben: [] });
    await expectTrpcError((await world.uninvitedCoach.api()).measure.assignments(coupleRef()), 'FORBIDDEN');
  });

  it('lets a coach let in again start afresh: nothing of the schedules or answers of the earlier access', async () => {
    // Ana answers the private scale; Ben has not yet, so Casey reads nothing of it.
    await answer(world.couple.a, [4], THIS_WEEK, world.hiddenAssignmentId);
    const hiddenRef = { ...coupleRef(), assignmentId: world.hiddenAssignmentId };
    expect(byPartner(await (await casey()).measure.results(hiddenRef))).toEqual({ Ana: [], Ben: [] });
    // Ben ends her access; the week ends, which would show Ana's answer; Ana lets Casey in again.
    app.setNow(new Date(WEDNESDAY.getTime() + 60_000));
    await (await ben()).couple.revokeCoach({ coachId: world.coach.user.id });
    app.setNow(IN_W50);
    await connectCoach(world.couple, world.coach);
    const api = await casey();
    expect(await api.measure.assignments(coupleRef())).toEqual([]);
    for (const assignmentId of [world.hiddenAssignmentId, world.assignmentId]) {
      const error = await expectRefusedUnchanged(
        app,
        () => api.measure.results({ ...coupleRef(), assignmentId }),
        'FORBIDDEN',
      );
      expect(JSON.stringify(error)).not.toContain('"answers"');
    }
    // What is scheduled and answered in this access reads as before.
    const { assignmentId } = await api.measure.assign({
      ...coupleRef(),
      measureId: world.hiddenMeasureId,
      everyWeeks: 1,
      visibleToCouple: false,
    });
    expect((await api.measure.assignments(coupleRef())).map((a) => a.assignmentId)).toEqual([assignmentId]);
    await answer(world.couple.a, [3], '2026-W50', assignmentId);
    await answer(world.couple.b, [5], '2026-W50', assignmentId);
    expect(byPartner(await api.measure.results({ ...coupleRef(), assignmentId }))).toEqual({
      Ana: ['2026-W50:3'],
      Ben: ['2026-W50:5'],
    });
  });
});
