import { useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { castVote, getBoard, type Board, type BoardRow, type Vote } from '../../api/calibration.ts';
import { isApiError, type Problem } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { MissingPage, PageLoading } from '../../components/PageStates.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { plural } from '../../components/format.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { hasRole, useMe } from '../../components/me-context.ts';
import { SessionBiasPanel } from '../analytics/index.ts';
import { AdjustDialog } from './AdjustDialog.tsx';
import { BoardActions } from './BoardActions.tsx';
import { applyAdjustment, applyVote, filterRows, type RosterFilter } from './board-state.ts';
import { DistributionPanel } from './DistributionPanel.tsx';
import { ManagerDistributions } from './ManagerDistributions.tsx';
import { PotentialGrid } from './PotentialGrid.tsx';
import { personLabel, Roster } from './Roster.tsx';
import { RosterFilters } from './RosterFilters.tsx';

/** `/calibration/:id`: the calibration board of one session. */
export function BoardPage() {
  const sessionId = Number(useParams().id);
  if (!Number.isInteger(sessionId) || sessionId <= 0) return <NotFoundPage />;
  return <BoardLoader sessionId={sessionId} />;
}

function BoardLoader({ sessionId }: { sessionId: number }) {
  const board = useResource((signal) => getBoard(sessionId, signal), `board-${sessionId}`);
  if (board.status === 'error' && isApiError(board.error, 404)) {
    return <MissingPage title="Session not found" lead="There is no such calibration session, or you do not calibrate or run it." back={{ to: '/calibration', label: 'All calibration sessions' }} />;
  }
  if (!board.data) return <PageLoading title="Calibration" resource={board} />;
  return <BoardView board={board.data} onChange={board.replace} onReload={board.reload} />;
}

// Filters live in the address, so a filtered board can be shared and survives a reload.
function useRosterFilter(): [RosterFilter, (f: RosterFilter) => void] {
  const [params, setParams] = useSearchParams();
  const num = (key: string) => (params.get(key) ? Number(params.get(key)) : undefined);
  const perf = num('performance');
  const pot = num('potential');
  const filter: RosterFilter = {
    level: params.get('level') ?? undefined,
    team: params.get('team') ?? undefined,
    managerId: num('manager'),
    flag: params.get('flag') ?? undefined,
    cell: perf !== undefined && pot !== undefined ? { performance: perf, potential: pot } : undefined,
  };
  const set = (f: RosterFilter) => {
    const next = new URLSearchParams();
    if (f.level) next.set('level', f.level);
    if (f.team) next.set('team', f.team);
    if (f.managerId !== undefined) next.set('manager', String(f.managerId));
    if (f.flag) next.set('flag', f.flag);
    if (f.cell) {
      next.set('performance', String(f.cell.performance));
      next.set('potential', String(f.cell.potential));
    }
    setParams(next, { replace: true });
  };
  return [filter, set];
}

function BoardView({ board, onChange, onReload }: { board: Board; onChange: (board: Board) => void; onReload: () => void }) {
  const [filter, setFilter] = useRosterFilter();
  const { me } = useMe();
  const [adjusting, setAdjusting] = useState<BoardRow | null>(null);
  const [refusal, setRefusal] = useState<Problem | null>(null);
  const [voting, setVoting] = useState<ReadonlySet<number>>(new Set());
  const action = useAction();
  // Answers arrive after other changes (two votes in flight): each applies to the newest board.
  const latest = useRef(board);
  latest.current = board;
  const { session } = board;
  const rows = useMemo(() => filterRows(board.rows, filter), [board.rows, filter]);
  const moved = board.rows.filter((r) => r.current.ov !== r.proposed.ov || r.current.performance !== r.proposed.performance || r.current.potential !== r.proposed.potential).length;

  async function vote(row: BoardRow, choice: Vote) {
    setVoting((s) => new Set(s).add(row.person.id));
    await action.run(
      async () => {
        await castVote(session.id, row.person.id, choice);
        latest.current = applyVote(latest.current, row.person.id, choice);
        onChange(latest.current);
      },
      { busy: false },
    );
    setVoting((s) => {
      const next = new Set(s);
      next.delete(row.person.id);
      return next;
    });
  }

  return (
    <div className="stack board">
      <Breadcrumb trail={[{ to: '/calibration', label: 'Calibration' }]} current={session.name} />
      <PageHeader
        title={session.name}
        tabTitle={`${session.name} · Calibration`}
        lead={
          <>
            <span className={`session-status session-status--${session.status}`} data-testid="session-status">
              {session.status === 'open' ? 'Open' : session.status === 'finalised' ? 'Finalised' : 'Delivered'}
            </span>{' '}
            {session.blind ? <span className="badge badge--status-draft">Blind first pass</span> : null} {session.cycle.name} · {session.policy.key} policy, version {session.policy.version} ·{' '}
            {session.policy.mode === 'forced' ? 'forced distribution' : 'guideline targets'}
          </>
        }
      />
      <BoardActions board={board} action={action} onSession={(s) => onChange({ ...board, session: s })} onRefused={setRefusal} onReload={onReload} />
      <ActionOutcome action={action} testId="board-status" />
      <LiveRegion>{refusal ? <ProblemMessage problem={refusal} heading="The server refused to finalise" /> : null}</LiveRegion>
      {session.blind ? (
        <p className="notice notice--info">Blind first pass: names, teams and managers are hidden from the room; evidence and the rubric are shown. Whoever runs the session ends it.</p>
      ) : null}
      <dl className="stats board__stats">
        <div className="stats__item">
          <dt>On the board</dt>
          <dd>{board.distribution.size}</dd>
        </div>
        <div className={board.missingProposals.length ? 'stats__item stats__item--warning' : 'stats__item'}>
          <dt>Not proposed yet</dt>
          <dd>{board.missingProposals.length}</dd>
        </div>
        <div className="stats__item">
          <dt>Moved</dt>
          <dd>{moved}</dd>
        </div>
        <div className="stats__item">
          <dt>Agree</dt>
          <dd>{board.tally.agree}</dd>
        </div>
        <div className="stats__item">
          <dt>Have questions</dt>
          <dd>{board.tally.questions}</dd>
        </div>
        <div className="stats__item">
          <dt>Abstain / not voted</dt>
          <dd>
            {board.tally.abstain} / {board.tally.notVoted}
          </dd>
        </div>
      </dl>
      <div className="grid grid--halves">
        <DistributionPanel
          title="Distribution against targets"
          distribution={board.distribution}
          mode={session.policy.mode}
          lead={`The whole session, whatever the filters. ${session.policy.mode === 'forced' ? 'Forced: finalising waits until every target is met.' : 'Guideline: outside a target is a warning.'}`}
          testId="session-distribution"
        />
        <PotentialGrid board={board} selected={filter.cell} onSelect={(cell) => setFilter({ ...filter, cell })} />
      </div>
      <ManagerDistributions board={board} onShowManager={(managerId) => setFilter({ managerId })} />
      {/* The live bias check reads demographics, so only HR partners who run the session see it (the API enforces the same). */}
      {board.viewer.runs && hasRole(me, 'hr') ? <SessionBiasPanel sessionId={board.session.id} refreshKey={String(board.rows.reduce((sum, r) => sum + r.version, 0))} /> : null}
      {board.missingProposals.length ? (
        <details className="card disclosure" data-testid="missing-proposals">
          <summary>{plural(board.missingProposals.length, 'person has', 'people have')} no submitted proposal yet, so they are not on the board</summary>
          <p className="disclosure__body small">{board.missingProposals.map((m) => m.name || `Person ${m.id}`).join(', ')}</p>
        </details>
      ) : null}
      <section className="card card--flush" aria-labelledby="roster-title">
        <div className="card__inset">
          <h2 className="card__title" id="roster-title">
            Roster
          </h2>
          <RosterFilters rows={board.rows} filter={filter} shown={rows.length} onChange={setFilter} />
        </div>
        <Roster board={board} rows={rows} voting={voting} onVote={(row, v) => void vote(row, v)} onAdjust={setAdjusting} />
      </section>
      {adjusting ? (
        <AdjustDialog
          board={board}
          row={adjusting}
          onClose={() => setAdjusting(null)}
          onReload={() => {
            setAdjusting(null);
            onReload();
          }}
          onMoved={(result) => {
            latest.current = applyAdjustment(latest.current, result);
            onChange(latest.current);
            setRefusal(null);
            action.announce(`Moved ${personLabel(adjusting)} from ${adjusting.current.ov} to ${result.current.ov}. The distribution is updated.`);
          }}
        />
      ) : null}
    </div>
  );
}
