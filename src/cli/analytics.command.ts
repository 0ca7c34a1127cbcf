import { auditBias } from '../analytics/bias-audit.ts';
import { prepareBiasAudit } from '../analytics/bias-input.ts';
import { parseCsvTable, type CsvTable } from '../analytics/csv-table.ts';
import { prepareManagerCounts } from '../analytics/drift-input.ts';
import { formatInputProblem, type InputProblem } from '../analytics/input-problem.ts';
import { assessManagerDrift, DEFAULT_FLAG_PROBABILITY } from '../analytics/manager-drift.ts';
import { DEFAULT_LE_SHARE, simulatePolicy, type SimulatedPolicy } from '../analytics/policy-simulation.ts';
import { parseCommandArgs } from './args.ts';
import { formatBiasAudit, formatManagerDrift, formatSimulation } from './analytics-text.ts';
import { listOption, OptionProblems, readInputFile } from './analytics-options.ts';
import { EXIT, type CliIo } from './io.ts';

const BIAS_USAGE =
  'highbar audit bias --input FILE.csv --outcome COL --favourable V[,V...] --group COL [--reference V] ' +
  '[--control COL ...] [--min-group N] [--grades LOW,...,HIGH] [--format json]';
const MANAGERS_USAGE =
  'highbar audit managers --input FILE.csv --outcome COL --favourable V[,V...] --manager COL [--flag-probability P] [--format json]';
const SIMULATE_USAGE =
  'highbar simulate --people N --team-size K --team-sd S --noise-sd E --policy forced|rubric [--le-share X] --runs R --seed I [--format json]';

/** `highbar audit bias`: an outcome by group, raw and within control strata, with suppression. */
export async function auditBiasCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    input: { type: 'string' },
    outcome: { type: 'string' },
    favourable: { type: 'string', multiple: true },
    group: { type: 'string' },
    reference: { type: 'string' },
    control: { type: 'string', multiple: true },
    'min-group': { type: 'string' },
    grades: { type: 'string' },
    format: { type: 'string' },
  });
  const check = new OptionProblems();
  const input = check.required(values.input, '--input');
  const outcome = check.required(values.outcome, '--outcome');
  const group = check.required(values.group, '--group');
  const favourable = listOption(values.favourable);
  if (!favourable.length) check.add('--favourable is required: the outcome value(s) that count as favourable.');
  const controls = listOption(values.control);
  if (new Set(controls).size !== controls.length) check.add('Each --control column may be named once.');
  const minGroup = values['min-group'] === undefined ? 5 : check.integer(values['min-group'], '--min-group', 1, 1_000_000);
  const grades = values.grades === undefined ? undefined : listOption([values.grades]);
  if (grades && (grades.length < 3 || new Set(grades).size !== grades.length)) check.add('--grades must list at least three different grades, lowest first.');
  const format = check.format(values.format);
  check.throwIfAny(BIAS_USAGE);

  const table = readTable(input, io);
  if (!table) return EXIT.badInput;
  const prepared = prepareBiasAudit(table, { outcome, favourable, group, controls, minGroup, ...(grades ? { grades } : {}) });
  if (!prepared.ok) return reportProblems(input, prepared.problems, io);
  const audited = auditBias(prepared.value, { minGroup, ...(values.reference !== undefined ? { reference: values.reference.trim() } : {}) });
  if (!audited.ok) return reportProblems(input, audited.problems, io);
  io.stdout(format === 'json' ? `${JSON.stringify(audited.value)}\n` : formatBiasAudit(audited.value));
  return EXIT.ok;
}

/** `highbar audit managers`: each manager's share of an outcome, shrunk towards the organisation's. */
export async function auditManagersCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    input: { type: 'string' },
    outcome: { type: 'string' },
    favourable: { type: 'string', multiple: true },
    manager: { type: 'string' },
    'flag-probability': { type: 'string' },
    format: { type: 'string' },
  });
  const check = new OptionProblems();
  const input = check.required(values.input, '--input');
  const outcome = check.required(values.outcome, '--outcome');
  const manager = check.required(values.manager, '--manager');
  const favourable = listOption(values.favourable);
  if (!favourable.length) check.add('--favourable is required: the outcome value(s) to count.');
  const flagProbability =
    values['flag-probability'] === undefined
      ? DEFAULT_FLAG_PROBABILITY
      : check.number(values['flag-probability'], '--flag-probability', (p) => p > 0.5 && p < 1, 'above 0.5 and below 1');
  const format = check.format(values.format);
  check.throwIfAny(MANAGERS_USAGE);

  const table = readTable(input, io);
  if (!table) return EXIT.badInput;
  const prepared = prepareManagerCounts(table, { outcome, favourable, manager });
  if (!prepared.ok) return reportProblems(input, prepared.problems, io);
  const report = { ...assessManagerDrift(prepared.value.counts, flagProbability), rowsWithoutManager: prepared.value.withoutManager };
  io.stdout(format === 'json' ? `${JSON.stringify(report)}\n` : formatManagerDrift(report, { outcome, favourable }));
  return EXIT.ok;
}

/** `highbar simulate`: Monte Carlo of forced distribution against an absolute rubric. */
export async function simulateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    people: { type: 'string' },
    'team-size': { type: 'string' },
    'team-sd': { type: 'string' },
    'noise-sd': { type: 'string' },
    policy: { type: 'string' },
    'le-share': { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string' },
  });
  const check = new OptionProblems();
  for (const flag of ['people', 'team-size', 'team-sd', 'noise-sd', 'policy', 'runs', 'seed'] as const) check.required(values[flag], `--${flag}`);
  const people = check.integer(values.people, '--people', 1, 10_000_000);
  const teamSize = check.integer(values['team-size'], '--team-size', 1, 10_000_000);
  const teamSd = check.number(values['team-sd'], '--team-sd', (s) => s >= 0 && s <= 100, 'from 0 to 100');
  const noiseSd = check.number(values['noise-sd'], '--noise-sd', (s) => s >= 0 && s <= 100, 'from 0 to 100');
  if (values.policy !== undefined && values.policy !== 'forced' && values.policy !== 'rubric') {
    check.add(`--policy must be forced or rubric, got ${JSON.stringify(values.policy)}.`);
  }
  const leShare = values['le-share'] === undefined ? DEFAULT_LE_SHARE : check.number(values['le-share'], '--le-share', (x) => x > 0 && x < 1, 'above 0 and below 1');
  const runs = check.integer(values.runs, '--runs', 1, 1_000_000);
  const seed = check.integer(values.seed, '--seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const format = check.format(values.format);
  check.throwIfAny(SIMULATE_USAGE);

  const report = simulatePolicy({ people, teamSize, teamSd, noiseSd, policy: values.policy as SimulatedPolicy, leShare, runs, seed });
  io.stdout(format === 'json' ? `${JSON.stringify(report)}\n` : formatSimulation(report));
  return EXIT.ok;
}

function readTable(file: string, io: CliIo): CsvTable | null {
  const parsed = parseCsvTable(readInputFile(file));
  if (parsed.ok) return parsed.table;
  reportProblems(file, parsed.problems, io);
  return null;
}

function reportProblems(file: string, problems: readonly InputProblem[], io: CliIo): number {
  // File-wide sentences first, then problems in line order (a stable sort keeps each line's order).
  const ordered = [...problems].sort((x, y) => (x.line ?? 0) - (y.line ?? 0));
  io.stderr(`${ordered.map((p) => formatInputProblem(file, p)).join('\n')}\nNothing was analysed.\n`);
  return EXIT.badInput;
}
