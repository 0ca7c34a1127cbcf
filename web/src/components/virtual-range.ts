/** The rows a scrolled window shows: [start, end) with `overscan` rows either side. */
export function visibleRange(options: { scrollTop: number; viewportHeight: number; rowHeight: number; count: number; overscan: number }): { start: number; end: number } {
  const { scrollTop, viewportHeight, rowHeight, count, overscan } = options;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first, count - 1) - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end };
}

/** The scroll position that brings row `index` fully into a viewport, or null when it already is. */
export function scrollToReveal(options: { index: number; scrollTop: number; viewportHeight: number; rowHeight: number }): number | null {
  const top = options.index * options.rowHeight;
  const bottom = top + options.rowHeight;
  if (top < options.scrollTop) return top;
  if (bottom > options.scrollTop + options.viewportHeight) return bottom - options.viewportHeight;
  return null;
}
