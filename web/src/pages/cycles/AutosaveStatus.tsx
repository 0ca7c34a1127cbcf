import type { SaveState } from './autosave.ts';

function text<T>(state: SaveState<T>): string {
  switch (state.kind) {
    case 'idle':
      return '';
    case 'dirty':
      return 'Unsaved changes';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'Saved';
    case 'blocked':
      return `Not saved: ${state.reason}`;
    case 'conflict':
      return 'Not saved: a newer version was saved from another tab or device. Choose which text to keep below.';
    case 'error':
      return `Not saved: ${state.problem.detail}`;
    case 'submitted':
      return 'Submitted';
  }
}

/**
 * The draft's save status, announced politely to screen readers ("Saving…", "Saved", or why
 * not); the Retry button sits outside the live region so it is not re-announced.
 */
export function AutosaveStatus<T>({ state, onRetry }: { state: SaveState<T>; onRetry?: () => void }) {
  const message = text(state);
  const problem = state.kind === 'blocked' || state.kind === 'conflict' || state.kind === 'error';
  return (
    <div className="autosave">
      <div role="status" aria-live="polite" aria-atomic="true" className={problem ? 'autosave__text autosave__text--problem' : `autosave__text autosave__text--${state.kind}`} data-testid="autosave-status">
        {message}
      </div>
      {state.kind === 'error' && onRetry ? (
        <button type="button" className="button button--secondary button--small" onClick={onRetry}>
          Try saving again
        </button>
      ) : null}
    </div>
  );
}
