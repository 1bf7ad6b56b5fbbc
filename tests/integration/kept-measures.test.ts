import { describe, expect, it } from 'vitest';
import type { AccountExport } from '#shared/schemas/account-export.schema';
import { expectRefusedUnchanged } from '../helpers/assertions';
import { snapshot } from '../helpers/db-state';
import { editedExport } from '../helpers/edited-export';
import { signUpPartner, THIS_WEEK, WEDNESDAY } from '../helpers/factories';
import { keepAnswersOfEarlierLeavers } from '#server/services/restored-measures.service';
import { ANA, BEN, coupleAnsweredEvenings, EVENINGS, type AnsweredMeasureWorld } from '../helpers/measure-world';
import { sqlRow } from '../helpers/raw-sql';
import type { TestApp } from '../helpers/test-app';
import { worldPerTest } from '../helpers/world-per-test';

// The answers a partner keeps once no couple's schedule holds them (restored from an export, or kept when the
// couple ended): `measure.kept` lists them for their owner only, and `measure.deleteKept` erases them. Ana and Ben
// are coached by Casey, who scheduled "Evenings" weekly from this week (2026-W48); both answered this week.

let app: TestApp;
let world: AnsweredMeasureWorld;

worldPerTest({ now: WEDNESDAY }, coupleAnsweredEvenings, (a, w) => {
  app = a;
  world = w;
});

/** Ana's export with its measure renamed and the checksum made again, as anyone can edit a file. */
async function anaExportRenamed(name: string): Promise<AccountExport> {
  const file = await (await world.couple.a.api()).account.export();
  return editedExport(file, (body) => (body.measureAnswers![0]!.name = name));
}

const evenings = (answers: { period: string; score: number | null; skipped: boolean }[], keptAt: string) => ({
  name: 'Evenings',
  instructions: EVENINGS.instructions,
  scoring: 'mean',
  items: EVENINGS.items.map((item) => ({ ...item, reverse: item.reverse === true })),
  scoreRange: { min: 1, max: 5 },
  keptAt,
  answers,
});

describe('measure.kept', () => {
  it('is empty while every answer hangs on a schedule of the couple', async () => {
    expect(await (await world.couple.a.api()).measure.kept()).toEqual([]);
    expect(await (await world.couple.b.api()).measure.kept()).toEqual([]);
  });

  it('lists what an import restored, kept at the server’s time, with its score', async () => {
    const later = new Date(WEDNESDAY.getTime() + 3_600_000);
    app.setNow(later);
    const ana = await world.couple.a.api();
    await ana.account.import(await anaExportRenamed('Old evenings'));
    const kept = await ana.measure.kept();
    expect(kept).toEqual([
      {
        ...evenings([{ period: THIS_WEEK, score: ANA.score, skipped: false }], later.toISOString()),
        name: 'Old evenings',
        measureId: expect.any(String),
      },
    ]);
    // Nothing of it reaches Ben, nor does Ana's live answer show as kept.
    expect(await (await world.couple.b.api()).measure.kept()).toEqual([]);
  });

  it('lists the leaver’s answers from the moment they leave, and the last one’s once the couple ends', async () => {
    const [ana, ben] = [await world.couple.a.api(), await world.couple.b.api()];
    const left = new Date(WEDNESDAY.getTime() + 60_000);
    app.setNow(left);
    await ben.couple.leave({});
    const benKept = await ben.measure.kept();
    expect(benKept).toEqual([
      {
        ...evenings([{ period: THIS_WEEK, score: BEN.score, skipped: false }], left.toISOString()),
        measureId: expect.any(String),
      },
    ]);
    // Ana's answer stays on the schedule, which runs on for her.
    expect(await ana.measure.kept()).toEqual([]);
    expect(
      await sqlRow(app, 'select assignment_id from measure_answers where user_id = ?', world.couple.a.user.id),
    ).toEqual({ assignment_id: world.assignmentId });

    const end = new Date(WEDNESDAY.getTime() + 120_000);
    app.setNow(end);
    await ana.couple.leave({});
    const anaKept = await (await world.couple.a.api()).measure.kept();
    expect(anaKept).toEqual([
      {
        ...evenings([{ period: THIS_WEEK, score: ANA.score, skipped: false }], end.toISOString()),
        measureId: expect.any(String),
      },
    ]);
    expect(await ben.measure.kept()).toEqual(benKept);
    // Neither list holds the coach's reading of the scores.
    expect(JSON.stringify([anaKept, benKept])).not.toMatch(/cutoff|Casey/);
  });
});

describe('a partner who comes back to the couple', () => {
  it('answers a period again, and keeps the newer answer when leaving once more', async () => {
    // Each call reads who is in the couple afresh, as a request after a leave or a join does.
    const ben = () => world.couple.b.api();
    await (await ben()).couple.leave({});
    const { inviteCode } = await (await world.couple.a.api()).couple.newInvite();
    app.setNow(new Date(WEDNESDAY.getTime() + 60_000));
    await (await ben()).couple.join({ inviteCode });
    // The period is open to him again: his earlier answer went along with him.
    await (await ben()).measure.answer({ assignmentId: world.assignmentId, period: THIS_WEEK, answers: [5, 1, 5] });
    await (await ben()).couple.leave({});
    expect((await (await ben()).measure.kept()).map((m) => m.answers)).toEqual([
      [{ period: THIS_WEEK, score: 5, skipped: false }],
    ]);
  });
});

