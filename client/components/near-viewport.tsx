import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/** How far ahead of the screen a part starts: far enough that it is drawn before anyone scrolls to it. */
const AHEAD = '400px 0px';

/**
 * True once the element has come within reach of the screen; stays true. A page prints whole, so `beforeprint` brings
 * everything in at once (synchronously, before the browser lays the page out for paper). Where the browser has no
 * IntersectionObserver, true at once: the part is then simply drawn with the page.
 */
export function useNearViewport(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: AHEAD },
    );
    observer.observe(element);
    const beforePrint = () => flushSync(() => setNear(true));
    window.addEventListener('beforeprint', beforePrint);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', beforePrint);
    };
  }, [near, ref]);
  return near;
}

/**
 * Draws `children` only as they come near the screen: a chart below the fold costs nothing until then. Until it does,
 * an empty box of `placeholderClassName` holds the chart's exact place, so nothing below it moves when it arrives.
 * `skip` draws them at once, for a page that is all on screen or meant for paper.
 */
export function NearViewport({
  placeholderClassName,
  skip = false,
  children,
}: {
  placeholderClassName: string;
  skip?: boolean;
  children: ReactNode;
}) {
  const placeholder = useRef<HTMLDivElement>(null);
  const near = useNearViewport(placeholder);
  if (near || skip) return children;
  return <div ref={placeholder} className={placeholderClassName} data-near-viewport="waiting" aria-hidden="true" />;
}
