import { useCallback, useEffect, useRef, useState } from 'react';
import { problemOf, type Problem } from './client.ts';

export type Resource<T> =
  | { status: 'loading'; data: T | undefined; problem: null }
  | { status: 'ready'; data: T; problem: null }
  | { status: 'error'; data: T | undefined; problem: Problem; error: unknown };

/**
 * Loads data for a page and reloads when `key` changes; an answer for an old key is dropped,
 * so fast typing in a search box never shows stale results. A reload of the same key, or any
 * load with `keepPrevious` (search results, pages of a list), keeps the last answer visible
 * while the next one loads.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
  options: { keepPrevious?: boolean } = {},
): Resource<T> & { reload: () => void; replace: (data: T) => void } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading', data: undefined, problem: null });
  const [generation, setGeneration] = useState(0);
  const lastKey = useRef(key);

  useEffect(() => {
    const controller = new AbortController();
    const keep = options.keepPrevious === true || lastKey.current === key;
    lastKey.current = key;
    setState((previous) => ({ status: 'loading', data: keep ? previous.data : undefined, problem: null }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data, problem: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({ status: 'error', data: previous.data, problem: problemOf(error), error }));
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure on every render; `key` names what it loads.
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  /** Shows data we already know (the server's answer to a write) without asking again. */
  const replace = useCallback((data: T) => setState({ status: 'ready', data, problem: null }), []);
  return { ...state, reload, replace };
}
