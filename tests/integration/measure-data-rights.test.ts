import { describe, expect, it } from 'vitest';
import type { AccountExport } from '#shared/schemas/account-export.schema';
import { editedExport } from '../helpers/edited-export';
import { expectRefusedUnchanged } from '../helpers/assertions';
import { snapshot } from '../helpers/db-state';
import { LAST_WEEK, NEXT_WEEK, PASSWORD, signUpPartner, THIS_WEEK, WEDNESDAY } from '../helpers/factories';
import { sqlRow, sqlRows } from '../helpers/raw-sql';
import type { TestApp } from '../helpers/test-app';
import { ANA, BEN, coupleAnsweredEvenings, EVENINGS, type AnsweredMeasureWorld } from '../helpers/measure-world';
import { worldPerTest } from '../helpers/world-per-test';

// A partner's measure answers as their data: what their export carries, what an import restores, and what leaving
// a couple or deleting an account does with them. Ana and Ben are coached by Casey, who scheduled "Evenings" every
// week from this week (2026-W48), visible to the couple; both answered this week. Casey also has "Draft", never
// assigned.

interface World extends AnsweredMeasureWorld {
  draftId: string;
}

let app: TestApp;
let world: World;

worldPerTest(
  { now: WEDNESDAY },
  async (app): Promise<World> => {
    const answered = await coupleAnsweredEvenings(app);
    const casey = await answered.coach.api();
    const { measureId: draftId } = await casey.measure.create({ ...EVENINGS, name: 'Draft', draftKey: undefined });
    return { ...answered, draftId };
  },
  (a, w) => {
    app = a;
    world = w;
  },
);

const anaExport = async () => (await world.couple.a.api()).account.export();
const periodsOf = (file: AccountExport) =>
  (file.measureAnswers ?? []).flatMap((m) => m.answers.map((a) => [m.name, a.period, a.answers, a.score]));

describe('account.export', () => {
  it("carries a partner's own answers with the items they answered, not the other partner's nor the coach's reading", async () => {
    const file = await anaExport();
    expect(file.measureAnswers).toEqual([
      {
        name: 'Evenings',
        instructions: EVENINGS.instructions,
        scoring: 'mean',
        items: EVENINGS.items.map((item) => ({ ...item, reverse: item.reverse === true })),
        answers: [
          {
            period: THIS_WEEK,
            answers: ANA.answers,
            score: ANA.score,
            skipped: false,
            createdAt: WEDNESDAY.toISOString(),
            updatedAt: WEDNESDAY.toISOString(),
          },
        ],
      },
    ]);
    expect(file.coachMeasures).toEqual([]);
    // The cut-off and the source note are the coach's, and nothing of Ben's answers is there.
    const text = JSON.stringify(file);
    for (const foreign of [EVENINGS.source!, 'cutoff', String(BEN.score), world.couple.b.user.id])
      expect(text).not.toContain(foreign);
  });

  it("carries a coach's measures with every version and where they assigned them, never a couple's answers", async () => {
    const casey = await world.coach.api();
    // A change of the questions (here the instructions) after answers: a second version beside the first.
    const revised = { ...EVENINGS, name: 'Evenings, revised', instructions: 'Think of this month’s evenings.' };
    await casey.measure.update({ measureId: world.measureId, ...revised });
    const file = await casey.account.export();
    expect(file.measureAnswers).toEqual([]);
    const evenings = file.coachMeasures?.find((m) => m.measureId === world.measureId);
    expect(evenings).toMatchObject({
      currentVersion: 2,
      versions: [
        { version: 1, name: 'Evenings', cutoff: EVENINGS.cutoff, source: EVENINGS.source },
        { version: 2, name: 'Evenings, revised' },
      ],
      assignments: [
        { coupleId: world.couple.coupleId, everyWeeks: 1, startWeek: THIS_WEEK, visibleToCouple: true, endedAt: null },
      ],
    });
    expect(file.coachMeasures?.map((m) => m.measureId).sort()).toEqual([world.measureId, world.draftId].sort());
    const text = JSON.stringify(file);
    for (const foreign of [String(ANA.score), String(BEN.score), world.couple.a.user.id])
      expect(text).not.toContain(foreign);
  });
});

