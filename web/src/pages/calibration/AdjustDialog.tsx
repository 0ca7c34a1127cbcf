import { useEffect, useId, useRef, useState } from 'react';
import { adjustRating, type AdjustResult, type Board, type BoardRow } from '../../api/calibration.ts';
import { useAction } from '../../api/use-action.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { OV_NAMES, OV_ORDER } from './calibration-format.ts';
import { personLabel } from './Roster.tsx';

// The server's minimum (src/calibration/adjustment.rules.ts), checked here first so the writer sees it at once.
const MIN_RATIONALE = 15;

interface AdjustDialogProps {
  board: Board;
  row: BoardRow;
  onMoved: (result: AdjustResult) => void;
  onReload: () => void;
  onClose: () => void;
}

/**
 * Moves one rating. Every change needs a rationale; the dialog also asks "what evidence would
 * change your mind?" when the policy does, and for approving calibrators when the new rating
 * needs a quorum (only calibrators not conflicted about the person are offered). The OV and
 * Forte summary of the new rating are shown as it is chosen. The server checks everything again.
 */
export function AdjustDialog({ board, row, onMoved, onReload, onClose }: AdjustDialogProps) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  const [performance, setPerformance] = useState(row.current.performance);
  const [potential, setPotential] = useState(row.current.potential);
  const [rationale, setRationale] = useState('');
  const [evidence, setEvidence] = useState('');
  const [approvers, setApprovers] = useState<number[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const action = useAction();
  const { policy } = board.session;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    firstField.current?.focus();
  }, []);

  const ov = board.grid.find((c) => c.performance === performance && c.potential === potential)?.ov ?? row.current.ov;
  const forte = board.scales.performance.find((l) => l.value === performance)?.forteSummary ?? '';
  const unchanged = performance === row.current.performance && potential === row.current.potential;
  const needsQuorum = !unchanged && ov !== row.current.ov && policy.quorum.ratings.includes(ov);
  const down = OV_ORDER.indexOf(ov) > OV_ORDER.indexOf(row.current.ov) || performance < row.current.performance;
  // Nobody decides about themselves or, as the advocate, about their own report.
  const eligible = board.session.calibrators.filter((c) => c.personId === null || (c.personId !== row.person.id && c.personId !== row.manager?.id));
  const name = personLabel(row);

  function check(): string[] {
    const found: string[] = [];
    if (unchanged) found.push('Choose a different performance or potential rating.');
    if (rationale.trim().length < MIN_RATIONALE) found.push(`Give a rationale of at least ${MIN_RATIONALE} characters.`);
    if (policy.requireEvidenceToChangeMind && evidence.trim().length < MIN_RATIONALE) found.push('Say what evidence would change your mind (at least 15 characters).');
    if (needsQuorum && approvers.length < policy.quorum.minimumCalibrators) found.push(`Moving someone into ${ov} needs ${policy.quorum.minimumCalibrators} calibrators approving; ${approvers.length} chosen.`);
    return found;
  }

  async function submit() {
    const found = check();
    setErrors(found);
    if (found.length) return;
    await action.run(async () => {
      const result = await adjustRating(board.session.id, {
        personId: row.person.id,
        performance,
        potential,
        rationale: rationale.trim(),
        ...(policy.requireEvidenceToChangeMind || evidence.trim() ? { evidenceToChangeMind: evidence.trim() } : {}),
        ...(needsQuorum ? { approvedBy: approvers } : {}),
        version: row.version,
      });
      onMoved(result);
      ref.current?.close();
    });
  }

  // Someone moved this rating first: the board's copy is stale, so offer to reload it.
  const conflict = action.problem?.code === 'VERSION_CONFLICT';
  return (
    <dialog ref={ref} className="dialog dialog--wide" aria-labelledby={`${id}-title`} onClose={onClose} data-testid="adjust-dialog">
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="dialog__header">
          <h2 className="card__title" id={`${id}-title`}>
            Move {name}
          </h2>
          <p className="muted small">
            Now {row.current.ov} ({OV_NAMES[row.current.ov]}): performance {row.current.performance}, potential {row.current.potential}, {row.current.forteSummary}. Proposed{' '}
            {row.proposed.ov}.
          </p>
        </div>
        <div className="form__row">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-perf`}>
              Performance
            </label>
            <select id={`${id}-perf`} ref={firstField} className="input" value={performance} onChange={(e) => setPerformance(Number(e.target.value))}>
              {[...board.scales.performance].reverse().map((l) => (
                <option key={l.value} value={l.value}>
                  {l.value} · {l.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-pot`}>
              Potential
            </label>
            <select id={`${id}-pot`} className="input" value={potential} onChange={(e) => setPotential(Number(e.target.value))}>
              {[...board.scales.potential].reverse().map((l) => (
                <option key={l.value} value={l.value}>
                  {l.value} · {l.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="adjust__preview" aria-live="polite" data-testid="adjust-preview">
          {unchanged ? (
            'Choose the new rating.'
          ) : (
            <>
              New rating: <span className={`ov ov--${ov}`}>{ov}</span> {OV_NAMES[ov]} · Forte summary: {forte}
            </>
          )}
        </p>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-why`}>
            Rationale
          </label>
          <p className="field__hint" id={`${id}-why-hint`}>
            Why the rating moves: short and factual, about the work. At least {MIN_RATIONALE} characters; it is kept with the rating for good.
          </p>
          <textarea id={`${id}-why`} className="input textarea textarea--short" aria-describedby={`${id}-why-hint`} value={rationale} onChange={(e) => setRationale(e.target.value)} />
        </div>
        {policy.requireEvidenceToChangeMind ? (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-mind`}>
              What evidence would change your mind?
            </label>
            <p className="field__hint" id={`${id}-mind-hint`}>
              This policy asks it of every change.
            </p>
            <textarea id={`${id}-mind`} className="input textarea textarea--short" aria-describedby={`${id}-mind-hint`} value={evidence} onChange={(e) => setEvidence(e.target.value)} />
          </div>
        ) : null}
        {needsQuorum ? (
          <fieldset className="fieldset">
            <legend className="field__label">
              Calibrators approving ({policy.quorum.minimumCalibrators} needed to move someone into {ov})
            </legend>
            <p className="field__hint">{row.manager ? `${row.manager.name} advocates for ${name} and cannot approve.` : 'Calibrators conflicted about this person do not count.'}</p>
            <div className="checks">
              {eligible.map((c) => (
                <label key={c.accountId} className="check">
                  <input
                    type="checkbox"
                    checked={approvers.includes(c.accountId)}
                    onChange={(e) => setApprovers((list) => (e.target.checked ? [...list, c.accountId] : list.filter((a) => a !== c.accountId)))}
                  />
                  <span className="check__label">{c.name}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        {policy.noSurprises && !unchanged && (ov === 'LE' || down) ? (
          <p className="notice notice--info small">No surprises: this move needs a dated note or check-in from earlier in the cycle showing {name} was told of the concern.</p>
        ) : null}
        <LiveRegion>
          {errors.length ? (
            <div className="notice notice--error">
              <p className="notice__title">Before this move is made</p>
              <ul className="notice__list">
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {action.problem ? <ProblemMessage problem={action.problem} heading="The move was not made" /> : null}
        </LiveRegion>
        <div className="form__actions form__actions--end">
          {conflict ? (
            <button type="button" className="button button--secondary" onClick={onReload}>
              Reload the board
            </button>
          ) : null}
          <button type="button" className="button button--secondary" onClick={() => ref.current?.close()} disabled={action.busy}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={action.busy}>
            {action.busy ? 'Moving…' : 'Move rating'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
