import { useEffect } from 'react';

/** Sets the browser tab title for a route: "Directory · Highbar". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Highbar` : 'Highbar';
  }, [title]);
}
