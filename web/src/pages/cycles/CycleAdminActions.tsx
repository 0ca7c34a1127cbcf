import { useRef, useState } from 'react';
import { advanceCycle, deleteCycle, launchCycle, type Cycle } from '../../api/cycles.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatDate } from '../../components/format.ts';
import { nextPhase, PHASE_END_EFFECTS, phaseLabel, type Phase } from './cycle-format.ts';

/** Launch, with a confirmation that explains what launching fixes for good. */
export function LaunchCycleButton({ cycle, onDone }: { cycle: Cycle; onDone: (cycle: Cycle) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--small" onClick={() => setOpen(true)}>
        Launch<span className="visually-hidden"> {cycle.name}</span>
      </button>
      {open ? (
        <ConfirmDialog
          title={`Launch ${cycle.name}?`}
          confirmLabel="Launch cycle"
          busyLabel="Launching…"
          onClose={() => setOpen(false)}
          onConfirm={async () => onDone(await launchCycle(cycle.id))}
        >
          <p>The self review phase starts now. Launching cannot be undone:</p>
          <ul className="bullets">
            <li>
              <strong>Participants are snapshotted.</strong> Everyone in {cycle.root.name}’s organisation today takes part, each with their current
              manager. People who join later can be added from the cycle’s dashboard; people who leave stay, flagged.
            </li>
            <li>
              <strong>The questions lock.</strong> The questions, the word limit, the Leadership Principles, the peer request cap and who reads each
              answer are fixed from the {cycle.policy.name} policy (version {cycle.policy.version}) until the cycle closes.
            </li>
            <li>
              <strong>Everyone is told.</strong> Each participant gets a notification asking for their self review, due{' '}
              {formatDate(cycle.deadlines['self_review'])}.
            </li>
          </ul>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** HR's early close of the current phase; the next phase opens at once. */
export function AdvancePhaseButton({ cycle, onDone, small = true }: { cycle: Cycle; onDone: (cycle: Cycle) => void; small?: boolean }) {
  const [open, setOpen] = useState(false);
  if (cycle.status !== 'launched' || cycle.phase === 'closed' || cycle.phase === 'draft') return null;
  const phase = cycle.phase as Phase;
  const next = nextPhase(phase);
  return (
    <>
      <button type="button" className={small ? 'button button--secondary button--small' : 'button button--secondary'} onClick={() => setOpen(true)}>
        End phase now<span className="visually-hidden"> ({phaseLabel(phase)} of {cycle.name})</span>
      </button>
      {open ? (
        <ConfirmDialog
          title={`End ${phaseLabel(phase).toLowerCase()} now?`}
          confirmLabel={next === 'closed' ? 'End phase and close' : `End phase and start ${phaseLabel(next).toLowerCase()}`}
          busyLabel="Ending phase…"
          danger
          onClose={() => setOpen(false)}
          onConfirm={async () => onDone(await advanceCycle(cycle.id))}
        >
          <p>
            The {phaseLabel(phase).toLowerCase()} deadline ({formatDate(cycle.deadlines[phase])}) moves to now
            {next === 'closed' ? ' and the cycle closes.' : <> and {phaseLabel(next).toLowerCase()} opens at once.</>}
          </p>
          <p>{PHASE_END_EFFECTS[phase]}</p>
          <p className="muted small">This cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** Deletes a draft after a warning; a launched cycle is history and has no such button. */
export function DeleteDraftButton({ cycle, onDeleted, small = true }: { cycle: Cycle; onDeleted: () => void; small?: boolean }) {
  const [open, setOpen] = useState(false);
  // Reported once the dialog has closed, so whoever shows the result can move focus.
  const deleted = useRef(false);
  if (cycle.status !== 'draft') return null;
  return (
    <>
      <button type="button" className={small ? 'button button--danger-quiet button--small' : 'button button--danger-quiet'} onClick={() => setOpen(true)}>
        Delete draft<span className="visually-hidden"> {cycle.name}</span>
      </button>
      {open ? (
        <ConfirmDialog
          title={`Delete the draft ${cycle.name}?`}
          confirmLabel="Delete draft"
          busyLabel="Deleting…"
          danger
          onClose={() => {
            setOpen(false);
            if (deleted.current) onDeleted();
          }}
          onConfirm={async () => {
            await deleteCycle(cycle.id);
            deleted.current = true;
          }}
        >
          <p>
            The draft, its name and its deadlines are removed. It was never launched, so nobody has been told about it and nothing anyone wrote is
            lost.
          </p>
          <p className="muted small">This cannot be undone; the audit log keeps a record that it existed.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
