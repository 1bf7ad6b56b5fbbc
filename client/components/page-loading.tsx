/** Holds the page's shape while it loads, so nothing jumps when the content arrives. */
export function PageLoading() {
  return (
    <div className="stack" aria-busy="true" aria-live="polite">
      <span className="visually-hidden">Loading…</span>
      <div className="skeleton" style={{ height: '2rem', width: '40%' }} />
      <div className="skeleton" style={{ height: '8rem' }} />
      <div className="skeleton" style={{ height: '8rem' }} />
    </div>
  );
}
