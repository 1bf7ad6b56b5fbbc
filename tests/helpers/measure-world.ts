import type { CreateMeasureInput } from '#shared/schemas/measure.schema';
import { connectCoach, pairedCouple, signUpCoach, THIS_WEEK, type Couple, type Person } from './factories';
import type { TestApp } from './test-app';

// A couple who answered their coach's measure: the start of the tests of measure answers as a person's data.

/** Three items on 1..5, the second reversed, scored by the mean: scores with decimals, from 1 to 5. */
export const EVENINGS: CreateMeasureInput = {
  name: 'Evenings',
  instructions: 'Think of this week’s evenings.',
  items: [
    { text: 'We ate together.', min: 1, max: 5, minLabel: 'Never', maxLabel: 'Every evening' },
    { text: 'I went to bed upset.', min: 1, max: 5, minLabel: 'Never', maxLabel: 'Every evening', reverse: true },
    { text: 'We made plans.', min: 1, max: 5, minLabel: 'Never', maxLabel: 'Every evening' },
  ],
  scoring: 'mean',
  cutoff: { value: 2, direction: 'below' },
  source: 'Casey’s own questions, private to her practice.',
};
/** Ana's answers: (4 + 4 + 3) / 3 */
export const ANA = { answers: [4, 2, 3], score: 3.67 };
/** Ben's answers: (1 + 1 + 2) / 3 */
export const BEN = { answers: [1, 5, 2], score: 1.33 };

export interface AnsweredMeasureWorld {
  couple: Couple;
  coach: Person;
  measureId: string;
  assignmentId: string;
}

/**
 * Ana and Ben, coached by Casey, who scheduled "Evenings" every week from this week, visible to the couple; both
 * answered this week (Ana `ANA`, Ben `BEN`).
 */
export async function coupleAnsweredEvenings(app: TestApp): Promise<AnsweredMeasureWorld> {
  const couple = await pairedCouple(app, ['Ana', 'Ben']);
  const coach = await signUpCoach(app, 'Casey');
  await connectCoach(couple, coach);
  const casey = await coach.api();
  const { measureId } = await casey.measure.create(EVENINGS);
  const { assignmentId } = await casey.measure.assign({
    coupleId: couple.coupleId,
    measureId,
    everyWeeks: 1,
    visibleToCouple: true,
  });
  await (await couple.a.api()).measure.answer({ assignmentId, period: THIS_WEEK, answers: ANA.answers });
  await (await couple.b.api()).measure.answer({ assignmentId, period: THIS_WEEK, answers: BEN.answers });
  return { couple, coach, measureId, assignmentId };
}
