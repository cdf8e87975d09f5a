/** Which rows of a fixed-row-height list to put in the DOM. */
export interface VisibleRange {
  /** First row index to render (inclusive). */
  readonly start: number;
  /** Row index to stop before (exclusive). */
  readonly end: number;
}

export interface ViewportMetrics {
  readonly scrollTop: number;
  readonly viewportHeight: number;
  readonly rowHeight: number;
  readonly rowCount: number;
  /** Extra rows above and below the viewport so fast scrolling does not show gaps. */
  readonly overscan: number;
}

/**
 * The window of rows to render: everything intersecting the viewport plus `overscan` rows each side,
 * clamped to the list. The DOM size is thus bounded by the window height, not by the list size.
 */
export function visibleRange(metrics: ViewportMetrics): VisibleRange {
  const { scrollTop, viewportHeight, rowHeight, rowCount, overscan } = metrics;
  if (rowCount <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(rowCount - 1, first) - overscan);
  const end = Math.min(rowCount, first + visible + overscan);
  return { start, end: Math.max(start, end) };
}

/**
 * The scrollTop that brings row `index` fully into view, or `scrollTop` unchanged when it already is.
 */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}
