import { useState } from 'react';
import { Link } from 'react-router-dom';
import { listAccounts, updateAccount, type Account } from '../../api/accounts.ts';
import { getPerson } from '../../api/people.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { formatDate, plural } from '../../components/format.ts';
import { useMe } from '../../components/me-context.ts';
import { CreateAccountForm } from './CreateAccountForm.tsx';
import { EditAccountDialog } from './EditAccountDialog.tsx';

const ROLE_LABELS: Record<Account['roles'][number], string> = { employee: 'Employee', manager: 'Manager', hr: 'HR', admin: 'Admin' };

/** Accounts: list, create, change roles, disable and enable. */
export function UsersPage() {
  const { me, refreshMe } = useMe();
  const accounts = useResource((signal) => listAccounts(signal), 'accounts');
  const [editing, setEditing] = useState<Account | null>(null);
  const [pendingId, setPendingId] = useState<number | null>(null);
  const action = useAction();

  /** Puts the server's answer to a write into the list at once. */
  function showSaved(saved: Account) {
    const current = accounts.data?.accounts ?? [];
    const known = current.some((a) => a.id === saved.id);
    accounts.replace({ accounts: known ? current.map((a) => (a.id === saved.id ? saved : a)) : [...current, saved] });
  }

  async function toggleDisabled(account: Account) {
    setPendingId(account.id);
    await action.run(
      async () => {
        const saved = await updateAccount(account.id, { disabled: !account.disabled });
        showSaved(saved);
        return saved.disabled ? `${saved.name} is disabled and has been signed out everywhere.` : `${saved.name} can sign in again.`;
      },
      { busy: false },
    );
    setPendingId(null);
  }

  const list = accounts.data?.accounts ?? [];
  return (
    <div className="stack">
      <PageHeader
        title="Users"
        lead={accounts.data ? `${plural(list.length, 'account', 'accounts')}. Disabling an account signs it out at once.` : 'Accounts that can sign in to Highbar.'}
        actions={
          <a className="button button--secondary" href="#create-account-section">
            New account
          </a>
        }
      />
      <ActionOutcome action={action} resource={accounts} />
      {!accounts.data && accounts.status === 'loading' ? <Loading /> : null}
      {list.length > 0 ? (
        <div className="card card--flush">
          <table className="table table--stack" data-testid="accounts-table">
            <caption className="visually-hidden">Accounts</caption>
            <TableHead columns={['Name', 'Roles', 'HR scope', 'Status']} actions />
            <tbody>
              {list.map((a) => (
                <tr key={a.id} className={a.disabled ? 'is-disabled' : undefined}>
                  <th scope="row" data-label="Name">
                    <span className="account-name">
                      {a.name}
                      {a.id === me.id ? <span className="tag">You</span> : null}
                    </span>
                    <span className="account-email">{a.email}</span>
                    {a.personId !== null ? (
                      <Link className="small" to={`/people/${a.personId}`}>
                        Person record
                      </Link>
                    ) : null}
                  </th>
                  <td data-label="Roles">
                    <span className="role-list">
                      {a.roles.map((r) => (
                        <span key={r} className={`role role--${r}`}>
                          {ROLE_LABELS[r]}
                        </span>
                      ))}
                    </span>
                  </td>
                  <td data-label="HR scope">
                    <HrScope account={a} />
                  </td>
                  <td data-label="Status">
                    {a.disabled ? <span className="badge badge--terminated">Disabled</span> : <span className="badge badge--active">Active</span>}
                    <span className="muted small block nowrap">Since {formatDate(a.createdAt)}</span>
                  </td>
                  <td data-label="Actions" className="cell-actions">
                    <button type="button" className="button button--secondary button--small" onClick={() => setEditing(a)}>
                      Edit roles<span className="visually-hidden"> for {a.name}</span>
                    </button>
                    {a.id !== me.id ? (
                      <button
                        type="button"
                        className={`button button--small ${a.disabled ? 'button--secondary' : 'button--danger-quiet'}`}
                        disabled={pendingId === a.id}
                        onClick={() => toggleDisabled(a)}
                      >
                        {a.disabled ? 'Enable' : 'Disable'}
                        <span className="visually-hidden"> {a.name}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <CreateAccountForm
        onCreated={(account) => {
          // The form announces the new account itself.
          action.setStatus(null);
          showSaved(account);
        }}
      />
      {editing ? (
        <EditAccountDialog
          account={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            showSaved(saved);
            action.announce(`Saved the roles for ${saved.name}.`);
            if (saved.id === me.id) refreshMe();
          }}
        />
      ) : null}
    </div>
  );
}

function HrScope({ account }: { account: Account }) {
  if (!account.roles.includes('hr')) return <span className="muted">—</span>;
  if (account.hrScope.wholeOrganisation) return <span>Whole organisation</span>;
  if (account.hrScope.rootPersonIds.length === 0) return <span className="muted">Nobody yet</span>;
  return (
    <span>
      Under{' '}
      {account.hrScope.rootPersonIds.map((id, i) => (
        <span key={id}>
          {i > 0 ? ', ' : null}
          <PersonName personId={id} />
        </span>
      ))}
    </span>
  );
}

/** A scope root by name: the accounts list carries only person ids. */
function PersonName({ personId }: { personId: number }) {
  const person = useResource((signal) => getPerson(personId, signal), `person-${personId}`);
  return <Link to={`/people/${personId}`}>{person.data?.name ?? `person #${personId}`}</Link>;
}
