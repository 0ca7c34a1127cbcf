import { Link } from 'react-router-dom';
import type { Board, BoardRow, Vote } from '../../api/calibration.ts';
import { VirtualList } from '../../components/VirtualList.tsx';
import { flagLabel } from './calibration-format.ts';

interface RosterProps {
  board: Board;
  rows: readonly BoardRow[];
  onAdjust: (row: BoardRow) => void;
  onVote: (row: BoardRow, vote: Vote) => void;
  /** Rows whose vote is on its way, so their buttons wait. */
  voting: ReadonlySet<number>;
}

const VOTES: { vote: Vote; label: string }[] = [
  { vote: 'agree', label: 'Agree' },
  { vote: 'questions', label: 'Questions' },
  { vote: 'abstain', label: 'Abstain' },
];

/** How a roster row names its person: in a blind pass, by level and an anonymous number. */
export function personLabel(row: BoardRow): string {
  return row.person.name ?? `Person ${row.person.id} (${row.person.level})`;
}

/**
 * The roster as a windowed table: proposed against current rating, evidence coverage, the
 * pre-meeting tally, flags and the last three cycles, with votes for calibrators and moves for
 * anyone who may make them.
 */
export function Roster({ board, rows, onAdjust, onVote, voting }: RosterProps) {
  const open = board.session.status === 'open';
  const canMove = open && (board.viewer.calibrates || board.viewer.runs);
  const canVote = open && board.viewer.calibrates;
  const dimensionLabel = new Map(board.evidenceDimensions.dimensions.map((d) => [d.key, d.label]));
  return (
    <VirtualList
      label="Calibration roster"
      className="roster"
      items={rows}
      itemKey={(r) => r.person.id}
      estimatedRowHeight={76}
      empty={<p className="muted">Nobody matches these filters.</p>}
      header={
        <>
          <span role="columnheader">Person</span>
          <span role="columnheader">Manager</span>
          <span role="columnheader">Proposed</span>
          <span role="columnheader">Current</span>
          <span role="columnheader">Evidence</span>
          <span role="columnheader">Votes</span>
          <span role="columnheader">Flags</span>
          <span role="columnheader">Last 3 cycles</span>
          <span role="columnheader">
            <span className="visually-hidden">Actions</span>
          </span>
        </>
      }
      renderRow={(row) => {
        const name = personLabel(row);
        return (
          <>
            <span role="cell" className="roster__person">
              {row.person.name && board.viewer.runs ? (
                <Link to={`/people/${row.person.id}/rating-history`} className="roster__name">
                  {row.person.name}
                </Link>
              ) : (
                <span className="roster__name">{name}</span>
              )}
              <span className="roster__meta">
                {row.person.level}
                {row.person.title ? ` · ${row.person.title}` : ''}
                {row.person.team ? ` · ${row.person.team}` : ''}
              </span>
            </span>
            <span role="cell" className="roster__cell" data-label="Manager">
              {row.manager?.name ?? (row.person.name ? '—' : 'Hidden')}
            </span>
            <span role="cell" className="roster__cell" data-label="Proposed">
              <span className={`ov ov--${row.proposed.ov}`}>{row.proposed.ov}</span>
              <span className="roster__axes">
                P{row.proposed.performance} · Pot {row.proposed.potential}
              </span>
            </span>
            <span role="cell" className="roster__cell" data-label="Current" data-testid="current-rating">
              <span className={`ov ov--${row.current.ov}`}>{row.current.ov}</span>
              <span className="roster__axes">
                P{row.current.performance} · Pot {row.current.potential}
              </span>
              <span className="roster__forte">{row.current.forteSummary}</span>
            </span>
            <span role="cell" className="roster__cell" data-label="Evidence">
              <span className={row.evidence.met ? 'evidence-count evidence-count--met' : 'evidence-count'} title={row.evidence.covered.map((k) => dimensionLabel.get(k) ?? k).join(', ')}>
                {row.evidence.covered.length} of {board.evidenceDimensions.dimensions.length}
              </span>
              <span className="visually-hidden">{row.evidence.met ? ' dimensions, threshold met' : ` dimensions, below the ${board.evidenceDimensions.minimum} the threshold asks`}</span>
            </span>
            <span role="cell" className="roster__cell roster__tally" data-label="Votes">
              <span title="Agree">✓ {row.tally.agree}</span> <span title="Have questions">? {row.tally.questions}</span> <span title="Abstain">– {row.tally.abstain}</span>
              <span className="visually-hidden">
                {' '}
                ({row.tally.agree} agree, {row.tally.questions} with questions, {row.tally.abstain} abstaining)
              </span>
            </span>
            <span role="cell" className="roster__cell roster__flags" data-label="Flags">
              {row.flags.length ? row.flags.map((f) => <span key={f} className={`flag flag--${f}`}>{flagLabel(f)}</span>) : <span className="muted">—</span>}
            </span>
            <span role="cell" className="roster__cell" data-label="Last 3">
              {row.history.length ? row.history.map((h) => <span key={h.cycle} className={`ov ov--small ov--${h.ov}`} title={`${h.cycle}: ${h.ov}, ${h.forteSummary}`}>{h.ov}</span>) : <span className="muted">—</span>}
            </span>
            <span role="cell" className="roster__actions">
              {canVote ? (
                <span className="vote" role="group" aria-label={`Your vote on ${name}’s proposed rating`}>
                  {VOTES.map((v) => (
                    <button
                      key={v.vote}
                      type="button"
                      className="vote__button"
                      aria-pressed={row.myVote === v.vote}
                      disabled={voting.has(row.person.id)}
                      onClick={() => onVote(row, v.vote)}
                    >
                      {v.label}
                    </button>
                  ))}
                </span>
              ) : null}
              {canMove ? (
                <button type="button" className="button button--secondary button--small" onClick={() => onAdjust(row)}>
                  Move<span className="visually-hidden"> {name}</span>
                </button>
              ) : null}
            </span>
          </>
        );
      }}
    />
  );
}
