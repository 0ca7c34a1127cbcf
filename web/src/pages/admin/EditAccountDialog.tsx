import { useEffect, useRef, useState, type FormEvent } from 'react';
import { updateAccount, type Account } from '../../api/accounts.ts';
import { useAction } from '../../api/use-action.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { draftFromAccount, rolesPayload, type RolesDraft } from './account-form.ts';
import { RolesFields } from './RolesFields.tsx';

/** A modal for changing an account's roles and HR scope; closing it calls onClose. */
export function EditAccountDialog({ account, onSaved, onClose }: { account: Account; onSaved: (account: Account) => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<RolesDraft>(() => draftFromAccount(account));
  const [scopeError, setScopeError] = useState<string | null>(null);
  const action = useAction();

  useEffect(() => {
    const dialog = ref.current;
    // No close() on cleanup: StrictMode's rehearsal unmount would close it at once, and a
    // removed dialog stops being modal anyway.
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    action.clear();
    const payload = rolesPayload(draft);
    if (!payload.ok) {
      setScopeError(payload.scopeError);
      return;
    }
    setScopeError(null);
    await action.run(
      async () => {
        const saved = await updateAccount(account.id, { roles: payload.roles, ...(payload.hrScope ? { hrScope: payload.hrScope } : {}) });
        onSaved(saved);
        // Closing (rather than unmounting) returns focus to the button that opened the dialog.
        ref.current?.close();
      },
      { staysBusy: true },
    );
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="edit-roles-title" onClose={onClose}>
      <form className="form" onSubmit={handleSubmit}>
        <div className="dialog__header">
          <h2 className="card__title" id="edit-roles-title">
            Roles for {account.name}
          </h2>
          <p className="muted small">{account.email}</p>
        </div>
        <RolesFields draft={draft} onChange={setDraft} scopeError={scopeError} />
        <LiveRegion>{action.problem ? <ProblemMessage problem={action.problem} heading="The roles were not changed" /> : null}</LiveRegion>
        <div className="form__actions form__actions--end">
          <button type="button" className="button button--secondary" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <SubmitButton busy={action.busy} busyLabel="Saving…">
            Save roles
          </SubmitButton>
        </div>
      </form>
    </dialog>
  );
}
