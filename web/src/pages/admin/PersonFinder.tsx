import { useEffect, useId, useState } from 'react';
import { listPeople, type PersonList } from '../../api/people.ts';
import { problemOf, type Problem } from '../../api/client.ts';
import { orDash } from '../../components/format.ts';

const RESULTS = 6;

/** A small directory search whose results can be added to a list of person ids. */
export function PersonFinder({ onPick }: { onPick: (personId: number) => void }) {
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
      listPeople({ q: term, limit: RESULTS }, controller.signal).then(
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
  }, [q]);

  return (
    <div className="finder">
      <label className="field__label" htmlFor={`${id}-q`}>
        Find a person
      </label>
      <input id={`${id}-q`} className="input" type="search" autoComplete="off" placeholder="Name or email" value={q} onChange={(e) => setQ(e.target.value)} />
      <div aria-live="polite" className="finder__results">
        {problem ? <p className="field__error">{problem.detail}</p> : null}
        {results && results.people.length === 0 ? <p className="muted small">Nobody matches.</p> : null}
        {results && results.people.length > 0 ? (
          <ul className="finder__list">
            {results.people.map((p) => (
              <li key={p.id}>
                <span>
                  <span className="finder__name">{p.name}</span>{' '}
                  <span className="muted small">
                    #{p.id} · {orDash(p.title)}
                  </span>
                </span>
                <button type="button" className="button button--secondary button--small" onClick={() => onPick(p.id)}>
                  Add<span className="visually-hidden"> {p.name}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
