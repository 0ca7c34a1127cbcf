import { useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { createAccount, type Account } from '../../api/accounts.ts';
import { useAction } from '../../api/use-action.ts';
import { Field } from '../../components/Field.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { createAccountBodySchema } from '../../../../src/shared/schemas/accounts.ts';
import { PASSWORD_MIN_LENGTH } from '../../../../src/shared/schemas/common.ts';
import { EMPTY_ROLES_DRAFT, rolesPayload, type RolesDraft } from './account-form.ts';
import { RolesFields } from './RolesFields.tsx';

type FieldErrors = Partial<Record<'email' | 'name' | 'password' | 'scope', string>>;

/** Creates an account; the server checks the password policy and links the person with the same email. */
export function CreateAccountForm({ onCreated }: { onCreated: (account: Account) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [draft, setDraft] = useState<RolesDraft>(EMPTY_ROLES_DRAFT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<Account | null>(null);
  const action = useAction();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    action.clear();
    setCreated(null);
    const roles = rolesPayload(draft);
    const body = roles.ok ? { email: email.trim(), name: name.trim(), password, roles: roles.roles, hrScope: roles.hrScope } : null;
    // The same schema the server validates with: the browser catches the obvious early.
    const checked = body ? createAccountBodySchema.safeParse(body) : null;
    const fieldErrors: FieldErrors = roles.ok ? {} : { scope: roles.scopeError };
    for (const issue of checked?.success === false ? checked.error.issues : []) {
      const key = issue.path[0];
      if (key === 'email') fieldErrors.email ??= 'Enter an email address like name@example.com.';
      else if (key === 'name') fieldErrors.name ??= 'Enter the person’s name.';
      else if (key === 'password') fieldErrors.password ??= 'Enter an initial password.';
    }
    const form = event.currentTarget;
    flushSync(() => setErrors(fieldErrors));
    if (!body || Object.keys(fieldErrors).length) {
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    await action.run(async () => {
      const account = await createAccount(body);
      setCreated(account);
      setEmail('');
      setName('');
      setPassword('');
      setDraft(EMPTY_ROLES_DRAFT);
      onCreated(account);
    });
  }

  return (
    <section className="card card--form" aria-labelledby="create-account" id="create-account-section">
      <h2 className="card__title" id="create-account">
        Create an account
      </h2>
      <p className="muted small">If the directory has a person with this email, the account is linked to them.</p>
      <form className="form" onSubmit={handleSubmit} noValidate aria-labelledby="create-account">
        <div className="form__row">
          <Field label="Email" type="email" autoComplete="off" value={email} error={errors.email} onChange={(e) => setEmail(e.target.value)} />
          <Field label="Name" autoComplete="off" value={name} error={errors.name} onChange={(e) => setName(e.target.value)} />
        </div>
        <Field
          label="Initial password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters, not a common password. Share it privately; they can change it on their profile.`}
          value={password}
          error={errors.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <RolesFields draft={draft} onChange={setDraft} scopeError={errors.scope} />
        <LiveRegion>
          {Object.keys(errors).length ? <p className="visually-hidden">Fix the highlighted fields to create the account.</p> : null}
          {action.problem ? <ProblemMessage problem={action.problem} heading="The account was not created" /> : null}
          {created ? (
            <p className="notice notice--success">
              Created an account for {created.name} ({created.email})
              {created.personId !== null ? ', linked to their directory record.' : '. No directory record has this email.'}
            </p>
          ) : null}
        </LiveRegion>
        <div className="form__actions">
          <SubmitButton busy={action.busy} busyLabel="Creating…">
            Create account
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
