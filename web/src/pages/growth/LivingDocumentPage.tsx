import { useState, type FormEvent } from 'react';
import { addLivingItem, getLivingDocument, setExclusion, type LivingDocument } from '../../api/growth.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageStates.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { formatDate } from '../../components/format.ts';
import { LIVING_SECTIONS } from '../../../../src/policy/growth.schema.ts';
import { GrowthNav } from './GrowthNav.tsx';
import { todayIso, usePersonParam } from './person-param.ts';

type Section = (typeof LIVING_SECTIONS)[number];
const TITLES: Record<Section, string> = { goals: 'Goals', shipped: 'Shipped work', incidents: 'Incidents handled', slo: 'SLO contributions', peerThemes: 'Peer-feedback themes', growth: 'Growth notes', multiplier: 'Multiplier impact' };

/** The recency view: items per month, thin months marked, and the verdict in words. */
function RecencyView({ recency }: { recency: LivingDocument['recency'] }) {
  const max = Math.max(1, ...recency.months.map((m) => m.count));
  return (
    <section className="card" aria-labelledby="recency-title" data-testid="recency-view">
      <h2 className="card__title" id="recency-title">
        How evenly the year is covered
      </h2>
      <p>
        {recency.total} items over {recency.months.length} months; {recency.coveredMonths} months have evidence; evenness {recency.evenness.toFixed(2)} (1 is even);{' '}
        {Math.round(recency.lastQuarterShare * 100)}% in the last three months; longest gap {recency.longestGapMonths} months.
      </p>
      {recency.recencyHeavy ? <p className="notice notice--warning">Recency-heavy: most of the evidence is from the last three months. Add what happened earlier in the year before anyone rates it.</p> : null}
      <div className="recency" role="img" aria-label={`Items per month: ${recency.months.map((m) => `${m.month} ${m.count}`).join(', ')}`}>
        {recency.months.map((m) => (
          <div className="recency__month" key={m.month}>
            <span className="recency__count">{m.count}</span>
            <span className={`recency__bar${m.thin ? ' recency__bar--thin' : ''}`} style={{ height: `${(m.count / max) * 6}rem` }} />
            <span>{m.month.slice(2)}</span>
          </div>
        ))}
      </div>
    </section>
  );
}

/** The living evidence document: assembled from goals, notes, check-ins and plans, and editable. */
export function LivingDocumentPage() {
  const { personId, isMe } = usePersonParam();
  const doc = useResource((signal) => (personId === null ? Promise.reject(new Error('This account has no person.')) : getLivingDocument(personId, signal)), `living-${personId}`);
  const [section, setSection] = useState<Section>('shipped');
  const [text, setText] = useState('');
  const [occurredOn, setOccurredOn] = useState(todayIso);
  const [highlight, setHighlight] = useState(false);
  const action = useAction();
  if (!doc.data) return <PageLoading title="Living document" resource={doc} />;
  const data = doc.data;

  async function handleAdd(event: FormEvent) {
    event.preventDefault();
    await action.run(async () => {
      await addLivingItem(personId!, { section, occurredOn, text, highlight });
      setText('');
      doc.reload();
      return 'Added.';
    });
  }

  return (
    <div className="stack">
      <PageHeader title={isMe ? 'My living document' : `Living document: ${data.person.name}`} lead={`Evidence from ${formatDate(data.from)} to ${formatDate(data.to)}, written at the time. It is the default source of the calibration evidence packet.`} />
      <GrowthNav />
      <RecencyView recency={data.recency} />
      {data.sections.map((s) => (
        <section className="card" key={s.key} aria-labelledby={`section-${s.key}`} data-testid={`section-${s.key}`}>
          <h2 className="card__title" id={`section-${s.key}`}>
            {TITLES[s.key]}
          </h2>
          {s.items.length === 0 ? <p className="muted">{data.unavailable.includes(s.key) ? 'Not connected yet: add lines by hand until metrics are imported.' : 'Nothing yet.'}</p> : null}
          <ul className="growth-list">
            {s.items.map((i) => (
              <li key={i.key} className={i.excluded ? 'is-excluded' : undefined}>
                <div className="growth-meta">
                  {formatDate(i.occurredOn)} · {i.source}
                  {i.highlight ? ' · highlight' : ''}
                  {i.private ? ' · private to the check-in pair' : ''}
                </div>
                <span>{i.text}</span>{' '}
                {data.canEdit ? (
                  <button type="button" className="button button--ghost button--small" onClick={() => void setExclusion(personId!, i.key, !i.excluded).finally(() => doc.reload())}>
                    {i.excluded ? 'Include' : 'Leave out'}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {data.canEdit ? (
        <form className="card form" onSubmit={handleAdd} aria-label="Add evidence">
          <h2 className="card__title">Add evidence</h2>
          <div className="form__row">
            <label className="field">
              <span className="field__label">Section</span>
              <select className="input" value={section} onChange={(e) => setSection(e.target.value as Section)}>
                {LIVING_SECTIONS.filter((k) => k !== 'goals' && k !== 'peerThemes').map((k) => (
                  <option key={k} value={k}>
                    {TITLES[k]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field__label">When</span>
              <input className="input" type="date" max={todayIso()} value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} />
            </label>
          </div>
          <label className="field">
            <span className="field__label">What happened</span>
            <textarea className="input textarea textarea--short" value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} />
          </label>
          <label className="check">
            <input type="checkbox" checked={highlight} onChange={(e) => setHighlight(e.target.checked)} />
            <span className="check__text">A major impact example</span>
          </label>
          <ActionOutcome action={action} heading="Nothing was added" />
          <div className="form__actions">
            <SubmitButton busy={action.busy} busyLabel="Adding…">
              Add
            </SubmitButton>
          </div>
        </form>
      ) : null}
    </div>
  );
}
