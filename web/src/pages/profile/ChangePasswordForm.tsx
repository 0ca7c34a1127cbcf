import { useRef, useState, type FormEvent } from 'react';
import { changeMyPassword } from '../../api/session.ts';
import { useAction } from '../../api/use-action.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Field } from '../../components/Field.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../../src/shared/schemas/common.ts';

/** Changes my password; the server applies the password policy and ends my other sessions. */
export function ChangePasswordForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const action = useAction();
  const [mismatch, setMismatch] = useState(false);
  const repeatRef = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    action.clear();
    if (newPassword !== repeat) {
      setMismatch(true);
      repeatRef.current?.focus();
      return;
    }
    setMismatch(false);
    await action.run(async () => {
      await changeMyPassword({ currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setRepeat('');
      return 'Your password has been changed.';
    });
  }

  return (
    <section className="card card--form" aria-labelledby="change-password">
      <h2 className="card__title" id="change-password">
        Change password
      </h2>
      <p className="muted small">
        At least {PASSWORD_MIN_LENGTH} characters. A long phrase is easier to remember than a short jumble. Your other sessions will be
        signed out.
      </p>
      <form className="form form--narrow" onSubmit={handleSubmit} aria-labelledby="change-password">
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={PASSWORD_MAX_LENGTH}
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
        />
        <Field
          label="Repeat new password"
          ref={repeatRef}
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          error={mismatch ? 'The two new passwords are not the same.' : null}
          onChange={(e) => setRepeat(e.target.value)}
        />
        <ActionOutcome action={action} />
        <div className="form__actions">
          <SubmitButton busy={action.busy} busyLabel="Changing…">
            Change password
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
