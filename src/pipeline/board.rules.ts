import type { CaseState } from './pipeline.rules.ts';
import { STAGES, stageLabel, type Stage } from './stages.ts';

const DAY_MS = 86_400_000;

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);

/**
 * The board's figures from the cases' states: per stage, how many cases are there now, their
 * median days in the stage and how many are past their deadline; pass rates of Focus, the PIP and
 * appeals among those decided; and, per organisation (the longest matching path), where cases are
 * and how they ended.
 */
export function pipelineBoard(input: { cases: { state: CaseState; path: string }[]; organisations: { id: number; name: string; path: string }[]; now: Date; focusLabel: string; isOverdue: (dueAt: string | null, now: Date) => boolean }) {
  const { cases, now } = input;
  const stages = STAGES.map((stage) => {
    const here = cases.filter((c) => c.state.stage === stage);
    return {
      stage,
      label: stageLabel(stage, input.focusLabel),
      count: here.length,
      medianDaysInStage: median(here.map((c) => Math.floor((now.getTime() - Date.parse(c.state.stageEnteredAt)) / DAY_MS))),
      overdue: here.filter((c) => input.isOverdue(c.state.dueAt, now)).length,
    };
  });
  const focusDone = cases.filter((c) => c.state.focus?.conclusion);
  const pipDone = cases.filter((c) => c.state.pip?.outcome);
  const appealsDone = cases.filter((c) => c.state.appeal?.verdict);
  const focusOk = focusDone.filter((c) => c.state.focus!.conclusion!.result === 'successful').length;
  const pipOk = pipDone.filter((c) => c.state.pip!.outcome!.result === 'pass').length;
  const won = appealsDone.filter((c) => c.state.appeal!.verdict!.result === 'won').length;
  const orgOf = (path: string) => input.organisations.filter((o) => path.startsWith(o.path)).sort((a, b) => b.path.length - a.path.length)[0];
  const count = (list: { state: CaseState }[], stage: Stage) => list.filter((c) => c.state.stage === stage).length;
  return {
    stages,
    passRates: {
      focus: { concluded: focusDone.length, successful: focusOk, rate: rate(focusOk, focusDone.length) },
      pip: { concluded: pipDone.length, passed: pipOk, rate: rate(pipOk, pipDone.length) },
      appeal: { decided: appealsDone.length, won, rate: rate(won, appealsDone.length) },
    },
    outcomesByOrganisation: input.organisations
      .map((org) => {
        const mine = cases.filter((c) => orgOf(c.path)?.id === org.id);
        return { organisation: { id: org.id, name: org.name }, open: mine.filter((c) => c.state.closedAt === null).length, kept: count(mine, 'kept'), leftTier1: count(mine, 'left_tier1'), leftTier2: count(mine, 'left_tier2'), terminated: count(mine, 'terminated') };
      })
      .filter((o) => o.open + o.kept + o.leftTier1 + o.leftTier2 + o.terminated > 0),
  };
}
