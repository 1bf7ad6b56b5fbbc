import type { Week } from '#shared/week';
import type { MeasureItem, MeasureScoring } from './measure.schema';

// A partner's kept questionnaire answers: the ones no couple's schedule holds any longer (restored from an export, or
// kept when they left a couple). They are the person's alone: no coach and no partner reads them.

/** One period of a kept measure: the score, or a skip (no score). */
export interface KeptAnswerDto {
  period: Week;
  score: number | null;
  skipped: boolean;
}

/** A kept measure with its words, its scale and the person's answers, oldest period first. */
export interface KeptMeasureDto {
  measureId: string;
  name: string;
  instructions: string | null;
  scoring: MeasureScoring;
  items: MeasureItem[];
  /** The lowest and highest score it can give. */
  scoreRange: { min: number; max: number };
  /**
   * When it was first kept (an import, or their leaving a couple), by the server's clock. Answers to the same questions
   * kept later join it and leave this as it is.
   */
  keptAt: string;
  answers: KeptAnswerDto[];
}
