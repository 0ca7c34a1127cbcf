import { useState } from 'react';
import { problemOf, type Problem } from './client.ts';

interface RunOptions {
  /** Rewrites the problem for the reader, for example to name the people it refers to by id. */
  explain?: (problem: Problem) => Problem;
  /** Whether the action shows as busy while it runs (buttons disable on `busy`). */
  busy?: boolean;
  /** Success moves on (navigates away, closes a dialog): stay busy rather than enable the form again. */
  staysBusy?: boolean;
}

export interface Action {
  busy: boolean;
  /** Why the last run failed. */
  problem: Problem | null;
  /** What the last run did, as a sentence to announce. */
  status: string | null;
  setProblem: (problem: Problem | null) => void;
  setStatus: (status: string | null) => void;
  /** Forgets the last outcome, for a form about to check its fields. */
  clear: () => void;
  /** Shows what just happened elsewhere, in place of the last outcome. */
  announce: (message: string) => void;
  /**
   * Forgets the last outcome and runs `work`; the sentence it resolves with becomes the status,
   * an error the problem. Resolves whether it succeeded.
   */
  run: (work: () => Promise<string | void>, options?: RunOptions) => Promise<boolean>;
}

/** One request at a time from a form or button: busy while it runs, then its problem or its status. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  function clear() {
    setProblem(null);
    setStatus(null);
  }

  function announce(message: string) {
    setProblem(null);
    setStatus(message);
  }

  async function run(work: () => Promise<string | void>, { explain, busy: showsBusy = true, staysBusy = false }: RunOptions = {}): Promise<boolean> {
    if (showsBusy) setBusy(true);
    clear();
    try {
      const message = await work();
      if (message) setStatus(message);
      if (showsBusy && !staysBusy) setBusy(false);
      return true;
    } catch (error) {
      const found = problemOf(error);
      setProblem(explain ? explain(found) : found);
      if (showsBusy) setBusy(false);
      return false;
    }
  }

  return { busy, problem, status, setProblem, setStatus, clear, announce, run };
}