describe('account.import', () => {
  it('restores the answers into a fresh account under a measure of its own, and the same file again changes nothing', async () => {
    const file = await anaExport();
    const fresh = await signUpPartner(app, 'Ana again');
    const api = await fresh.api();
    const later = new Date(WEDNESDAY.getTime() + 3_600_000);
    app.setNow(later);
    await api.account.import(file);
    const once = await snapshot(app);
    const again = await api.account.export();
    expect(again.measureAnswers).toEqual(
      file.measureAnswers!.map((m) => ({
        ...m,
        answers: m.answers.map((a) => ({ ...a, updatedAt: later.toISOString() })),
      })),
    );
    expect(
      await sqlRows(
        app,
        `select m.coach_id, m.restored_for, a.assignment_id, a.imported_created_at, a.created_at
           from measure_answers a join measure_versions v on v.id = a.version_id join measures m on m.id = v.measure_id
          where a.user_id = ?`,
        fresh.user.id,
      ),
    ).toEqual([
      {
        coach_id: null,
        restored_for: fresh.user.id,
        assignment_id: null,
        imported_created_at: WEDNESDAY.toISOString(),
        created_at: later.toISOString(),
      },
    ]);

    app.setNow(new Date(later.getTime() + 60_000));
    await api.account.import(file);
    // Its own export, imported back, adds nothing either.
    await api.account.import(again);
    expect(await snapshot(app)).toEqual(once);
  });

  it('scores the answers again rather than trusting the score in the file, and restores a skip', async () => {
    const tampered = editedExport(await anaExport(), (b) => {
      const answers = b.measureAnswers![0]!.answers;
      answers[0]!.score = 99;
      answers.unshift({ ...answers[0]!, period: LAST_WEEK, answers: null, score: null, skipped: true });
    });
    const fresh = await signUpPartner(app, 'Fresh');
    await (await fresh.api()).account.import(tampered);
    expect(periodsOf(await (await fresh.api()).account.export())).toEqual([
      ['Evenings', LAST_WEEK, null, null],
      ['Evenings', THIS_WEEK, ANA.answers, ANA.score],
    ]);
  });

  it('restores one answer per period: an answer over a skip, the later given over the earlier; one already restored stays', async () => {
    const file = await anaExport();
    const given = file.measureAnswers![0]!.answers[0]!;
    const hour = (n: number) => new Date(WEDNESDAY.getTime() - n * 3_600_000).toISOString();
    // Four for this week, as from two schedules and a hand-edited file; the later answer wins, the skip never does.
    const crowded = editedExport(file, (b) => {
      b.measureAnswers![0]!.answers = [
        { ...given, answers: [1, 1, 1], score: 1, createdAt: hour(3), updatedAt: hour(3) },
        { ...given, answers: [5, 1, 5], score: 5, createdAt: hour(1), updatedAt: hour(1) },
        { ...given, answers: null, score: null, skipped: true, createdAt: hour(0), updatedAt: hour(0) },
        { ...given, answers: [2, 2, 2], score: 2.67, createdAt: hour(2), updatedAt: hour(2) },
      ];
    });
    const fresh = await signUpPartner(app, 'Fresh');
    const api = await fresh.api();
    await api.account.import(crowded);
    expect(periodsOf(await api.account.export())).toEqual([['Evenings', THIS_WEEK, [5, 1, 5], 5]]);

    // Another file, another answer for the same week: the restored one stays, and the import is otherwise as usual.
    const before = await snapshot(app);
    await api.account.import(editedExport(file, (b) => (b.measureAnswers![0]!.answers[0]!.answers = [3, 3, 3])));
    expect(periodsOf(await api.account.export())).toEqual([['Evenings', THIS_WEEK, [5, 1, 5], 5]]);
    expect(await snapshot(app)).toEqual(before);
  });

  it("restores an answer identical to another of the file's for the same period once", async () => {
    const file = await anaExport();
    const given = file.measureAnswers![0]!.answers[0]!;
    const twice = editedExport(file, (b) => {
      b.measureAnswers![0]!.answers = [
        { ...given, createdAt: new Date(WEDNESDAY.getTime() - 7_200_000).toISOString() },
        given,
      ];
    });
    const fresh = await signUpPartner(app, 'Fresh');
    await (await fresh.api()).account.import(twice);
    expect(periodsOf(await (await fresh.api()).account.export())).toEqual([
      ['Evenings', THIS_WEEK, ANA.answers, ANA.score],
    ]);
  });

  const refusals: [string, (b: Omit<AccountExport, 'integrity'>) => void, RegExp][] = [
    ['an answer outside its scale', (b) => (b.measureAnswers![0]!.answers[0]!.answers = [4, 6, 3]), /item 2 takes/],
    ['the wrong number of answers', (b) => (b.measureAnswers![0]!.answers[0]!.answers = [4, 2]), /3 items/],
    [
      'a skip that holds answers',
      (b) => (b.measureAnswers![0]!.answers[0]!.skipped = true),
      /marked skipped, yet hold answers/,
    ],
    ['a period not begun', (b) => (b.measureAnswers![0]!.answers[0]!.period = NEXT_WEEK), /not started yet/],
    [
      'a time later than now',
      (b) => (b.measureAnswers![0]!.answers[0]!.createdAt = '2030-01-01T00:00:00.000Z'),
      /later than now/,
    ],
  ];
  it.each(refusals)('refuses %s with 400 and stores nothing', async (_label, change, message) => {
    const file = editedExport(await anaExport(), change);
    const fresh = await (await signUpPartner(app, 'Fresh')).api();
    const error = await expectRefusedUnchanged(app, () => fresh.account.import(file), 'BAD_REQUEST');
    expect(error.message).toMatch(message);
  });
});

