import type { ReactNode } from 'react';

/**
 * A region that screen readers announce when its content changes. It is always rendered,
 * empty or not, because content appearing together with its live region is often missed.
 */
export function LiveRegion({ children, assertive = false, className }: { children?: ReactNode; assertive?: boolean; className?: string }) {
  return (
    <div aria-live={assertive ? 'assertive' : 'polite'} aria-atomic="true" className={className}>
      {children}
    </div>
  );
}
