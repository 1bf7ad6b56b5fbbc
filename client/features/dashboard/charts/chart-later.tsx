import { startTransition, useEffect, useState, type ComponentType } from 'react';

/**
 * Runs `task` once the page has painted and the browser has a moment (at most a second later), so what it fetches
 * or draws does not hold up the first screen; returns a way to call it off. Browsers without `requestIdleCallback`
 * (Safari) wait a quarter of a second instead.
 */
export function afterPaint(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(task, 250);
  return () => clearTimeout(timer);
}

/**
 * Runs `task` once, at the first sign of someone using the page (a scroll, a pointer or a key), and returns a way to
 * call it off: the moment to fetch what lies below the fold, before they reach it or print the page.
 */
export function onFirstUse(task: () => void): () => void {
  const events = ['scroll', 'pointermove', 'pointerdown', 'keydown', 'touchstart'] as const;
  const run = () => {
    stop();
    task();
  };
  const stop = () => events.forEach((name) => window.removeEventListener(name, run));
  events.forEach((name) => window.addEventListener(name, run, { passive: true }));
  return stop;
}

/** What a chart's place says on paper when the page was printed before its drawing arrived. */
export const NOT_YET_ON_PAPER =
  'This chart was still loading when the page was printed. Print again in a moment, or choose “Show as table” first.';

/**
 * A chart's drawing, fetched apart from the page with its charting library: the page's words paint first, without
 * waiting for it or sharing the network with it, and the chart's box (sized by the stylesheet) holds its place
 * meanwhile. The drawing then renders as a transition, in slices that leave the page answering taps. Once fetched,
 * it draws at once on every later mount (no suspended first render), so a chart brought in just before printing is
 * on the paper. `preload` starts the fetch early; a failed fetch is tried again on the next mount, and the numbers
 * stay in the table view meanwhile.
 */
export function later<P extends object>(
  load: () => Promise<ComponentType<P>>,
  /**
   * For a chart: said on paper in its place while its drawing is still on its way (a page printed before anyone used
   * it, since `beforeprint` cannot wait for a download). Nothing is said on screen, where the box holds the place.
   */
  options: { notYetOnPaper?: string } = {},
) {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    ));
  function Later(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (Component) return;
      let live = true;
      const cancel = afterPaint(() => {
        preload().then(
          (component) => live && startTransition(() => setComponent(() => component)),
          () => {},
        );
      });
      return () => {
        live = false;
        cancel();
      };
    }, [Component]);
    if (Component) return <Component {...props} />;
    return options.notYetOnPaper ? <p className="print-only muted small">{options.notYetOnPaper}</p> : null;
  }
  return { Later, preload, isLoaded: () => loaded !== undefined };
}
