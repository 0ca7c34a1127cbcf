import { useId } from 'react';
import type { GrantableRole } from '../../api/accounts.ts';
import { PersonSearch } from '../../components/PersonSearch.tsx';
import { orDash } from '../../components/format.ts';
import { GRANTABLE_ROLES, parseRootIds, type RolesDraft } from './account-form.ts';

interface RolesFieldsProps {
  draft: RolesDraft;
  onChange: (draft: RolesDraft) => void;
  scopeError?: string | null;
}

/** Role checkboxes and, for HR partners, whose records they serve. */
export function RolesFields({ draft, onChange, scopeError }: RolesFieldsProps) {
  const id = useId();
  const isHr = draft.roles.includes('hr');

  function toggle(role: GrantableRole, on: boolean) {
    const roles = on ? [...draft.roles, role] : draft.roles.filter((r) => r !== role);
    onChange({ ...draft, roles: GRANTABLE_ROLES.map((g) => g.role).filter((r) => roles.includes(r)) });
  }

  function addRoot(personId: number) {
    const ids = parseRootIds(draft.rootIdsText) ?? [];
    if (!ids.includes(personId)) onChange({ ...draft, rootIdsText: [...ids, personId].join(', ') });
  }

  return (
    <>
      <fieldset className="fieldset">
        <legend className="field__label">Roles</legend>
        <p className="field__hint">Manager is not granted here: it follows from having direct reports in the directory.</p>
        <div className="checks">
          {GRANTABLE_ROLES.map(({ role, label, hint }) => (
            <div className="check" key={role}>
              <input
                type="checkbox"
                id={`${id}-${role}`}
                value={role}
                // Employee is always granted by the server, so it cannot be unticked.
                checked={role === 'employee' || draft.roles.includes(role)}
                disabled={role === 'employee'}
                onChange={(e) => toggle(role, e.target.checked)}
                aria-describedby={`${id}-${role}-hint`}
              />
              <span className="check__text">
                <label className="check__label" htmlFor={`${id}-${role}`}>
                  {label}
                </label>
                <span className="check__hint" id={`${id}-${role}-hint`}>
                  {hint}
                </span>
              </span>
            </div>
          ))}
        </div>
      </fieldset>
      {isHr ? (
        <fieldset className="fieldset fieldset--nested">
          <legend className="field__label">HR scope</legend>
          <div className="checks checks--inline">
            <div className="check">
              <input
                type="radio"
                id={`${id}-whole`}
                name={`${id}-scope`}
                checked={draft.wholeOrganisation}
                onChange={() => onChange({ ...draft, wholeOrganisation: true })}
              />
              <label className="check__label" htmlFor={`${id}-whole`}>
                Whole organisation
              </label>
            </div>
            <div className="check">
              <input
                type="radio"
                id={`${id}-roots`}
                name={`${id}-scope`}
                checked={!draft.wholeOrganisation}
                onChange={() => onChange({ ...draft, wholeOrganisation: false })}
              />
              <label className="check__label" htmlFor={`${id}-roots`}>
                Specific people and everyone under them
              </label>
            </div>
          </div>
          {!draft.wholeOrganisation ? (
            <div className="scope-roots">
              <div className="field">
                <label className="field__label" htmlFor={`${id}-root-ids`}>
                  Root person IDs
                </label>
                <p className="field__hint" id={`${id}-root-ids-hint`}>
                  Separate IDs with commas, or add people with “Find a person”. A person’s ID is the number in their page’s address.
                </p>
                <input
                  id={`${id}-root-ids`}
                  className="input"
                  inputMode="numeric"
                  autoComplete="off"
                  value={draft.rootIdsText}
                  aria-invalid={scopeError ? true : undefined}
                  aria-describedby={`${id}-root-ids-hint${scopeError ? ` ${id}-root-ids-error` : ''}`}
                  onChange={(e) => onChange({ ...draft, rootIdsText: e.target.value })}
                />
                {scopeError ? (
                  <p className="field__error" id={`${id}-root-ids-error`}>
                    {scopeError}
                  </p>
                ) : null}
              </div>
              <PersonSearch
                label="Find a person"
                actionLabel="Add"
                limit={6}
                labelResults={false}
                details={(p) => (
                  <>
                    #{p.id} · {orDash(p.title)}
                  </>
                )}
                onPick={(p) => addRoot(p.id)}
              />
            </div>
          ) : null}
        </fieldset>
      ) : null}
    </>
  );
}
