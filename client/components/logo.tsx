export function Logo() {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
      <circle cx="12" cy="16" r="9" fill="none" stroke="var(--partner-a)" strokeWidth="3" />
      <circle cx="20" cy="16" r="9" fill="none" stroke="var(--partner-b)" strokeWidth="3" strokeDasharray="5 3" />
    </svg>
  );
}
