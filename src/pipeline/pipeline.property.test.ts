import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AMAZON_PIPELINE, HUMANE_PIPELINE } from '../policy/pipeline-presets.ts';
import type { PipelinePolicy } from '../policy/pipeline.schema.ts';
import type { PipelineCommand } from '../shared/schemas/pipeline.ts';
import { applyTransition, openCase, type CaseState, type TransitionEvent } from './pipeline.rules.ts';
import { CAPACITIES, EDGES, END_STAGES, isEndStage, SEVERANCE_OF, TRANSITION_TYPES, TRANSITIONS, transitionsFrom, type Capacity, type Stage } from './stages.ts';

/**
 * Random walks through the process: each step picks a transition (usually one the current stage
 * allows, sometimes any at all), a random actor, random lengths and jurors (some in the chain),
 * and moves the clock on by a random number of days. Whatever the sequence, the invariants below
 * hold after every step; and walks reach every end state.
 */
const DAY = 86_400_000;
const CHAIN = new Set([100, 101]);
const PEOPLE = [100, 101, 200, 201, 202, 203, 204, 205, 206];
const jurorProblems = Object.fromEntries(PEOPLE.map((id) => [id, CHAIN.has(id) ? { rule: 'JUROR_IN_CHAIN', message: `${id} is in the chain` } : null]));

const stepArb = fc.record({
  wild: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  pick: fc.nat(1000),
  capacities: fc.subarray<Capacity>([...CAPACITIES]),
  actorPerson: fc.constantFrom(...PEOPLE, 50),
  // Mostly small steps of the clock, sometimes one past any deadline.
  days: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3 }), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 100 }), weight: 1 }),
  length: fc.integer({ min: 10, max: 120 }),
  option: fc.boolean(),
  // Juries of any size from anyone, or of a plausible size from outside the chain.
  jurors: fc.oneof(fc.shuffledSubarray(PEOPLE, { minLength: 2, maxLength: 6 }), fc.constantFrom(3, 5).chain((n) => fc.shuffledSubarray(PEOPLE.filter((p) => !CHAIN.has(p)), { minLength: n, maxLength: n }))),
  blank: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

function commandFor(type: (typeof TRANSITION_TYPES)[number], step: Step, state: CaseState): PipelineCommand {
  const text = step.blank ? ' ' : 'Written down with care.';
  const pendingJuror = state.appeal?.jurors.find((j) => !j.vote)?.personId ?? step.actorPerson;
  switch (type) {
    case 'startFocus':
      return { type, project: text, successCriteria: text, goals: step.blank ? [] : ['One', 'Two'], lengthDays: step.length % 2 ? undefined : step.length };
    case 'closeWithoutAction':
      return { type, reason: text };
    case 'acknowledgePlan':
      return { type };
    case 'checkIn':
      return { type, note: text };
    case 'concludeFocus':
      return { type, note: text };
    case 'enterPivot':
      return { type, note: text, pipGoals: step.blank ? [] : ['One', 'Two'], pipLengthDays: step.length % 3 ? step.length : undefined };
    case 'choosePivotOption':
      return { type, option: step.option ? 'pip' : 'tier1' };
    case 'extendDeadline':
      return { type, days: step.length, reason: text };
    case 'recordPipOutcome':
      return { type, outcome: step.option ? 'fail' : 'pass', note: text };
    case 'chooseAfterFailure':
      return { type, option: step.option ? 'appeal' : 'tier2', statement: step.blank ? undefined : text };
    case 'empanelJury':
      return { type, jurorIds: step.jurors };
    case 'castJuryVote':
      return { type, jurorId: pendingJuror, vote: step.option ? 'overturn' : 'uphold' };
  }
}

interface Walk {
  state: CaseState;
  events: TransitionEvent[];
  deadlineViolations: string[];
}

