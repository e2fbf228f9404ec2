import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';

/** Rows rendered beyond each edge of the viewport, so a fast scroll never shows a blank. */
const OVERSCAN_ROWS = 8;

export interface WindowRange {
  /** First and one-past-last row index to render. */
  start: number;
  end: number;
  /** Height of every row together: the spacer that gives the scrollbar its size. */
  totalPx: number;
}

/**
 * Windowing for a list of fixed-height rows: only the rows in (and just around) the
 * viewport are rendered. With one row height the range is plain arithmetic on
 * scrollTop, so no measuring, no layout thrash and no dependency.
 */
export function useWindow(count: number, rowPx: number) {
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 800 });
  const frame = useRef(0);

  const measure = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    setViewport((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
  }, []);

  // One state update per animation frame, however many scroll events the browser sends.
  const onScroll = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      measure();
    });
  }, [measure]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [measure]);

  const start = Math.max(0, Math.floor(viewport.top / rowPx) - OVERSCAN_ROWS);
  const end = Math.min(count, Math.ceil((viewport.top + viewport.height) / rowPx) + OVERSCAN_ROWS);
  const range: WindowRange = { start, end, totalPx: count * rowPx };

  /** Scrolls the least needed to show row `index` whole (keyboard navigation). */
  const reveal = useCallback(
    (index: number) => {
      const el = scroller.current;
      if (!el) return;
      const top = index * rowPx;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowPx > el.scrollTop + el.clientHeight) el.scrollTop = top + rowPx - el.clientHeight;
      measure();
    },
    [rowPx, measure],
  );

  return { scroller, onScroll, range, reveal, visibleRows: Math.max(1, Math.floor(viewport.height / rowPx)) };
}
