import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { visibleRange } from './virtual-range.ts';

interface VirtualListProps<T> {
  items: readonly T[];
  itemKey: (item: T) => string | number;
  /** The cells of one row (elements with role="cell"). */
  renderRow: (item: T, index: number) => ReactNode;
  /** The column headers (elements with role="columnheader"). */
  header: ReactNode;
  /** Names the table for assistive tech. */
  label: string;
  /** A first guess; the real height is measured from a rendered row (CSS fixes it per screen width). */
  estimatedRowHeight: number;
  className?: string;
  overscan?: number;
  /** Shown instead of rows when there are none. */
  empty?: ReactNode;
}

/**
 * A table of thousands of rows that renders only the rows in view (plus a few either side), so a
 * board of 5,000 people scrolls and updates like one of fifty. Rows have one fixed height, set by
 * CSS; the list measures it rather than trusting the estimate. Assistive tech still hears the
 * full size: the table carries aria-rowcount and each row its aria-rowindex. The viewport takes
 * focus so the keyboard scrolls it, and Tab moves through the rendered rows' controls, each focus
 * scrolling the next rows into view.
 *
 * Geometry goes through React's style prop, which sets it through the CSSOM: the server's CSP
 * (style-src 'self') refuses style attributes in markup, not styles set from script.
 */
export function VirtualList<T>({ items, itemKey, renderRow, header, label, estimatedRowHeight, className, overscan = 8, empty }: VirtualListProps<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const firstRow = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(600);
  const [rowHeight, setRowHeight] = useState(estimatedRowHeight);

  const measure = useCallback(() => {
    const measured = firstRow.current?.offsetHeight;
    if (measured && measured !== rowHeight) setRowHeight(measured);
    if (viewport.current) setViewportHeight(viewport.current.clientHeight);
  }, [rowHeight]);

  useLayoutEffect(measure);

  useEffect(() => {
    const element = viewport.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    // A narrower screen changes the row height (the CSS stacks the cells): measure again.
    const observer = new ResizeObserver(() => measure());
    observer.observe(element);
    return () => observer.disconnect();
  }, [measure]);

  // Another list (a filter) starts at its top; a move or a vote keeps the length, and the place.
  useEffect(() => {
    const element = viewport.current;
    if (element && element.scrollTop > 0) {
      element.scrollTop = 0;
      setScrollTop(0);
    }
  }, [items.length]);

  const { start, end } = visibleRange({ scrollTop, viewportHeight, rowHeight, count: items.length, overscan });
  const shown = items.slice(start, end);
  return (
    <div role="table" aria-label={label} aria-rowcount={items.length + 1} className={['vlist', className].filter(Boolean).join(' ')}>
      <div role="rowgroup" className="vlist__head">
        <div role="row" aria-rowindex={1} className="vlist__row vlist__row--head">
          {header}
        </div>
      </div>
      <div
        role="rowgroup"
        className="vlist__viewport"
        ref={viewport}
        tabIndex={0}
        aria-label={`${label}: scroll for more`}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        {items.length === 0 ? (
          <div className="vlist__empty">{empty}</div>
        ) : (
          <div className="vlist__spacer" style={{ height: items.length * rowHeight }}>
            <div className="vlist__window" style={{ transform: `translateY(${start * rowHeight}px)` }}>
              {shown.map((item, i) => (
                <div role="row" aria-rowindex={start + i + 2} className="vlist__row" key={itemKey(item)} ref={i === 0 ? firstRow : undefined}>
                  {renderRow(item, start + i)}
                </div>
              ))}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
