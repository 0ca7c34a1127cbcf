import { useEffect, useId, useState, type ReactNode } from 'react';
import { listPeople, type Person, type PersonList } from '../api/people.ts';
import { problemOf, type Problem } from '../api/client.ts';
import { orDash } from './format.ts';

interface PersonPickListProps {
  people: Person[];
  /** The button beside each person: "Choose", "Add". */
  actionLabel: string;
  onPick: (person: Person) => void;
  /** Why a person cannot be picked (shown instead of the button), or null. */
  unavailable?: (person: Person) => string | null;
  /** What follows each name; their title by default. */
  details?: (person: Person) => ReactNode;
  /** The list's accessible name, if it has one. */
  label?: string;
  testId?: string;
}

const titleOf = (person: Person): ReactNode => orDash(person.title);

/** People to pick from, each with a button that names them, or the reason they cannot be picked. */
export function PersonPickList({ people, actionLabel, onPick, unavailable, details = titleOf, label, testId }: PersonPickListProps) {
  return (
    <ul className="finder__list" aria-label={label} data-testid={testId}>
      {people.map((p) => {
        const reason = unavailable?.(p) ?? null;
        return (
          <li key={p.id}>
            <span>
              <span className="finder__name">{p.name}</span> <span className="muted small">{details(p)}</span>
            </span>
            {reason ? (
              <span className="muted small">{reason}</span>
            ) : (
              <button type="button" className="button button--secondary button--small" onClick={() => onPick(p)}>
                {actionLabel}
                <span className="visually-hidden"> {p.name}</span>
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

interface PersonSearchProps extends Pick<PersonPickListProps, 'actionLabel' | 'onPick' | 'unavailable' | 'details'> {
  label: string;
  hint?: string;
  limit?: number;
  /** Names the result list "People matching …" for assistive tech. */
  labelResults?: boolean;
}

/** Searches the directory by name or email as you type and offers each result to pick. */
export function PersonSearch({ label, hint, limit = 8, labelResults = true, ...pick }: PersonSearchProps) {
  const id = useId();
  const [q, setQ] = useState('');
  const results = useDirectorySearch(q, limit);

  return (
    <div className="finder">
      <label className="field__label" htmlFor={`${id}-q`}>
        {label}
      </label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={`${id}-q`}
        className="input"
        type="search"
        autoComplete="off"
        placeholder="Name or email"
        value={q}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => setQ(e.target.value)}
      />
      <div aria-live="polite" className="finder__results">
        {results.problem ? <p className="field__error">{results.problem.detail}</p> : null}
        {results.list && results.list.people.length === 0 ? <p className="muted small">Nobody matches.</p> : null}
        {results.list && results.list.people.length > 0 ? (
          <PersonPickList people={results.list.people} label={labelResults ? `People matching ${q.trim()}` : undefined} {...pick} />
        ) : null}
      </div>
    </div>
  );
}

/** The directory's answer for a search term of two or more characters, asked a moment after typing stops. */
function useDirectorySearch(q: string, limit: number): { list: PersonList | null; problem: Problem | null } {
  const [list, setList] = useState<PersonList | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) {
      setList(null);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      listPeople({ q: term, limit }, controller.signal).then(
        (people) => {
          setList(people);
          setProblem(null);
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setProblem(problemOf(error));
        },
      );
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [q, limit]);

  return { list, problem };
}
