import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useAction } from '../api/use-action.ts';
import { LiveRegion } from './LiveRegion.tsx';
import { ProblemMessage } from './ProblemMessage.tsx';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel?: string;
  /** Red confirm button, for what cannot be undone. */
  danger?: boolean;
  /** Resolves when done (the dialog closes); throws to keep it open with the problem shown. */
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
}

/**
 * A modal asking to confirm a consequential action. Focus starts on Cancel, Escape cancels,
 * and closing returns focus to the button that opened it.
 */
export function ConfirmDialog({ title, children, confirmLabel, busyLabel, danger = false, onConfirm, onClose }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const { busy, problem, run } = useAction();

  useEffect(() => {
    const dialog = ref.current;
    // No close() on cleanup: StrictMode's rehearsal unmount would close it at once.
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
  }, []);

  function confirm() {
    return run(
      async () => {
        await onConfirm();
        ref.current?.close();
      },
      { staysBusy: true },
    );
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} aria-describedby={bodyId} onClose={onClose}>
      <div className="form">
        <h2 className="card__title" id={titleId}>
          {title}
        </h2>
        <div className="dialog__body" id={bodyId}>
          {children}
        </div>
        <LiveRegion>{problem ? <ProblemMessage problem={problem} /> : null}</LiveRegion>
        <div className="form__actions form__actions--end">
          <button type="button" className="button button--secondary" ref={cancelRef} onClick={() => ref.current?.close()} disabled={busy}>
            Cancel
          </button>
          <button type="button" className={danger ? 'button button--danger' : 'button'} onClick={confirm} disabled={busy}>
            {busy ? (busyLabel ?? 'Working…') : confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
