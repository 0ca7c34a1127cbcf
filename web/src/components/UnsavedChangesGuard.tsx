import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router-dom';

/**
 * Asks before leaving for another page while `when` holds (text that could not be saved).
 * Closing the tab is guarded separately, by the browser's own beforeunload prompt.
 */
export function UnsavedChangesGuard({ when, message }: { when: boolean; message: string }) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (blocker.state === 'blocked' && dialog && !dialog.open) dialog.showModal();
  }, [blocker.state]);

  if (blocker.state !== 'blocked') return null;
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="unsaved-title" onClose={() => blocker.state === 'blocked' && blocker.reset()}>
      <div className="form">
        <h2 className="card__title" id="unsaved-title">
          Leave without saving?
        </h2>
        <p>{message}</p>
        <div className="form__actions form__actions--end">
          <button type="button" className="button" onClick={() => blocker.reset()}>
            Stay on this page
          </button>
          <button type="button" className="button button--danger-quiet" onClick={() => blocker.proceed()}>
            Leave without saving
          </button>
        </div>
      </div>
    </dialog>
  );
}
