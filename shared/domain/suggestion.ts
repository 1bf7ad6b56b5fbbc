// Which practice a couple might work on next, and why, in words they can check against their own numbers.
// Pure and deterministic: the same check-ins give the same suggestion whatever order the partners or entries
// arrive in. No I/O.

import { PRACTICE_IDS, type PracticeId } from '#shared/practice-ids';
import type { Ratings } from '#shared/schemas/common.schema';
import { weeksBetween, type Week } from '#shared/week';
import { countWord, formatNumber, listNames, points, practiceLabel } from '#shared/wording';
import { mean, round2 } from './numbers';
import {
  partnerHistories,
  practiceSignals,
  RECENT_WEEKS,
  type PartnerFall,
  type PartnerHistory,
  type PartnerLevel,
  type PracticeSignals,
} from './suggestion-signals';

/** Weight of the lower partner's level: one partner at 3 is a need even if the other is at 9. */
export const LEVEL_MIN_WEIGHT = 0.7;
/** Weight of the couple's mean level. */
export const LEVEL_MEAN_WEIGHT = 0.3;
/** A fall of this many points or more, latest check-in against about four weeks earlier, counts as a decline. */
export const DECLINE_THRESHOLD = 3;
/** Urgency per point of a decline. At least 1.5, so a decline always beats the foundation bonus. */
export const DECLINE_WEIGHT = 0.5;
/**
 * Partners whose recent levels are this many points apart see a practice differently enough to talk about it. Lower
 * than the roster's LATEST_GAP_THRESHOLD: a level averages up to three check-ins, which one odd week moves less than
 * it moves a single rating, and here the gap only adds to a score rather than calling a coach.
 */
export const LEVEL_GAP_THRESHOLD = 3;
/** Urgency per point of such a gap. */
export const GAP_WEIGHT = 0.3;
/** Communication and trust carry the other practices: among scores this close, they come first. */
export const FOUNDATION_BONUS = 0.5;
export const FOUNDATIONS: readonly PracticeId[] = ['communication', 'trust'];
/** A newly adopted focus stays first for this many weeks, so the suggestion does not flip-flop. */
export const PATIENCE_WEEKS = 2;

export interface SuggestionInput {
  /**
   * The week the suggestion is for. It rests on the check-ins of the weeks before it, so it does not move while the
   * partners check in: this week's answers count from next week on.
   */
  thisWeek: Week;
  /**
   * Partners in join order; either may have no entries. Entries any order. The one marked `you` is the reader, whom
   * the sentences address; with nobody marked, every partner is named.
   */
  partners: { name: string; entries: { week: Week; ratings: Ratings }[]; you?: boolean }[];
  /** The couple's adopted focus, if any. */
  focus: { practiceId: PracticeId; sinceWeek: Week } | null;
  /** A focus assigned by the couple's coach, if any; `byReader` when the coach reading assigned it. */
  coachFocus: { practiceId: PracticeId; note: string | null; coachName: string; byReader?: boolean } | null;
  /** Who reads the sentences: one of the partners (the default), or a coach, who reads about "them". */
  reader?: 'partner' | 'coach';
}

/**
 * Why the first practice is first: a coach chose it, the couple's young focus is kept (`focus`), or the check-ins put
 * it there (`ratings`, which includes a sharp fall placed before a young focus).
 */
export type SuggestionBasis = 'coach' | 'focus' | 'ratings';

export interface SuggestionResult {
  practiceId: PracticeId;
  basis: SuggestionBasis;
  /** One to three plain sentences, citing the numbers behind the suggestion. */
  reasons: string[];
  /**
   * All ten practices once, most urgent first. Scores are the urgency from the check-ins alone; a coach's focus,
   * or a focus kept for patience, is placed first whatever its score.
   */
  ranking: { practiceId: PracticeId; score: number }[];
}

/** Why the first practice was placed first rather than reached by its score. */
type Pin = { kind: 'coach' } | { kind: 'patience'; weeks: number } | { kind: 'fall'; over: PracticeId } | null;

/** Ties go to the foundations, then to the contract's order. */
const TIE_ORDER: readonly PracticeId[] = [...FOUNDATIONS, ...PRACTICE_IDS.filter((id) => !FOUNDATIONS.includes(id))];

