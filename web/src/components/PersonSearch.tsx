import { useEffect, useId, useState } from 'react';
import { listPeople, type Person, type PersonList } from '../api/people.ts';
import { problemOf, type Problem } from '../api/client.ts';
import { orDash } from './format.ts';

interface PersonSearchProps {
  label: string;
  hint?: string;
  /** The button beside each result: "Choose", "Add". */
  actionLabel: string;
  onPick: (person: Person) => void;
  /** Why a result cannot be picked (shown instead of the button), or null. */
  unavailable?: (person: Person) => string | null;
  limit?: number;
}

/** Searches the directory by name or email as you type and offers each result to pick. */
export function PersonSearch({ label, hint, actionLabel, onPick, unavailable, limit = 8 }: PersonSearchProps) {
  const id = useId();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<PersonList | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) {
      setResults(null);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      listPeople({ q: term, limit }, controller.signal).then(
        (list) => {
          setResults(list);
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
        {problem ? <p className="field__error">{problem.detail}</p> : null}
        {results && results.people.length === 0 ? <p className="muted small">Nobody matches.</p> : null}
        {results && results.people.length > 0 ? (
          <ul className="finder__list" aria-label={`People matching ${q.trim()}`}>
            {results.people.map((p) => {
              const reason = unavailable?.(p) ?? null;
              return (
                <li key={p.id}>
                  <span>
                    <span className="finder__name">{p.name}</span> <span className="muted small">{orDash(p.title)}</span>
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
        ) : null}
      </div>
    </div>
  );
}
