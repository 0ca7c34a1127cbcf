import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { auditBias, type BiasAuditReport } from './bias-audit.ts';
import { prepareBiasAudit } from './bias-input.ts';
import { buildAuditTable, dimensionLabel, type AuditPerson } from './audit-dimensions.rules.ts';
import { wouldDisclose } from './disclosure.rules.ts';
import { DISCLOSURE_MEMORY_DAYS, loadShownReports, lockDisclosures, recordShownReports } from './disclosure.repository.ts';
import type { InputProblem } from './input-problem.ts';

/** One way of measuring the same people: the session panel audits current and proposed ratings together. */
export interface OutcomeView {
  outcomeLabel: string;
  /** Each person's outcome, in the order of `people`. */
  outcomes: readonly string[];
  grades: readonly string[] | null;
}

export interface RememberedAuditInput {
  accountId: number;
  /** What the people are (`ratings:cycle:12`): reports of one source can be subtracted from each other. */
  source: string;
  people: readonly AuditPerson[];
  views: readonly OutcomeView[];
  favourable: readonly string[];
  group: string;
  controls: readonly string[];
  minGroup: number;
  reference?: string;
  /** The date tenure is counted to. */
  asOf: Date;
  now: Date;
}

export type ViewResult = { ok: true; report: BiasAuditReport; hiddenAcrossReports: number } | { ok: false; problems: InputProblem[] };

/**
 * Runs the offline bias audit on the app's people, once per outcome view, with suppression across
 * reports: a group that, together with the reports this reader was shown in the last
 * DISCLOSURE_MEMORY_DAYS, would let a handful of people be worked out by subtraction is hidden
 * (and with it the next-smallest, as within one report). The groups shown are remembered.
 * Check and record happen under a per-reader lock in the caller's transaction.
 */
export async function auditWithMemory(trx: Transaction<DB>, input: RememberedAuditInput): Promise<ViewResult[]> {
  if (input.people.length < input.minGroup) {
    // The engine would say "the file has N rows"; here the rows are people.
    const n = input.people.length;
    const reason = `${n === 0 ? 'Nobody matches' : n === 1 ? 'Only 1 person matches' : `Only ${n} people match`}, fewer than the minimum group size ${input.minGroup}: nothing can be shown.`;
    return input.views.map(() => ({ ok: false, problems: [{ line: null, column: '-', reason }] }));
  }
  await lockDisclosures(trx, input.accountId);
  const { members } = buildAuditTable(input.people, { outcomeLabel: '-', group: input.group, controls: [], asOf: input.asOf });
  const candidates = [...members].filter(([, ids]) => ids.length >= input.minGroup);
  const key = { accountId: input.accountId, source: input.source, dimension: input.group };
  const shown = await loadShownReports(trx, { ...key, values: candidates.map(([value]) => value), now: input.now });
  const population = input.people.map((p) => p.personId);
  // Membership decides, not outcomes: every view of the same people hides the same groups.
  const hide = new Set(
    candidates.filter(([value, ids]) => wouldDisclose(shown.get(value) ?? [], { population, members: ids }, input.minGroup)).map(([value]) => value),
  );
  // A group unsafe in this report alone is one the engine's complementary suppression hides
  // anyway; only the others are hidden because of earlier reports.
  const across = [...hide].filter((value) => !wouldDisclose([], { population, members: members.get(value)! }, input.minGroup)).length;

  const results = input.views.map((view) => runView(input, view, hide, across));
  const visible = new Set(results.flatMap((r) => (r.ok ? r.report.groups.map((g) => g.value) : [])));
  await recordShownReports(trx, { ...key, population, groups: [...visible].map((value) => ({ value, members: members.get(value)! })), now: input.now });
  return results;
}

function runView(input: RememberedAuditInput, view: OutcomeView, hide: ReadonlySet<string>, across: number): ViewResult {
  const people = input.people.map((p, i) => ({ ...p, outcome: view.outcomes[i]! }));
  const { table } = buildAuditTable(people, { outcomeLabel: view.outcomeLabel, group: input.group, controls: input.controls, asOf: input.asOf });
  const prepared = prepareBiasAudit(table, {
    outcome: view.outcomeLabel,
    favourable: [...input.favourable],
    group: dimensionLabel(input.group),
    controls: input.controls.map(dimensionLabel),
    minGroup: input.minGroup,
    ...(view.grades ? { grades: [...view.grades] } : {}),
  });
  if (!prepared.ok) return { ok: false, problems: prepared.problems };
  const audited = auditBias(prepared.value, { minGroup: input.minGroup, hide, ...(input.reference !== undefined ? { reference: input.reference } : {}) });
  if (!audited.ok) return { ok: false, problems: audited.problems };
  const report = audited.value;
  if (across > 0) {
    // After the engine's own sentence on suppression, which counts these groups too.
    report.findings.splice(
      2,
      0,
      `${across} of the hidden groups ${across === 1 ? 'is' : 'are'} hidden because, together with the reports you ran in the last ${DISCLOSURE_MEMORY_DAYS} days, ` +
        `showing ${across === 1 ? 'it' : 'them'} would let a group of fewer than ${input.minGroup} people be worked out by subtraction.`,
    );
  }
  return { ok: true, report, hiddenAcrossReports: across };
}
