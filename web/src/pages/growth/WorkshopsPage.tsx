import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { getWorkshop, listWorkshops, rateWorkshop, revealWorkshop, type Workshop } from '../../api/growth.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageStates.tsx';
import { GrowthNav } from './GrowthNav.tsx';

/** Calibration workshops I run or rate in. */
export function WorkshopsPage() {
  const list = useResource((signal) => listWorkshops(signal), 'workshops');
  if (!list.data) return <PageLoading title="Calibration workshops" resource={list} />;
  return (
    <div className="stack">
      <PageHeader title="Calibration workshops" lead="Before a cycle, managers rate sample packets on their own; the reveal shows where standards differ." />
      <GrowthNav />
      {list.data.workshops.length === 0 ? <p className="card muted">No workshops yet.</p> : null}
      <ul className="growth-list">
        {list.data.workshops.map((w) => (
          <li key={w.id}>
            <Link to={`/growth/workshops/${w.id}`}>{w.name}</Link> <span className="badge">{w.status === 'open' ? 'Rating open' : 'Revealed'}</span> <span className="growth-meta">{w.packets} packets</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Results({ workshop }: { workshop: Workshop }) {
  const results = workshop.results!;
  const steps = workshop.scale.length - 1 || 1;
  return (
    <section className="card" aria-labelledby="results-title" data-testid="workshop-results">
      <h2 className="card__title" id="results-title">
        Where ratings differ
      </h2>
      <p>
        Krippendorff’s alpha ({results.metric}): <strong>{results.alpha === null ? 'not enough data' : results.alpha.toFixed(3)}</strong>.{' '}
        {results.aligned ? `Standards are aligned (at least ${results.alignedAlpha}).` : `Below ${results.alignedAlpha}: talk the flagged packets through before real ratings exist.`}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Packet</th>
            <th scope="col">Ratings</th>
            <th scope="col">Spread</th>
          </tr>
        </thead>
        <tbody>
          {results.packets.map((p) => (
            <tr key={p.packetId}>
              <td>{workshop.packets.find((x) => x.id === p.packetId)?.title}</td>
              <td>
                {Object.entries(p.counts)
                  .map(([v, n]) => `${v}×${n}`)
                  .join(', ')}
              </td>
              <td>
                <span className="spread-bar" style={{ width: `${(p.range / steps) * 8}rem` }} /> {p.min}–{p.max} {p.flagged ? <span className="badge badge--terminated">Discuss</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One workshop: my ratings while open (never anyone else's), the reveal, and the results. */
export function WorkshopPage() {
  const id = Number(useParams().id);
  const workshop = useResource((signal) => getWorkshop(id, signal), `workshop-${id}`);
  const [ratings, setRatings] = useState<Record<number, number>>({});
  const action = useAction();
  if (!workshop.data) return <PageLoading title="Workshop" resource={workshop} />;
  const w = workshop.data;
  return (
    <div className="stack">
      <PageHeader title={w.name} lead={`${w.raters.filter((r) => r.done).length} of ${w.raters.length} raters done.`} />
      <GrowthNav />
      {w.packets.map((p) => (
        <section className="card" key={p.id} aria-labelledby={`packet-${p.id}`}>
          <h2 className="card__title" id={`packet-${p.id}`}>
            {p.title}
          </h2>
          <p className="prose__text">{p.body}</p>
          {w.viewer.rates && w.status === 'open' ? (
            <fieldset className="fieldset">
              <legend>Your rating of {p.title}</legend>
              <div className="scale-choice">
                {w.scale.map((s) => (
                  <label className="check" key={s.value}>
                    <input type="radio" name={`packet-${p.id}`} checked={(ratings[p.id] ?? p.myRating) === s.value} onChange={() => setRatings({ ...ratings, [p.id]: s.value })} />
                    <span className="check__text">
                      {s.value} {s.label}
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
        </section>
      ))}
      <ActionOutcome action={action} heading="Nothing was saved" />
      <div className="form__actions">
        {w.viewer.rates && w.status === 'open' ? (
          <button type="button" className="button" disabled={action.busy} onClick={() => void action.run(async () => (workshop.replace(await rateWorkshop(id, Object.entries(ratings).map(([packetId, value]) => ({ packetId: Number(packetId), value })))), 'Ratings saved.'))}>
            Save my ratings
          </button>
        ) : null}
        {w.viewer.runs && w.status === 'open' ? (
          <button type="button" className="button button--secondary" disabled={action.busy} onClick={() => void action.run(async () => (workshop.replace(await revealWorkshop(id)), 'Revealed.'))}>
            Reveal the spread
          </button>
        ) : null}
      </div>
      {w.results ? <Results workshop={w} /> : null}
    </div>
  );
}
