import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { setReauthenticationHandler } from '../api/client.ts';
import { reauthenticate } from '../api/session.ts';
import { useAction } from '../api/use-action.ts';
import { Field } from './Field.tsx';
import { LiveRegion } from './LiveRegion.tsx';
import { ProblemMessage } from './ProblemMessage.tsx';

/**
 * Installs the re-authentication handler for the signed-in app: when a pipeline, calibration or
 * demographic request answers REAUTHENTICATION_REQUIRED, this asks for the password, and the
 * API client retries the request once it is proved. Mounted once, in the shell.
 */
export function ReauthenticationPrompt({ email }: { email: string }) {
  const [pending, setPending] = useState<((proved: boolean) => void) | null>(null);
  const pendingRef = useRef<((proved: boolean) => void) | null>(null);

  useEffect(() => {
    setReauthenticationHandler(
      () =>
        new Promise<boolean>((resolve) => {
          pendingRef.current = resolve;
          setPending(() => resolve);
        }),
    );
    return () => {
      setReauthenticationHandler(null);
      // Leaving the signed-in app (the session ended): the waiting requests give up.
      pendingRef.current?.(false);
      pendingRef.current = null;
    };
  }, []);

  if (!pending) return null;
  return (
    <ReauthenticateDialog
      email={email}
      onDone={(proved) => {
        pendingRef.current = null;
        setPending(null);
        pending(proved);
      }}
    />
  );
}

interface ReauthenticateDialogProps {
  email: string;
  /** true once the password is proved; false when the user cancels (Escape or Cancel). */
  onDone: (proved: boolean) => void;
}

/**
 * A modal password prompt. The native modal dialog makes the page behind inert and Tab wraps
 * inside it (without the wrap, Tab would leave for the browser's own controls); focus starts on
 * the password, Escape cancels, and closing gives focus back to where it was.
 */
export function ReauthenticateDialog({ email, onDone }: ReauthenticateDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const proved = useRef(false);
  const titleId = useId();
  const bodyId = useId();
  const [password, setPassword] = useState('');
  const { busy, problem, run } = useAction();

  useEffect(() => {
    const dialog = ref.current;
    // No close() on cleanup: StrictMode's rehearsal unmount would close it at once. Closing a
    // modal dialog gives focus back to where it was by itself.
    if (dialog && !dialog.open) dialog.showModal();
    passwordRef.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await run(async () => {
      await reauthenticate(password);
    });
    if (ok) {
      proved.current = true;
      ref.current?.close();
    } else {
      setPassword('');
      passwordRef.current?.focus();
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid="reauthenticate-dialog"
      onClose={() => onDone(proved.current)}
      // A proof in flight finishes before the dialog may go.
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
      onKeyDown={trapTab}
    >
      <form className="form" onSubmit={submit} noValidate>
        <h2 className="card__title" id={titleId}>
          Confirm your password
        </h2>
        <div className="dialog__body" id={bodyId}>
          <p>
            Pipeline, calibration and demographic records need a recent password check. Enter the password for <strong>{email}</strong> to continue
            where you were.
          </p>
        </div>
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          ref={passwordRef}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          disabled={busy}
        />
        <LiveRegion>{problem ? <ProblemMessage problem={problem} /> : null}</LiveRegion>
        <div className="form__actions form__actions--end">
          <button type="button" className="button button--secondary" onClick={() => ref.current?.close()} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={busy || password.length === 0}>
            {busy ? 'Checking…' : 'Confirm'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** Keeps Tab and Shift+Tab cycling through the dialog's enabled controls. */
function trapTab(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== 'Tab') return;
  const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>('input, button, a[href], textarea, select')].filter(
    (element) => !(element as HTMLInputElement).disabled,
  );
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