describe('housekeeping, for partners who left before a leave kept their answers', () => {
  it('keeps their answers now, leaves the members’ on the schedules, and finds nothing more the next time', async () => {
    // Ben left under the earlier rule: his membership is gone, his answer still on the couple's schedule.
    await sqlRow(app, 'delete from couple_members where user_id = ? returning user_id', world.couple.b.user.id);
    const later = new Date(WEDNESDAY.getTime() + 3_600_000);
    app.setNow(later);
    expect(await keepAnswersOfEarlierLeavers(app.database.db, later.toISOString())).toEqual({ kept: 1, failed: 0 });
    expect((await (await world.couple.b.api()).measure.kept()).map((m) => [m.keptAt, m.answers])).toEqual([
      [later.toISOString(), [{ period: THIS_WEEK, score: BEN.score, skipped: false }]],
    ]);
    expect(
      await sqlRow(app, 'select assignment_id from measure_answers where user_id = ?', world.couple.a.user.id),
    ).toEqual({ assignment_id: world.assignmentId });
    const settled = await snapshot(app);
    expect(await keepAnswersOfEarlierLeavers(app.database.db, later.toISOString())).toEqual({ kept: 0, failed: 0 });
    expect(await snapshot(app)).toEqual(settled);
  });
});

describe('measure.deleteKept', () => {
  it('erases the measure, its version and the answers; the export drops them and the same file can restore them again', async () => {
    const ana = await world.couple.a.api();
    const file = await anaExportRenamed('Old evenings');
    await ana.account.import(file);
    const [kept] = await ana.measure.kept();
    const countsBefore = await restoredCounts();
    expect(countsBefore).toEqual({ measures: 1, versions: 1, answers: 1 });

    expect(await ana.measure.deleteKept({ measureId: kept!.measureId })).toEqual({ ok: true });
    expect(await ana.measure.kept()).toEqual([]);
    expect(await restoredCounts()).toEqual({ measures: 0, versions: 0, answers: 0 });
    expect((await ana.account.export()).measureAnswers!.map((m) => m.name)).toEqual(['Evenings']);
    // The live answer and Casey's measure are untouched.
    expect(await sqlRow(app, 'select count(*) as n from measure_answers where assignment_id is not null')).toEqual({
      n: 2,
    });
    expect(await sqlRow(app, 'select coach_id from measures where id = ?', world.measureId)).toEqual({
      coach_id: world.coach.user.id,
    });

    await ana.account.import(file);
    expect((await ana.measure.kept()).map((m) => m.name)).toEqual(['Old evenings']);
  });

  it('answers a repeat (its first answer lost on the way) with NOT_FOUND, and changes nothing', async () => {
    const ana = await world.couple.a.api();
    await ana.account.import(await anaExportRenamed('Old evenings'));
    const [kept] = await ana.measure.kept();
    await ana.measure.deleteKept({ measureId: kept!.measureId });
    await expectRefusedUnchanged(app, () => ana.measure.deleteKept({ measureId: kept!.measureId }), 'NOT_FOUND');
  });

  it('refuses a measure that is not kept by the caller: the coach’s own, the partner’s kept one, and an unknown id alike', async () => {
    const [ana, ben] = [await world.couple.a.api(), await world.couple.b.api()];
    await ben.account.import(await anaExportRenamed('Old evenings'));
    const [bens] = await ben.measure.kept();
    const refusals = await Promise.all(
      [world.measureId, bens!.measureId, 'no-such-measure'].map(async (measureId) => {
        const error = await expectRefusedUnchanged(app, () => ana.measure.deleteKept({ measureId }), 'NOT_FOUND');
        return error.message;
      }),
    );
    // The same words whoever owns the id, so ids cannot be probed.
    expect(new Set(refusals).size).toBe(1);
    expect((await ben.measure.kept()).map((m) => m.measureId)).toEqual([bens!.measureId]);
  });

  it('survives a double click: of two deletions at once, one erases and the other finds nothing', async () => {
    const ana = await world.couple.a.api();
    await ana.account.import(await anaExportRenamed('Old evenings'));
    const [kept] = await ana.measure.kept();
    const before = await snapshot(app);
    const outcomes = await Promise.allSettled([
      ana.measure.deleteKept({ measureId: kept!.measureId }),
      ana.measure.deleteKept({ measureId: kept!.measureId }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await snapshot(app)).not.toEqual(before);
    expect(await restoredCounts()).toEqual({ measures: 0, versions: 0, answers: 0 });
  });
});

async function restoredCounts() {
  const one = async (sql: string) => Number(((await sqlRow(app, sql)) as { n: number | string }).n);
  return {
    measures: await one('select count(*) as n from measures where restored_for is not null'),
    versions: await one(
      'select count(*) as n from measure_versions v join measures m on m.id = v.measure_id where m.restored_for is not null',
    ),
    answers: await one('select count(*) as n from measure_answers where assignment_id is null'),
  };
}

// Whoever is not a partner is refused by the base procedure (see access.test.ts); a new partner simply has none.
describe('a partner who never kept anything', () => {
  it('reads an empty list', async () => {
    const newcomer = await signUpPartner(app, 'Nia');
    expect(await (await newcomer.api()).measure.kept()).toEqual([]);
  });
});
