import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateMeasureInput } from '#shared/schemas/measure.schema';
import { countRows } from '../helpers/db-state';
import { connectCoach, pairedCouple, signUpCoach, THIS_WEEK, WEDNESDAY } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

// The same request sent several times at once (a double click, a retry racing the first try): each keeps one row and
// every copy gets the same answer, never a 500. On PostgreSQL the copies run side by side, SERIALIZABLE; on SQLite
// they queue for the one connection.

const COPIES = 6;

const ONE_ITEM: CreateMeasureInput = {
  name: 'Weekly tension',
  items: [{ text: 'How tense was this week?', min: 0, max: 10, minLabel: 'Calm', maxLabel: 'Very tense' }],
  scoring: 'sum',
};

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
});
afterEach(async () => {
  await app.close();
});

const times = <T>(work: () => Promise<T>) => Promise.all(Array.from({ length: COPIES }, work));

describe('measure requests sent several times at once', () => {
  it('keep one measure, one schedule and one answer', async () => {
    const couple = await pairedCouple(app);
    const coach = await signUpCoach(app);
    await connectCoach(couple, coach);
    const api = await coach.api();

    const created = await times(() => api.measure.create({ ...ONE_ITEM, draftKey: 'same-draft-0001' }));
    expect(new Set(created.map((c) => c.measureId)).size).toBe(1);
    const measureId = created[0]!.measureId;

    const assign = { coupleId: couple.coupleId, measureId, everyWeeks: 1, visibleToCouple: true };
    const assigned = await times(() => api.measure.assign(assign));
    expect(new Set(assigned.map((a) => a.assignmentId)).size).toBe(1);
    const assignmentId = assigned[0]!.assignmentId;

    const ana = await couple.a.api();
    const answered = await times(() => ana.measure.answer({ assignmentId, period: THIS_WEEK, answers: [7] }));
    expect(answered).toEqual(Array.from({ length: COPIES }, () => ({ score: 7 })));
    const ben = await couple.b.api();
    await times(() => ben.measure.skip({ assignmentId, period: THIS_WEEK }));

    expect(await countRows(app, 'measures')).toBe(1);
    expect(await countRows(app, 'measure_versions')).toBe(1);
    expect(await countRows(app, 'measure_assignments')).toBe(1);
    expect(await countRows(app, 'measure_answers')).toBe(2);
    expect((await ana.measure.due()).map((d) => d.status)).toEqual(['answered']);
    expect((await ben.measure.due()).map((d) => d.status)).toEqual(['skipped']);
  }, 60_000);
});
