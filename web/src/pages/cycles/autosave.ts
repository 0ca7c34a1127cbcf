import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, problemOf, type Problem } from '../../api/client.ts';

/** Where a draft stands; shown in the status line and announced to screen readers. */
export type SaveState<T> =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  /** Not sent: a rule the browser can check (the word limit) is broken. The text stays here. */
  | { kind: 'blocked'; reason: string }
  /** Someone saved from another tab: the user chooses; autosave waits until then. */
  | { kind: 'conflict'; latest: T; version: number }
  | { kind: 'error'; problem: Problem }
  | { kind: 'submitted' };

export interface AutosaveOptions<T, R> {
  initial: T;
  initialVersion: number;
  /** The draft PUT, carrying the version the writer last saw. */
  save: (value: T, version: number) => Promise<R>;
  versionOf: (response: R) => number;
  /** The server's text from a 409 VERSION_CONFLICT problem's `latest`. */
  fromLatest: (latest: unknown) => T;
  /** A reason not to send this value at all (the server would refuse it), or null. */
  blockReason?: (value: T) => string | null;
  onSaved?: (response: R) => void;
  /** False once submitted or outside the phase: nothing is saved. */
  editable: boolean;
  delayMs?: number;
}

export interface Autosave<T, R> {
  value: T;
  setValue: (next: T | ((previous: T) => T)) => void;
  state: SaveState<T>;
  /** True while what is on screen differs from what the server holds. */
  unsaved: boolean;
  /** Saves now (the Retry button), waiting for any save in flight. */
  saveNow: () => Promise<boolean>;
  /** Posts the final version; null when it did not go through (the state says why). */
  submit: (post: (value: T, version: number) => Promise<R>) => Promise<R | null>;
  /** Conflict: save my text over the newer version. */
  keepMine: () => void;
  /** Conflict: take the saved text and drop mine. */
  useSaved: () => void;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The conflict details a 409 VERSION_CONFLICT carries, or null for any other error. */
export function versionConflict(error: unknown): { version: number; latest: unknown } | null {
  if (!(error instanceof ApiError) || error.code !== 'VERSION_CONFLICT') return null;
  const version = error.problem['version'];
  return typeof version === 'number' ? { version, latest: error.problem['latest'] } : null;
}

// Errors after which saving again cannot help: the phase ended or it was submitted elsewhere.
const FINAL_CODES = new Set(['PHASE_CLOSED', 'ALREADY_SUBMITTED', 'FORBIDDEN', 'NOT_FOUND']);

/**
 * A draft that saves itself a moment after the writer pauses, one save at a time, each naming
 * the version it edited. A newer version on the server is never overwritten silently and the
 * writer's text is never dropped silently: the conflict is shown and the writer decides.
 */
export function useAutosave<T, R>(options: AutosaveOptions<T, R>): Autosave<T, R> {
  const opts = useRef(options);
  opts.current = options;
  const [value, setValueState] = useState<T>(options.initial);
  const [state, setState] = useState<SaveState<T>>({ kind: 'idle' });
  const valueRef = useRef<T>(options.initial);
  const savedRef = useRef<T>(options.initial);
  const versionRef = useRef(options.initialVersion);
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const paused = useRef(false);
  const conflictRef = useRef<{ latest: T; version: number } | null>(null);
  const stopped = useRef(!options.editable);

  const clearTimer = () => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
  };

  const handleError = useCallback((error: unknown) => {
    const conflict = versionConflict(error);
    if (conflict) {
      paused.current = true;
      conflictRef.current = { latest: opts.current.fromLatest(conflict.latest), version: conflict.version };
      setState({ kind: 'conflict', ...conflictRef.current });
      return;
    }
    const problem = problemOf(error);
    if (FINAL_CODES.has(problem.code)) stopped.current = true;
    setState({ kind: 'error', problem });
  }, []);

  const runSave = useCallback(async (): Promise<boolean> => {
    clearTimer();
    // One save at a time, so versions stay in order.
    while (inFlight.current) await inFlight.current;
    if (paused.current || stopped.current) return false;
    const snapshot = valueRef.current;
    if (same(snapshot, savedRef.current)) {
      setState((s) => (s.kind === 'dirty' || s.kind === 'saving' ? { kind: 'saved' } : s));
      return true;
    }
    const reason = opts.current.blockReason?.(snapshot) ?? null;
    if (reason) {
      setState({ kind: 'blocked', reason });
      return false;
    }
    setState({ kind: 'saving' });
    const attempt = (async () => {
      try {
        const response = await opts.current.save(snapshot, versionRef.current);
        versionRef.current = opts.current.versionOf(response);
        savedRef.current = snapshot;
        opts.current.onSaved?.(response);
        return true;
      } catch (error) {
        handleError(error);
        return false;
      }
    })();
    inFlight.current = attempt;
    const ok = await attempt;
    inFlight.current = null;
    if (ok) {
      // Typing during the save leaves more to save.
      if (valueRef.current === snapshot) setState({ kind: 'saved' });
      else schedule();
    }
    return ok;
    // schedule is stable (it reads refs only).
  }, [handleError]);

  const schedule = useCallback(() => {
    clearTimer();
    if (stopped.current || paused.current) return;
    const reason = opts.current.blockReason?.(valueRef.current) ?? null;
    if (reason) {
      setState({ kind: 'blocked', reason });
      return;
    }
    setState((s) => (s.kind === 'saving' ? s : { kind: 'dirty' }));
    timer.current = window.setTimeout(() => void runSave(), opts.current.delayMs ?? 900);
  }, [runSave]);

  const setValue = useCallback(
    (next: T | ((previous: T) => T)) => {
      const resolved = typeof next === 'function' ? (next as (previous: T) => T)(valueRef.current) : next;
      valueRef.current = resolved;
      setValueState(resolved);
      if (!stopped.current && !paused.current) schedule();
    },
    [schedule],
  );

  const submit = useCallback(
    async (post: (value: T, version: number) => Promise<R>): Promise<R | null> => {
      clearTimer();
      while (inFlight.current) await inFlight.current;
      if (paused.current || stopped.current) return null;
      const snapshot = valueRef.current;
      try {
        const response = await post(snapshot, versionRef.current);
        versionRef.current = opts.current.versionOf(response);
        savedRef.current = snapshot;
        stopped.current = true;
        setState({ kind: 'submitted' });
        return response;
      } catch (error) {
        handleError(error);
        return null;
      }
    },
    [handleError],
  );

  const keepMine = useCallback(() => {
    const conflict = conflictRef.current;
    if (!conflict) return;
    conflictRef.current = null;
    versionRef.current = conflict.version;
    paused.current = false;
    void runSave();
  }, [runSave]);

  const useSaved = useCallback(() => {
    const conflict = conflictRef.current;
    if (!conflict) return;
    conflictRef.current = null;
    versionRef.current = conflict.version;
    valueRef.current = conflict.latest;
    savedRef.current = conflict.latest;
    paused.current = false;
    setValueState(conflict.latest);
    setState({ kind: 'saved' });
  }, []);

  // Leaving the page with a pause still pending saves at once rather than losing the last words.
  useEffect(
    () => () => {
      if (timer.current !== undefined) void runSave();
    },
    [runSave],
  );

  const unsaved = state.kind !== 'submitted' && !same(value, savedRef.current);

  // Closing the tab with unsaved text asks first.
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  return { value, setValue, state, unsaved, saveNow: runSave, submit, keepMine, useSaved };
}
