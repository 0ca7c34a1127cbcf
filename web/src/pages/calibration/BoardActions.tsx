import { useState } from 'react';
import { Link } from 'react-router-dom';
import { deliverSession, exportCsvUrl, finaliseSession, revealSession, syncSession, type Board, type CalibrationSession } from '../../api/calibration.ts';
import { problemOf, type Problem } from '../../api/client.ts';
import type { Action } from '../../api/use-action.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { plural } from '../../components/format.ts';

type Dialog = 'reveal' | 'finalise' | 'deliver' | null;

interface BoardActionsProps {
  board: Board;
  action: Action;
  onSession: (session: CalibrationSession) => void;
  /** The server refused to finalise: the page shows its words. */
  onRefused: (problem: Problem | null) => void;
  onReload: () => void;
}

/** The session's own buttons: reveal, bring in proposals, finalise, deliver, export, compare. */
export function BoardActions({ board, action, onSession, onRefused, onReload }: BoardActionsProps) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const { session, viewer } = board;
  const other = session.policy.key === 'amazon' ? 'humane' : 'amazon';
  const people = plural(board.rows.length, 'rating', 'ratings');
  return (
    <div className="toolbar toolbar--wrap board-actions">
      {viewer.runs && session.status === 'open' && session.blind ? (
        <button type="button" className="button button--secondary" onClick={() => setDialog('reveal')}>
          End blind pass
        </button>
      ) : null}
      {viewer.runs && session.status === 'open' && board.missingProposals.length ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={action.busy}
          onClick={() =>
            void action.run(async () => {
              const { added } = await syncSession(session.id);
              onReload();
              return added ? `Brought in ${plural(added, 'new proposal', 'new proposals')}.` : 'No new proposals have been submitted since the session opened.';
            })
          }
        >
          Bring in new proposals
        </button>
      ) : null}
      {viewer.runs && session.status === 'open' ? (
        <button type="button" className="button" onClick={() => setDialog('finalise')}>
          Finalise
        </button>
      ) : null}
      {viewer.runs && session.status === 'finalised' ? (
        <button type="button" className="button" onClick={() => setDialog('deliver')}>
          Deliver to employees
        </button>
      ) : null}
      {viewer.runs ? (
        <a className="button button--secondary" href={exportCsvUrl(session.id)} download>
          Export CSV
        </a>
      ) : null}
      <Link className="button button--secondary" to={`/calibration/${session.id}/compare?policy=${other}`}>
        Compare with {other}
      </Link>
      {dialog === 'reveal' ? (
        <ConfirmDialog
          title="End the blind pass?"
          confirmLabel="Show names"
          busyLabel="Showing names…"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            onSession(await revealSession(session.id));
            // Names, teams and managers were never sent during the blind pass: fetch them now.
            onReload();
            action.announce('The blind pass has ended: names and managers are now shown to the room.');
          }}
        >
          <p>Everyone in the room will see names, teams and managers from now on. The blind pass cannot be started again.</p>
        </ConfirmDialog>
      ) : null}
      {dialog === 'finalise' ? (
        <ConfirmDialog
          title="Finalise the session?"
          confirmLabel="Finalise"
          busyLabel="Finalising…"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            // A refusal is the answer to show, on the page, word for word: the dialog closes either way.
            try {
              const result = await finaliseSession(session.id);
              onRefused(null);
              onSession(result);
              action.announce(result.warnings.length ? `Finalised with ${plural(result.warnings.length, 'warning', 'warnings')}: ${result.warnings.join('; ')}.` : `Finalised: ${people} are locked.`);
            } catch (error) {
              action.clear();
              onRefused(problemOf(error));
            }
          }}
        >
          <p>
            {people} lock: nobody can move them afterwards.{' '}
            {session.policy.mode === 'forced' ? 'This policy forces its distribution: the server refuses while any target is not met.' : 'Targets are guidelines here: findings come back as warnings.'}
          </p>
        </ConfirmDialog>
      ) : null}
      {dialog === 'deliver' ? (
        <ConfirmDialog
          title="Deliver the ratings?"
          confirmLabel="Deliver"
          busyLabel="Delivering…"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            onSession(await deliverSession(session.id));
            action.announce(`Delivered: each of the ${people} is now readable by its person, as the ${session.policy.key} policy allows, and they have been told.`);
          }}
        >
          <p>Each person is told their review is ready and can read what the {session.policy.key} policy shows employees.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