export function suggestNext(input: SuggestionInput): SuggestionResult {
  const histories = partnerHistories(input.partners, input.thisWeek);
  const signals = new Map(PRACTICE_IDS.map((id) => [id, practiceSignals(histories, id)]));
  const scored = TIE_ORDER.map((practiceId) => ({ practiceId, score: round2(urgency(signals.get(practiceId)!)) }));
  // Array.prototype.sort is stable, so equal scores keep the tie order.
  const byScore = scored.sort((a, b) => b.score - a.score);

  const { practiceId, pin } = choose(input, byScore, signals);
  const ranking = [
    byScore.find((row) => row.practiceId === practiceId)!,
    ...byScore.filter((row) => row.practiceId !== practiceId),
  ];
  const basis: SuggestionBasis = pin?.kind === 'coach' ? 'coach' : pin?.kind === 'patience' ? 'focus' : 'ratings';
  return { practiceId, basis, reasons: explain(input, histories, signals, ranking, pin), ranking };
}

/** Level, decline, perception gap and the foundation bonus, added up. Higher is more urgent. */
export function urgency(signals: PracticeSignals): number {
  const bonus = FOUNDATIONS.includes(signals.practiceId) ? FOUNDATION_BONUS : 0;
  return levelUrgency(signals) + declineUrgency(signals) + gapUrgency(signals) + bonus;
}

/** (10 - lower level) * 0.7 + (10 - mean level) * 0.3; nothing to go on counts as no urgency. */
function levelUrgency(signals: PracticeSignals): number {
  const values = signals.levels.map((l) => l.level);
  const average = mean(values);
  if (average === null) return 0;
  return (10 - Math.min(...values)) * LEVEL_MIN_WEIGHT + (10 - average) * LEVEL_MEAN_WEIGHT;
}

function declineUrgency(signals: PracticeSignals): number {
  const fall = largestFall(signals);
  return fall ? fall.amount * DECLINE_WEIGHT : 0;
}

function gapUrgency(signals: PracticeSignals): number {
  return signals.gap >= LEVEL_GAP_THRESHOLD ? signals.gap * GAP_WEIGHT : 0;
}

/** The larger partner's fall, if it is large enough to count as a decline. */
function largestFall(signals: PracticeSignals): PartnerFall | null {
  const fall = signals.falls[0];
  return fall && fall.amount >= DECLINE_THRESHOLD ? fall : null;
}

function choose(
  input: SuggestionInput,
  byScore: readonly { practiceId: PracticeId; score: number }[],
  signals: ReadonlyMap<PracticeId, PracticeSignals>,
): { practiceId: PracticeId; pin: Pin } {
  // The coach knows things the numbers do not: their choice overrides everything.
  if (input.coachFocus) return { practiceId: input.coachFocus.practiceId, pin: { kind: 'coach' } };
  const focus = input.focus;
  const top = byScore[0]!.practiceId;
  if (!focus) return { practiceId: top, pin: null };
  const weeks = weeksBetween(focus.sinceWeek, input.thisWeek);
  if (weeks >= PATIENCE_WEEKS) return { practiceId: top, pin: null };
  // A young focus stays, unless another practice fell sharply and now needs more than the focus does; then the
  // most urgent of those falls comes first, not some third practice that was already there when they chose.
  const focusScore = byScore.find((row) => row.practiceId === focus.practiceId)!.score;
  const fallen = byScore.find(
    (row) => row.practiceId !== focus.practiceId && row.score > focusScore && largestFall(signals.get(row.practiceId)!),
  );
  if (fallen) return { practiceId: fallen.practiceId, pin: { kind: 'fall', over: focus.practiceId } };
  return { practiceId: focus.practiceId, pin: { kind: 'patience', weeks } };
}

// ── Reasons ──────────────────────────────────────────────────────────────────────────────────────────────────

const MAX_REASONS = 3;

