import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { listLadders, updateLadderLevel, type LadderList } from '../../api/promotions.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageStates.tsx';
import { DIMENSION_LABELS } from './format.ts';

type Level = LadderList['ladders'][number]['levels'][number];
const DIMENSIONS = Object.keys(DIMENSION_LABELS) as (keyof typeof DIMENSION_LABELS & keyof Level['expectations'])[];
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** The ladder editor (admins): each level's title, expectations and example behaviours. */
export function LadderEditorPage() {
  const ladders = useResource((signal) => listLadders(signal), 'ladders');
  const [selected, setSelected] = useState<string | null>(null);
  if (!ladders.data) return <PageLoading title="Career ladders" resource={ladders} />;
  const entries = ladders.data.ladders.flatMap((l) => l.levels.map((v) => ({ key: `${l.key}/${v.code}`, ladder: l, level: v })));
  const chosen = entries.find((e) => e.key === selected) ?? entries[0];
  return (
    <div className="stack">
      <PageHeader title="Career ladders" lead="Edit what each level expects; everyone reads their level and the next on their career page." />
      <div className="field">
        <label className="field__label" htmlFor="ladder-level">
          Level
        </label>
        <select id="ladder-level" className="input" value={chosen?.key ?? ''} onChange={(e) => setSelected(e.target.value)}>
          {entries.map((e) => (
            <option key={e.key} value={e.key}>
              {e.ladder.name}: {e.level.title} ({e.level.code})
            </option>
          ))}
        </select>
      </div>
      {chosen ? <LevelForm key={`${chosen.key}-${chosen.level.version}`} ladderKey={chosen.ladder.key} level={chosen.level} onSaved={ladders.reload} /> : null}
    </div>
  );
}

function LevelForm({ ladderKey, level, onSaved }: { ladderKey: string; level: Level; onSaved: () => void }) {
  const action = useAction();
  const [title, setTitle] = useState(level.title);
  const [texts, setTexts] = useState<Record<string, string>>(Object.fromEntries(DIMENSIONS.map((d) => [d, String(level.expectations[d] ?? '')])));
  const [behaviours, setBehaviours] = useState<Record<string, string>>(Object.fromEntries(DIMENSIONS.map((d) => [d, (level.expectations.behaviours?.[d] ?? []).join('\n')])));
  const [examples, setExamples] = useState(level.expectations.exampleBehaviours.join('\n'));
  return (
    <form
      className="card card--form form"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          try {
            await updateLadderLevel(ladderKey, level.code, {
              title,
              version: level.version ?? 1,
              expectations: {
                scope: texts.scope!,
                autonomy: texts.autonomy!,
                technicalDepth: texts.technicalDepth!,
                influence: texts.influence!,
                mentorship: texts.mentorship!,
                operations: texts.operations!,
                exampleBehaviours: lines(examples),
                behaviours: Object.fromEntries(DIMENSIONS.map((d) => [d, lines(behaviours[d] ?? '')])),
              },
            });
          } catch (error) {
            if (isApiError(error, 409)) onSaved();
            throw error;
          }
          onSaved();
          return `${title} saved.`;
        });
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor="level-title">
          Title
        </label>
        <input id="level-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      {DIMENSIONS.map((d) => (
        <fieldset className="fieldset" key={d}>
          <legend>{DIMENSION_LABELS[d]}</legend>
          <label className="field__label" htmlFor={`exp-${d}`}>
            Expectation
          </label>
          <textarea id={`exp-${d}`} className="textarea textarea--short" value={texts[d]} onChange={(e) => setTexts({ ...texts, [d]: e.target.value })} />
          <label className="field__label" htmlFor={`beh-${d}`}>
            Example behaviours (one per line)
          </label>
          <textarea id={`beh-${d}`} className="textarea textarea--short" value={behaviours[d]} onChange={(e) => setBehaviours({ ...behaviours, [d]: e.target.value })} />
        </fieldset>
      ))}
      <label className="field__label" htmlFor="level-examples">
        Examples for the level (one per line)
      </label>
      <textarea id="level-examples" className="textarea textarea--short" value={examples} onChange={(e) => setExamples(e.target.value)} />
      <ActionOutcome action={action} heading="Not saved" />
      <div className="form__actions">
        <button type="submit" className="button" disabled={action.busy}>
          Save level
        </button>
      </div>
    </form>
  );
}