describe('couple.leave', () => {
  it('keeps the leaver’s answers; the partner and the coach stop seeing their scores; an emptied couple leaves both theirs', async () => {
    const [ana, ben, casey] = [await world.couple.a.api(), await world.couple.b.api(), await world.coach.api()];
    const scoresOf = (results: { partners: { userId: string; entries: { score: number }[] }[] }) =>
      Object.fromEntries(results.partners.map((p) => [p.userId, p.entries.map((e) => e.score)]));
    const { assignmentId } = world;
    const coupleId = world.couple.coupleId;
    expect(scoresOf(await casey.measure.results({ coupleId, assignmentId }))).toEqual({
      [world.couple.a.user.id]: [ANA.score],
      [world.couple.b.user.id]: [BEN.score],
    });

    await ben.couple.leave({});
    // Each request reads who is in the couple afresh, as a request after the leave does.
    const anaAfter = await world.couple.a.api();
    expect(scoresOf(await anaAfter.measure.results({ assignmentId }))[world.couple.b.user.id] ?? []).toEqual([]);
    expect(scoresOf(await casey.measure.results({ coupleId, assignmentId }))[world.couple.b.user.id] ?? []).toEqual([]);
    expect(periodsOf(await ben.account.export())).toEqual([['Evenings', THIS_WEEK, BEN.answers, BEN.score]]);

    // The last one out deletes the couple and its schedules: each keeps their answers, under a measure of their own.
    await ana.couple.leave({});
    expect(periodsOf(await ana.account.export())).toEqual([['Evenings', THIS_WEEK, ANA.answers, ANA.score]]);
    expect(periodsOf(await ben.account.export())).toEqual([['Evenings', THIS_WEEK, BEN.answers, BEN.score]]);
    expect(
      await sqlRows(
        app,
        `select m.restored_for, a.user_id from measure_answers a
           join measure_versions v on v.id = a.version_id join measures m on m.id = v.measure_id
          order by a.user_id`,
      ),
    ).toEqual([world.couple.a.user.id, world.couple.b.user.id].sort().map((id) => ({ restored_for: id, user_id: id })));
    // Casey's measure itself is untouched.
    expect(await sqlRow(app, 'select coach_id from measures where id = ?', world.measureId)).toEqual({
      coach_id: world.coach.user.id,
    });
  });
});

describe('the last one out of a couple with two schedules of the same measure', () => {
  it('keeps one answer per period, the later given, also against a period already restored', async () => {
    const [ana, ben, casey] = [await world.couple.a.api(), await world.couple.b.api(), await world.coach.api()];
    // Ben holds this week of "Evenings" already, restored from an earlier export of his own.
    const bensOwn = await ben.account.export();
    const earlier = editedExport(bensOwn, (b) => (b.measureAnswers![0]!.answers[0]!.answers = [2, 2, 2]));
    await ben.account.import(earlier);
    // Casey stops the schedule and starts it again the same week; Ana and Ben answer this week once more.
    await casey.measure.unassign({ assignmentId: world.assignmentId });
    const { assignmentId } = await casey.measure.assign({
      coupleId: world.couple.coupleId,
      measureId: world.measureId,
      everyWeeks: 1,
      visibleToCouple: true,
    });
    app.setNow(new Date(WEDNESDAY.getTime() + 60_000));
    await ana.measure.answer({ assignmentId, period: THIS_WEEK, answers: [5, 1, 5] });
    await ben.measure.answer({ assignmentId, period: THIS_WEEK, answers: [3, 3, 3] });

    await ben.couple.leave({});
    // Ben kept his latest answer as he left, in place of the week he had restored (given earlier); the rest are gone
    // rather than left on the schedules.
    expect(
      await sqlRows(
        app,
        'select assignment_id, period, answers from measure_answers where user_id = ?',
        world.couple.b.user.id,
      ),
    ).toEqual([{ assignment_id: null, period: THIS_WEEK, answers: '[3,3,3]' }]);
    await ana.couple.leave({});
    // Ana's later answer, once.
    expect(periodsOf(await ana.account.export())).toEqual([['Evenings', THIS_WEEK, [5, 1, 5], 5]]);
    // Ben's, once too: the couple's end changed nothing of what he took along.
    expect(periodsOf(await ben.account.export())).toEqual([['Evenings', THIS_WEEK, [3, 3, 3], 3]]);
    expect(await sqlRows(app, 'select period from measure_answers where user_id = ?', world.couple.b.user.id)).toEqual([
      { period: THIS_WEEK },
    ]);
  });
});

