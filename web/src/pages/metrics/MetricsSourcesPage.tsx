import { useState, type FormEvent } from 'react';
import {
  createWebhookSource,
  getPersonIdentities,
  listUnmappedIdentities,
  listWebhookSources,
  mapIdentity,
  rotateWebhookSecret,
  unmapIdentity,
  type IdentityKind,
  type WebhookSecret,
} from '../../api/metrics.ts';
import type { Person } from '../../api/people.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Field } from '../../components/Field.tsx';
import { Loading } from '../../components/Loading.tsx';
import { hasRole, useMe } from '../../components/me-context.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PersonSearch } from '../../components/PersonSearch.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import './metrics.css';

const KIND_LABELS: Record<IdentityKind, string> = { email: 'Email', github: 'GitHub login', 'amazon-q': 'Amazon Q user', pagerduty: 'PagerDuty user' };
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

/**
 * Where engineering events come from: source identities mapped to people (administrators and HR
 * partners; the server checks HR's scope per person) and webhook senders with their secrets
 * (administrators). Every change is audited on the server.
 */
export function MetricsSourcesPage() {
  const { me } = useMe();
  const admin = hasRole(me, 'admin');
  if (!admin && !hasRole(me, 'hr')) {
    return <PageHeader title="Not available" lead="This page is for administrators and HR partners." />;
  }
  return (
    <div className="stack">
      <PageHeader title="Metrics sources" lead="Who is who in git, GitHub, Amazon Q and PagerDuty, and the secrets webhook senders sign with." />
      <IdentitiesSection />
      {admin ? <WebhookSourcesSection /> : null}
    </div>
  );
}

