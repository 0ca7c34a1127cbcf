import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { listPeople, type Person, type PeopleQuery } from '../../api/people.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PersonNameCell } from '../../components/PersonNameCell.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { orDash, plural } from '../../components/format.ts';

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

/** Reads a positive integer search parameter, or undefined. */
function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The organisation directory: search, optional team or manager filter, pages of 25. */
export function DirectoryPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const offset = positiveInt(params.get('offset')) ?? 0;
  const teamId = positiveInt(params.get('teamId'));
  const managerId = positiveInt(params.get('managerId'));
  const query: PeopleQuery = { q: q || undefined, teamId, managerId, limit: PAGE_SIZE, offset };
  const people = useResource((signal) => listPeople(query, signal), JSON.stringify(query), { keepPrevious: true });

  const [draft, setDraft] = useState(q);
  // Follow the URL when it changes from outside (back button, a link with ?q=).
  useEffect(() => setDraft((d) => (d.trim() === q ? d : q)), [q]);

  function updateParams(changes: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  }

  // Search as you type, once typing pauses.
  useEffect(() => {
    if (draft.trim() === q) return;
    const timer = window.setTimeout(() => updateParams({ q: draft.trim() || undefined, offset: undefined }), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
    // updateParams reads the current params; only the draft should restart the timer.
  }, [draft]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    updateParams({ q: draft.trim() || undefined, offset: undefined });
  }

  const data = people.data;
  const filter = describeFilter({ teamId, managerId, people: data?.people ?? [] });

  return (
    <div className="stack">
      <PageHeader title="Directory" lead="Everyone in the organisation. Search by name, email, title, team or employee ID." />
      <form className="toolbar" role="search" onSubmit={handleSubmit}>
        <div className="toolbar__search">
          <label className="field__label" htmlFor="people-search">
            Search people
          </label>
          <div className="search-row">
            <input
              id="people-search"
              className="input"
              type="search"
              autoComplete="off"
              spellCheck={false}
              placeholder="Name, email, title, team…"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
            <button type="submit" className="button">
              Search
            </button>
          </div>
        </div>
      </form>
      {filter ? (
        <p className="filter-chip">
          <span>{filter}</span>
          <button type="button" className="button button--ghost button--small" onClick={() => updateParams({ teamId: undefined, managerId: undefined, offset: undefined })}>
            Clear filter
          </button>
        </p>
      ) : null}
      <LiveRegion className="results-status">
        {people.status === 'error' ? <ProblemMessage problem={people.problem} /> : null}
        {people.status === 'ready' ? (
          <p className="muted" data-testid="results-count">
            {plural(people.data.total, 'person', 'people')} found{q ? ` for “${q}”` : ''}.
          </p>
        ) : null}
      </LiveRegion>
      {!data && people.status === 'loading' ? <Loading /> : null}
      {data && data.people.length > 0 ? (
        <div className={`card card--flush${people.status === 'loading' ? ' is-refreshing' : ''}`} aria-busy={people.status === 'loading'}>
          <DirectoryTable people={data.people} />
          {data.total > PAGE_SIZE || offset > 0 ? (
            <div className="card__pager">
              <Pagination
                total={data.total}
                limit={PAGE_SIZE}
                offset={offset}
                label="Directory pages"
                onChange={(next) => updateParams({ offset: next ? String(next) : undefined })}
              />
            </div>
          ) : null}
        </div>
      ) : null}
      {data && data.people.length === 0 ? (
        <div className="card empty">
          <p className="empty__title">Nobody matches.</p>
          {offset > 0 ? (
            <button type="button" className="button button--secondary" onClick={() => updateParams({ offset: undefined })}>
              Back to the first page
            </button>
          ) : (
            <p className="muted">Try part of a name, or an email address.</p>
          )}
        </div>
      ) : null}
    </div>
  );
}

function describeFilter({ teamId, managerId, people }: { teamId?: number; managerId?: number; people: Person[] }): string | null {
  if (teamId !== undefined) {
    const team = people.find((p) => p.team?.id === teamId)?.team;
    return `Team: ${team?.name ?? `#${teamId}`}`;
  }
  if (managerId !== undefined) {
    const manager = people.find((p) => p.manager?.id === managerId)?.manager;
    return `Reports of ${manager?.name ?? `person #${managerId}`}`;
  }
  return null;
}

function DirectoryTable({ people }: { people: Person[] }) {
  return (
    <table className="table table--stack" data-testid="directory-table">
      <caption className="visually-hidden">People</caption>
      <TableHead columns={['Name', 'Title', 'Team', 'Location', 'Manager']} />
      <tbody>
        {people.map((p) => (
          <tr key={p.id}>
            <PersonNameCell person={p} />
            <td data-label="Title">{orDash(p.title)}</td>
            <td data-label="Team">{p.team ? p.team.name : '—'}</td>
            <td data-label="Location">{orDash(p.location)}</td>
            <td data-label="Manager">{p.manager ? <Link to={`/people/${p.manager.id}`}>{p.manager.name}</Link> : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