describe('account.delete', () => {
  it("erases a partner's answers and restored measures; the other partner keeps theirs", async () => {
    const ben = await world.couple.b.api();
    // A restored measure of Ben's own, from someone else's export written into his account.
    await ben.account.import(editedExport(await anaExport(), (b) => (b.measureAnswers![0]!.name = 'Old evenings')));
    expect(
      await sqlRow(app, 'select count(*) as n from measures where restored_for = ?', world.couple.b.user.id),
    ).toEqual({ n: 1 });
    await ben.account.delete({ password: PASSWORD });
    expect(await sqlRows(app, 'select user_id from measure_answers')).toEqual([{ user_id: world.couple.a.user.id }]);
    expect(await sqlRows(app, 'select id from measures where restored_for is not null')).toEqual([]);
    expect(periodsOf(await anaExport())).toEqual([['Evenings', THIS_WEEK, ANA.answers, ANA.score]]);
  });

  it("erases a deleted coach's version once the last answer on it leaves with its partner", async () => {
    const casey = await world.coach.api();
    // Ana answers again after a change of the questions, so Ben's answer alone is on the first version.
    await casey.measure.update({ measureId: world.measureId, ...EVENINGS, name: 'Evenings, again' });
    await (
      await world.couple.a.api()
    ).measure.answer({ assignmentId: world.assignmentId, period: THIS_WEEK, version: 2, answers: ANA.answers });
    await casey.account.delete({ password: PASSWORD });
    const versions = () =>
      sqlRows(app, 'select version, name from measure_versions where measure_id = ? order by version', world.measureId);
    expect(await versions()).toEqual([
      { version: 1, name: 'Evenings' },
      { version: 2, name: 'Evenings, again' },
    ]);
    await (await world.couple.b.api()).couple.leave({});
    // Ben took his answer along, under a copy of his own; the coach's words of the first version go.
    expect(await versions()).toEqual([{ version: 2, name: 'Evenings, again' }]);
    expect(await sqlRow(app, 'select current_version from measures where id = ?', world.measureId)).toEqual({
      current_version: 2,
    });
    expect(periodsOf(await (await world.couple.b.api()).account.export())).toEqual([
      ['Evenings', THIS_WEEK, BEN.answers, BEN.score],
    ]);
  });

  it("keeps a deleted coach's answered measures without a coach, their schedules ended, and erases the rest", async () => {
    const casey = await world.coach.api();
    // A change of the questions (here the instructions) after answers: a second version that nobody answered.
    const unanswered = { ...EVENINGS, name: 'Never answered', instructions: 'Think of this month’s evenings.' };
    await casey.measure.update({ measureId: world.measureId, ...unanswered });
    await casey.account.delete({ password: PASSWORD });
    expect(await sqlRows(app, 'select id, coach_id, draft_key, current_version from measures')).toEqual([
      { id: world.measureId, coach_id: null, draft_key: null, current_version: 1 },
    ]);
    expect(await sqlRows(app, 'select name from measure_versions')).toEqual([{ name: 'Evenings' }]);
    expect(await sqlRows(app, 'select coach_id, ended_at from measure_assignments')).toEqual([
      { coach_id: null, ended_at: WEDNESDAY.toISOString() },
    ]);
    expect(periodsOf(await anaExport())).toEqual([['Evenings', THIS_WEEK, ANA.answers, ANA.score]]);
    expect((await anaExport()).measureAnswers![0]!.items.map((i) => i.text)).toEqual(EVENINGS.items.map((i) => i.text));
    expect(await sqlRows(app, 'select source from measure_versions')).toEqual([{ source: null }]);
    // Once nobody's answers are left on it, the measure the coach left behind goes too.
    await (await world.couple.a.api()).account.delete({ password: PASSWORD });
    await (await world.couple.b.api()).account.delete({ password: PASSWORD });
    expect(await sqlRows(app, 'select id from measures')).toEqual([]);
    expect(await sqlRows(app, 'select id from measure_versions')).toEqual([]);
  });
});