function walk(policy: PipelinePolicy, steps: Step[]): Walk {
  const opened = openCase({ source: 'rating', reason: 'LE', now: new Date('2027-03-01T00:00:00Z'), policy });
  if (!opened.ok) throw new Error('open');
  let state = opened.state;
  let now = Date.parse('2027-03-01T00:00:00Z');
  const events: TransitionEvent[] = [];
  const deadlineViolations: string[] = [];
  for (const step of steps) {
    now += step.days * DAY;
    const candidates = step.wild ? [...TRANSITION_TYPES] : transitionsFrom(state.stage);
    if (!candidates.length) continue;
    const type = candidates[step.pick % candidates.length]!;
    const actor = { capacities: step.capacities, personId: step.actorPerson, accountId: 1 };
    const before = state;
    const result = applyTransition(state, commandFor(type, step, state), { policy, now: new Date(now), actor, jurorProblems });
    if (!result.ok) {
      expect(result.refusal.stage).toBe(before.stage);
      expect(result.refusal.detail.length).toBeGreaterThan(0);
      if (isEndStage(before.stage)) expect(result.refusal.allowed).toEqual([]);
      continue;
    }
    // Decisions carry their deadline: none is ever recorded after it.
    if ((type === 'choosePivotOption' || type === 'chooseAfterFailure') && before.dueAt && now > Date.parse(before.dueAt)) deadlineViolations.push(`${type} at ${new Date(now).toISOString()} after ${before.dueAt}`);
    expect(TRANSITIONS[type].by).toContain(result.event.capacity);
    expect(isEndStage(before.stage)).toBe(false);
    state = result.state;
    events.push(result.event);
  }
  return { state, events, deadlineViolations };
}

/** What the process forbids, stated independently of how applyTransition is written. */
function invariantViolations(w: Walk, policy: PipelinePolicy): string[] {
  const { state: s, events } = w;
  const problems = [...w.deadlineViolations];
  const path = s.path;
  for (let i = 1; i < path.length; i++) if (!EDGES.has(`${path[i - 1]}>${path[i]}`)) problems.push(`illegal move ${path[i - 1]} → ${path[i]}`);
  if (path[0] !== 'identified') problems.push('did not start at identification');
  if (path.at(-1) !== s.stage) problems.push('path does not end at the stage');
  if (path.slice(0, -1).some((p) => isEndStage(p as Stage))) problems.push('left an end state');
  if (path.includes('pip') && s.pivot?.choice?.option !== 'pip') problems.push('PIP without the Pivot choice');
  if (s.pip && (s.pip.lengthDays < policy.pip.minDays || s.pip.lengthDays > policy.pip.maxDays)) problems.push(`PIP of ${s.pip.lengthDays} days`);
  if (s.pip && Date.parse(s.pip.endsAt) - Date.parse(s.pip.startsAt) !== s.pip.lengthDays * DAY) problems.push('PIP dates disagree with its length');
  if (events.filter((e) => e.type === 'recordPipOutcome').length > 1) problems.push('two PIP outcomes');
  if (path.includes('appeal') && s.pip?.outcome?.result !== 'fail') problems.push('appeal without a failed PIP');
  if (s.appeal?.jurors.some((j) => CHAIN.has(j.personId))) problems.push('a juror from the chain');
  if (s.appeal && s.appeal.jurors.length && s.appeal.jurors.length !== policy.appeal.jurySize) problems.push('wrong jury size');
  if (s.stage === 'terminated' && !(s.appeal?.verdict?.result === 'lost' && s.appeal.verdict.uphold > s.appeal.verdict.overturn)) problems.push('terminated without a lost appeal');
  if (s.stage === 'left_tier1' && s.pivot?.choice?.option !== 'tier1') problems.push('Tier 1 without the Pivot choice');
  if (s.stage === 'left_tier2' && !(s.pip?.outcome?.result === 'fail' && s.postFailure?.choice?.option === 'tier2')) problems.push('Tier 2 without a failed PIP');
  if (isEndStage(s.stage) && s.severance !== SEVERANCE_OF[s.stage]) problems.push(`severance ${s.severance} at ${s.stage}`);
  if (!isEndStage(s.stage) && (s.severance !== null || s.closedAt !== null)) problems.push('an open case with severance or a closing date');
  if (s.path.includes('pivot') && policy.focus.requireAcknowledgement && !s.focus?.acknowledgedAt) problems.push('Pivot without the plan acknowledged');
  if (events.some((e) => e.capacity === 'employee' && !policy.focus.visibleToEmployee && (e.from === 'identified' || e.from === 'focus'))) problems.push('the employee acted on a stage hidden from them');
  return problems;
}

describe.each([
  ['amazon', AMAZON_PIPELINE],
  ['humane', HUMANE_PIPELINE],
])('random transition sequences under %s', (_name, policy) => {
  it('never reach a state the process forbids', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
        expect(invariantViolations(walk(policy, steps), policy)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('reach every end state', () => {
    const reached = new Set<string>();
    for (const steps of fc.sample(fc.array(stepArb, { minLength: 60, maxLength: 150 }), { numRuns: 1000, seed: 42 })) reached.add(walk(policy, steps).state.stage);
    expect([...END_STAGES].filter((s) => !reached.has(s))).toEqual([]);
  });
});
