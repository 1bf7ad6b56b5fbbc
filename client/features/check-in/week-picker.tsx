import { addWeeks, compareWeeks, type Week } from '#shared/week';
import { relativeWeekLabel } from '#client/lib/weeks';

const CATCH_UP_WEEKS = 12;

/** This week and the ones before it, for catching up; weeks that have not started are never offered. */
export function WeekPicker({ week, today, onChange }: { week: Week; today: Week; onChange: (week: Week) => void }) {
  const weeks = Array.from({ length: CATCH_UP_WEEKS }, (_, i) => addWeeks(today, -i));
  if (!weeks.includes(week)) weeks.push(week);
  weeks.sort((a, b) => compareWeeks(b, a));
  return (
    <div className="field">
      <label htmlFor="week-picker">Which week are you checking in for?</label>
      <select id="week-picker" value={week} onChange={(e) => onChange(e.target.value)}>
        {weeks.map((w) => (
          <option key={w} value={w}>
            {relativeWeekLabel(w, today)}
          </option>
        ))}
      </select>
    </div>
  );
}