function explain(
  input: SuggestionInput,
  histories: readonly PartnerHistory[],
  signals: ReadonlyMap<PracticeId, PracticeSignals>,
  ranking: readonly { practiceId: PracticeId; score: number }[],
  pin: Pin,
): string[] {
  const chosen = ranking[0]!.practiceId;
  const own = signals.get(chosen)!;
  const label = practiceLabel(chosen);
  const anyRecent = histories.some((h) => h.recent.length > 0);
  const voice = voiceOf(input);

  const head: string[] = [];
  if (pin?.kind === 'coach') head.push(coachReason(input.coachFocus!, label, voice));
  if (pin?.kind === 'patience') head.push(patienceReason(label, pin.weeks, voice));
  if (pin?.kind === 'fall')
    head.push(
      `${fallSentence(own, histories, voice)}, so it comes before ${voice.our} focus on ${practiceLabel(pin.over)} for now.`,
    );

  if (!anyRecent) {
    const nothing = nothingYet(histories, voice);
    const tail = pin
      ? `${nothing}, so there are no ratings to weigh yet.`
      : `${nothing}, so begin with ${label}: the other practices rest on talking openly.`;
    return [...head, tail];
  }

  const middle: string[] = [];
  if (pin?.kind !== 'fall' && largestFall(own)) middle.push(`${fallSentence(own, histories, voice)}.`);
  if (own.gap >= LEVEL_GAP_THRESHOLD) middle.push(gapReason(own, label));
  else middle.push(levelReason(own, chosen, signals, voice));
  if (!pin && foundationDecided(chosen, signals)) middle.push(foundationReason(chosen));

  const tail = missingPartners(histories);
  return [...head, ...middle.slice(0, Math.max(0, MAX_REASONS - head.length - tail.length)), ...tail].slice(
    0,
    MAX_REASONS,
  );
}

// ── Voice: the reasons speak to whoever reads them ─────────────────────────────────────────────────────────────

/** A partner reads about "you" and "your focus"; a coach reads about the couple as "them". */
interface Voice {
  coach: boolean;
  /** "you" to a partner, "them" to a coach: the couple as a whole. */
  them: string;
  /** "your" or "their": the couple's. */
  our: string;
}

function voiceOf(input: SuggestionInput): Voice {
  const coach = input.reader === 'coach';
  return { coach, them: coach ? 'them' : 'you', our: coach ? 'their' : 'your' };
}

/** The reader as "you", anyone else by name. */
const nameOf = (person: { name: string; you: boolean }) => (person.you ? 'you' : person.name);
const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function coachReason(coach: NonNullable<SuggestionInput['coachFocus']>, label: string, voice: Voice): string {
  const name = coach.coachName.trim();
  const note = coach.note?.trim();
  if (voice.coach && coach.byReader)
    return note
      ? `You chose ${label} for them to focus on, with this note: "${note}"`
      : `You chose ${label} for them to focus on.`;
  const who = name ? `${upperFirst(voice.our)} coach, ${name},` : `${upperFirst(voice.our)} coach`;
  return note
    ? `${who} chose ${label} for ${voice.them} to focus on, with this note: "${note}"`
    : `${who} chose ${label} for ${voice.them} to focus on.`;
}

function patienceReason(label: string, weeks: number, voice: Voice): string {
  const when = weeks <= 0 ? 'this week' : 'last week';
  const who = voice.coach ? 'They' : 'You';
  return `${who} chose ${label} as ${voice.our} focus ${when}; giving it at least ${countWord(PATIENCE_WEEKS)} weeks lets it take hold.`;
}

/** "Rituals fell 4 points for Alex over four weeks, from 8 to 4", without the full stop. */
function fallSentence(signals: PracticeSignals, histories: readonly PartnerHistory[], voice: Voice): string {
  const fall = largestFall(signals)!;
  const label = practiceLabel(signals.practiceId, true);
  const same = signals.falls.filter((f) => f.amount === fall.amount);
  const everyone = histories.length > 1 && same.length === histories.length;
  const who = everyone ? `${histories.length === 2 ? 'both' : 'all'} of ${voice.them}` : nameOf(fall);
  const detail =
    same.length === 1 || same.every((f) => f.from === fall.from)
      ? `, from ${formatNumber(fall.from)} to ${formatNumber(fall.to)}`
      : '';
  return `${label} fell ${points(fall.amount)} for ${who} over ${countWord(fall.weeks)} weeks${detail}`;
}

/**
 * The ratings are self-ratings, so the sentence says whose own rating each number is ("your own rating of empathy
 * is 8 and Blake's is 1"), never that one partner "sees" the practice at a number, which reads as two opinions of one
 * thing.
 */
