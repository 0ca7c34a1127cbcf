import { useState } from 'react';
import { getGroupThemes, getMyThemes, getPersonThemes, type FeedbackThemes } from '../../api/analytics.ts';
import { isApiError } from '../../api/client.ts';
import { listCycles } from '../../api/cycles.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PersonSearch } from '../../components/PersonSearch.tsx';
import { hasRole, useMe } from '../../components/me-context.ts';
import { SelectField } from './FormFields.tsx';
import { ThemesView } from './ThemesView.tsx';

/**
 * Feedback themes: what peers keep saying, for me (once my feedback is released), and for the
 * people and organisations I manage or serve as HR. Authors are never shown.
 */
export function ThemesPage() {
  const { me } = useMe();
  const cycles = useResource((signal) => listCycles(signal), 'themes-cycles');
  const [cycleId, setCycleId] = useState('');
  const choices = (cycles.data?.cycles ?? []).filter((c) => c.status !== 'draft').map((c) => ({ value: String(c.id), label: c.name }));
  const chosen = Number(cycleId || choices[0]?.value || 0);
  const reader = hasRole(me, 'manager') || hasRole(me, 'hr');
  return (
    <div className="stack">
      <PageHeader title="Feedback themes" lead="The Leadership Principles peers tagged and the phrases that recur in their answers. Never who wrote what." />
      {choices.length > 0 ? <SelectField label="Cycle" value={String(chosen)} onChange={setCycleId} choices={choices} /> : null}
      {cycles.status === 'ready' && choices.length === 0 ? <p className="card muted">No review cycle has started yet.</p> : null}
      {chosen ? <MyThemes key={`me-${chosen}`} cycleId={chosen} /> : null}
      {chosen && reader ? <OthersThemes key={`others-${chosen}`} cycleId={chosen} isHr={hasRole(me, 'hr')} /> : null}
    </div>
  );
}

function MyThemes({ cycleId }: { cycleId: number }) {
  const mine = useResource((signal) => getMyThemes(cycleId, signal), `my-themes-${cycleId}`);
  // Not taking part in this cycle (an HR partner running it) is not an error to show.
  if (mine.status === 'error' && isApiError(mine.error, 403)) return null;
  return (
    <>
      <ActionOutcome action={{ problem: null, status: null }} resource={mine} />
      {mine.data ? <ThemesView themes={mine.data} /> : null}
    </>
  );
}

function OthersThemes({ cycleId, isHr }: { cycleId: number; isHr: boolean }) {
  const action = useAction();
  const [themes, setThemes] = useState<FeedbackThemes | null>(null);
  const show = (load: () => Promise<FeedbackThemes>) => void action.run(async () => setThemes(await load()));
  return (
    <section className="card card--form stack" aria-label="Themes of people I manage or serve">
      <h2 className="card__title">People and organisations</h2>
      <div className="analytics-grid">
        <PersonSearch label="A person's themes" hint="Your reports and theirs; HR: anyone in scope." actionLabel="Show" onPick={(p) => show(() => getPersonThemes(cycleId, p.id))} />
        <PersonSearch label="An organisation's themes" hint="Everyone under the person you choose; shown from five people with feedback." actionLabel="Show" onPick={(p) => show(() => getGroupThemes(cycleId, p.id))} />
      </div>
      {isHr ? (
        <div className="form__actions">
          <button type="button" className="button button--secondary" onClick={() => show(() => getGroupThemes(cycleId))}>
            Whole cycle
          </button>
        </div>
      ) : null}
      <ActionOutcome action={action} />
      {themes ? <ThemesView themes={themes} /> : null}
    </section>
  );
}