function IdentitiesSection() {
  const unmapped = useResource((signal) => listUnmappedIdentities(signal), 'unmapped-identities');
  const [mapping, setMapping] = useState<{ kind: IdentityKind; value: string } | null>(null);
  const [person, setPerson] = useState<Person | null>(null);
  const action = useAction();

  async function map(target: Person) {
    if (!mapping) return;
    const identity = mapping;
    const ok = await action.run(async () => {
      await mapIdentity(target.id, identity);
      return `${identity.value} now counts as ${target.name}.`;
    });
    if (ok) {
      setMapping(null);
      setPerson(target);
      unmapped.reload();
    }
  }

  return (
    <section className="card stack" aria-labelledby="identities-heading" data-testid="identities">
      <h2 className="card__title" id="identities-heading">
        Identities to map
      </h2>
      <p className="muted small">
        Names the events use that match nobody's directory email. Map each to its person so their commits, reviews, AI usage and on-call record count as theirs. Or import a file:{' '}
        <code>highbar identities import FILE.csv</code>.
      </p>
      <ActionOutcome action={action} resource={unmapped} heading="Nothing was changed" />
      {unmapped.status === 'loading' && !unmapped.data ? <Loading /> : null}
      {unmapped.data && unmapped.data.identities.length === 0 ? <p className="muted">Every identity the events name belongs to someone.</p> : null}
      {unmapped.data && unmapped.data.identities.length > 0 ? (
        <div className="card card--flush">
          <table className="table table--stack" data-testid="unmapped-identities">
            <caption className="visually-hidden">Unmapped identities</caption>
            <TableHead columns={['Kind', 'Identity', 'Seen in', 'Last seen', '']} />
            <tbody>
              {unmapped.data.identities.map((i) => (
                <tr key={`${i.kind}:${i.value}`}>
                  <td data-label="Kind">{KIND_LABELS[i.kind]}</td>
                  <td data-label="Identity">
                    <code>{i.value}</code>
                  </td>
                  <td data-label="Seen in">{i.seenIn.join(', ')}</td>
                  <td data-label="Last seen">{day(i.lastSeen)}</td>
                  <td data-label="">
                    <button type="button" className="button button--secondary button--small" onClick={() => setMapping({ kind: i.kind, value: i.value })}>
                      Map<span className="visually-hidden"> {i.value}</span> to a person
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {unmapped.data && unmapped.data.total > unmapped.data.identities.length ? <p className="muted small">Showing {unmapped.data.identities.length} of {unmapped.data.total}.</p> : null}
      {mapping ? (
        <div className="stack" data-testid="map-identity">
          <PersonSearch label={`Who is ${mapping.value}?`} actionLabel="Map to" onPick={map} />
          <button type="button" className="button button--secondary button--small" onClick={() => setMapping(null)}>
            Cancel
          </button>
        </div>
      ) : (
        <PersonSearch label="A person's identities" hint="See and remove the identities mapped to someone." actionLabel="Show" onPick={setPerson} />
      )}
      {person ? <PersonIdentitiesList person={person} onChange={unmapped.reload} /> : null}
    </section>
  );
}

function PersonIdentitiesList({ person, onChange }: { person: Person; onChange: () => void }) {
  const identities = useResource((signal) => getPersonIdentities(person.id, signal), `identities-${person.id}`);
  const action = useAction();

  async function unmap(identity: { kind: IdentityKind; value: string }) {
    const ok = await action.run(async () => {
      await unmapIdentity(person.id, identity);
      return `${identity.value} no longer counts as ${person.name}.`;
    });
    if (ok) {
      identities.reload();
      onChange();
    }
  }

  return (
    <div className="stack" data-testid="person-identities">
      <h3>{person.name}</h3>
      <ActionOutcome action={action} resource={identities} heading="Nothing was changed" />
      {identities.data ? (
        <ul className="stack">
          {identities.data.identities.map((i) => (
            <li key={`${i.kind}:${i.value}`}>
              {KIND_LABELS[i.kind]} <code>{i.value}</code> <span className="muted small">last seen {day(i.lastSeen)}</span>{' '}
              {i.directory ? (
                <span className="muted small">(directory email)</span>
              ) : (
                <button type="button" className="button button--secondary button--small" disabled={action.busy} onClick={() => unmap(i)}>
                  Remove<span className="visually-hidden"> {i.value}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function WebhookSourcesSection() {
  const sources = useResource((signal) => listWebhookSources(signal), 'webhook-sources');
  const [name, setName] = useState('');
  const [graceHours, setGraceHours] = useState('24');
  const [revealed, setRevealed] = useState<WebhookSecret | null>(null);
  const action = useAction();
  const grace = /^\d{1,3}$/u.test(graceHours) && Number(graceHours) <= 168 ? Number(graceHours) : null;

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRevealed(null);
    const ok = await action.run(async () => {
      setRevealed(await createWebhookSource(name.trim()));
      return `Webhook source ${name.trim()} created.`;
    });
    if (ok) {
      setName('');
      sources.reload();
    }
  }

  async function rotate(source: string) {
    if (grace === null) return action.setProblem({ type: 'about:blank', title: 'The grace period is not valid', status: 400, detail: 'Enter 0 to 168 whole hours.', code: 'VALIDATION_FAILED' });
    setRevealed(null);
    const ok = await action.run(async () => {
      setRevealed(await rotateWebhookSecret(source, grace));
      return `The secret of ${source} was rotated.`;
    });
    if (ok) sources.reload();
  }

  return (
    <section className="card stack" aria-labelledby="webhooks-heading" data-testid="webhook-sources">
      <h2 className="card__title" id="webhooks-heading">
        Webhook sources
      </h2>
      <p className="muted small">
        CI/CD and incident tools send deployments and incidents to <code>POST /api/metrics/webhooks/NAME</code>, signed with the source's secret. A rotated secret keeps working for the grace
        period, so the sender can be switched without losing deliveries.
      </p>
      <ActionOutcome action={action} resource={sources} heading="Nothing was changed" />
      {revealed ? (
        <div className="notice" data-testid="webhook-secret">
          <p>
            The secret of <strong>{revealed.name}</strong>, shown this once: copy it to the sender now.
          </p>
          <p>
            <code className="secret">{revealed.secret}</code>
          </p>
          {revealed.previousValidUntil ? <p className="small">The previous secret keeps working until {revealed.previousValidUntil.replace('T', ' ').slice(0, 16)} UTC.</p> : null}
        </div>
      ) : null}
      {sources.data && sources.data.sources.length > 0 ? (
        <div className="card card--flush">
          <table className="table table--stack">
            <caption className="visually-hidden">Webhook sources</caption>
            <TableHead columns={['Source', 'Created', 'Last rotated', 'Previous secret valid until', '']} />
            <tbody>
              {sources.data.sources.map((s) => (
                <tr key={s.name}>
                  <td data-label="Source">
                    <code>{s.name}</code>
                  </td>
                  <td data-label="Created">{day(s.createdAt)}</td>
                  <td data-label="Last rotated">{day(s.rotatedAt)}</td>
                  <td data-label="Previous secret valid until">{s.previousValidUntil ? s.previousValidUntil.replace('T', ' ').slice(0, 16) : '—'}</td>
                  <td data-label="">
                    <button type="button" className="button button--secondary button--small" disabled={action.busy} onClick={() => rotate(s.name)}>
                      Rotate secret<span className="visually-hidden"> of {s.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {sources.data && sources.data.sources.length === 0 ? <p className="muted">No webhook source yet.</p> : null}
      <Field
        label="Grace period for a rotation (hours)"
        hint="How long the old secret keeps working; 0 stops it at once."
        inputMode="numeric"
        value={graceHours}
        error={grace === null ? 'Enter 0 to 168 whole hours.' : null}
        onChange={(e) => setGraceHours(e.target.value)}
      />
      <form className="form" onSubmit={create} aria-label="Create a webhook source">
        <Field label="New source name" hint="Lower-case letters, digits, - or _ (for example github-deploys)." value={name} pattern="[a-z0-9][a-z0-9_-]{0,63}" onChange={(e) => setName(e.target.value)} />
        <div>
          <button type="submit" className="button" disabled={action.busy || !/^[a-z0-9][a-z0-9_-]{0,63}$/u.test(name.trim())}>
            Create source
          </button>
        </div>
      </form>
    </section>
  );
}