function gapReason(signals: PracticeSignals, label: string): string {
  const values = signals.levels.map((l) => l.level);
  const high = signals.levels.find((l) => l.level === Math.max(...values))!;
  const low = signals.levels.find((l) => l.level === Math.min(...values))!;
  // Names in canonical order, so swapping the partners does not change the sentence.
  const [first, second] = signals.levels.indexOf(high) < signals.levels.indexOf(low) ? [high, low] : [low, high];
  const whose = (level: PartnerLevel) => (level.you ? 'your' : `${level.name}'s`);
  return (
    `Over recent check-ins, ${whose(first)} own rating of ${label} is ${formatNumber(first.level)} and ` +
    `${whose(second)} is ${formatNumber(second.level)}: ${points(signals.gap)} apart, a gap worth talking about.`
  );
}

function levelReason(
  signals: PracticeSignals,
  chosen: PracticeId,
  all: ReadonlyMap<PracticeId, PracticeSignals>,
  voice: Voice,
): string {
  const label = practiceLabel(chosen, true);
  const counts = new Set(signals.levels.map((l) => l.count));
  const count = counts.size === 1 ? [...counts][0]! : null;
  const period =
    count === 1
      ? 'in the latest check-in'
      : count
        ? `over the last ${countWord(count)} check-ins`
        : 'over recent check-ins';
  const verb = count === 1 ? 'stood at' : 'averaged';
  const shown = signals.levels.map((l) => formatNumber(l.level));
  const whose =
    signals.levels.length === 1
      ? `${verb} ${shown[0]!} for ${nameOf(signals.levels[0]!)}`
      : new Set(shown).size === 1
        ? `${verb} ${shown[0]!} for ${signals.levels.length === 2 ? 'both' : 'all'} of ${voice.them}`
        : `${verb} ${listNames(signals.levels.map((l, i) => `${shown[i]!} for ${nameOf(l)}`))}`;
  return `${label} ${whose} ${period}${lowestNote(chosen, all)}.`;
}

/** Whether this practice's level is the lowest of the ten, by the same measure the score uses. */
function lowestNote(chosen: PracticeId, all: ReadonlyMap<PracticeId, PracticeSignals>): string {
  const levels = PRACTICE_IDS.map((id) => round2(levelUrgency(all.get(id)!)));
  const own = round2(levelUrgency(all.get(chosen)!));
  const highest = Math.max(...levels);
  if (own < highest || levels.every((l) => l === own)) return '';
  return levels.filter((l) => l === own).length === 1 ? ', the lowest of the ten' : ', tied for the lowest of the ten';
}

/** True when a foundation is first only thanks to its bonus: some other practice scored as much without it. */
function foundationDecided(chosen: PracticeId, signals: ReadonlyMap<PracticeId, PracticeSignals>): boolean {
  if (!FOUNDATIONS.includes(chosen)) return false;
  const own = round2(urgency(signals.get(chosen)!) - FOUNDATION_BONUS);
  return PRACTICE_IDS.some((id) => !FOUNDATIONS.includes(id) && round2(urgency(signals.get(id)!)) >= own);
}

function foundationReason(chosen: PracticeId): string {
  return `Communication and trust carry the other practices, so when scores are this close ${practiceLabel(chosen)} comes first.`;
}

/**
 * Nothing recent to go on. Said of the weeks before this one only, so it holds whoever has checked in this week:
 * this week's check-ins are not part of this week's suggestion.
 */
function nothingYet(histories: readonly PartnerHistory[], voice: Voice): string {
  if (!histories.some((h) => h.everLogged)) return 'There are no check-ins from before this week to go on yet';
  const when = `in the ${countWord(RECENT_WEEKS)} weeks before this one`;
  if (histories.length === 1) return `${upperFirst(nameOf(histories[0]!))} did not check in ${when}`;
  return `${histories.length === 2 ? `Neither of ${voice.them}` : 'No one'} checked in ${when}`;
}

/** Partners with nothing recent, when someone else has: the suggestion rests on the others' check-ins alone. */
function missingPartners(histories: readonly PartnerHistory[]): string[] {
  const present = histories.filter((h) => h.recent.length > 0);
  const whose = present.length === 1 && present[0]!.you ? 'your' : `${listNames(present.map(nameOf))}'s`;
  const reasons: string[] = [];
  for (const missing of histories.filter((h) => h.recent.length === 0)) {
    const who = upperFirst(nameOf(missing));
    const what = missing.everLogged
      ? `${who} did not check in in the ${countWord(RECENT_WEEKS)} weeks before this one`
      : `${who} ${missing.you ? 'have' : 'has'} no check-ins from before this week yet`;
    reasons.push(`${what}, so this rests on ${whose} check-ins alone.`);
  }
  return reasons.slice(0, 1);
}
