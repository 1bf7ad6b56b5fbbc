/**
 * The two answers of a ConfirmDialog that asks before something is undone for good: the safe one first and focused,
 * the destructive one disabled while its request runs (a second click sends nothing).
 */
export function ConfirmButtons({
  keepLabel,
  actLabel,
  pendingLabel,
  pending,
  onKeep,
  onAct,
}: {
  keepLabel: string;
  actLabel: string;
  pendingLabel: string;
  pending: boolean;
  onKeep: () => void;
  onAct: () => void;
}) {
  return (
    <div className="button-row">
      <button type="button" className="button button-secondary" onClick={onKeep} data-autofocus>
        {keepLabel}
      </button>
      <button type="button" className="button button-danger" disabled={pending} onClick={onAct}>
        {pending ? pendingLabel : actLabel}
      </button>
    </div>
  );
}
