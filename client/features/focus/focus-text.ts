import type { FocusBand } from '#shared/schemas/dashboard.schema';
import type { FocusDto } from '#shared/schemas/focus.schema';
import { addWeeks, weeksBetween } from '#shared/week';
import { lowerFirst } from '#shared/wording';
import { localWeek, weekLabel } from '#client/lib/weeks';

const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** "you" for the viewer, the partner's name otherwise, "one of you" once the account is gone. */
export function adopterName(focus: FocusDto, viewerId: string): string {
  if (focus.byFormerPartner) return 'a former partner';
  if (!focus.adoptedBy) return 'one of you';
  return focus.adoptedBy.id === viewerId ? 'you' : focus.adoptedBy.displayName;
}

/**
 * "Chosen by Ana on 25 Nov; your focus since the week of 23 Nov (2 weeks)." A coach reads "their focus" (and a
 * partner's name for whoever chose it, since the coach is neither).
 */
export function currentFocusLine(
  focus: FocusDto,
  viewerId: string,
  today = localWeek(),
  whose: 'your' | 'their' = 'your',
): string {
  const weeks = Math.max(0, weeksBetween(focus.startWeek, today)) + 1;
  const length = weeks === 1 ? 'its first week' : `${weeks} weeks`;
  const who =
    whose === 'their' && !focus.adoptedBy && !focus.byFormerPartner ? 'one of them' : adopterName(focus, viewerId);
  return `Chosen by ${who} on ${dayMonth.format(new Date(focus.adoptedAt))}; ${whose} focus since the ${lowerFirst(weekLabel(focus.startWeek, today))} (${length}).`;
}

/** "Week of 2 Nov to week of 16 Nov (3 weeks)", or "Since the week of 23 Nov (now)". */
export function focusPeriodLabel(
  focus: Pick<FocusDto, 'startWeek' | 'endWeek'>,
  today = localWeek(),
  whose: 'your' | 'their' = 'your',
): string {
  if (focus.endWeek === null)
    return `Since the ${lowerFirst(weekLabel(focus.startWeek, today))}, and still ${whose} focus`;
  const last = addWeeks(focus.endWeek, -1);
  const weeks = weeksBetween(focus.startWeek, last) + 1;
  if (weeks <= 0) return `Chosen in the ${lowerFirst(weekLabel(focus.startWeek, today))} and changed the same week`;
  if (weeks === 1) return `The ${lowerFirst(weekLabel(focus.startWeek, today))} (1 week)`;
  return `${weekLabel(focus.startWeek, today)} to the ${lowerFirst(weekLabel(last, today))} (${weeks} weeks)`;
}

/** The same words for a band on a chart: its first and last week, or "now". */
export function bandLabel(band: FocusBand, today = localWeek()): string {
  return focusPeriodLabel(
    { startWeek: band.fromWeek, endWeek: band.toWeek === null ? null : addWeeks(band.toWeek, 1) },
    today,
  );
}
