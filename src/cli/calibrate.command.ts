import fs from 'node:fs';
import { parseRosterCsv } from '../calibration/roster-csv.rules.ts';
import { checkRoster, rosterBlocked } from '../calibration/roster-check.rules.ts';
import { formatRosterReport } from '../calibration/roster-report.rules.ts';
import { formatCsvProblem } from '../people/people-csv.rules.ts';
import { parsePolicyDocument } from '../policy/policy-file.rules.ts';
import { PRESETS } from '../policy/presets.ts';
import type { OlrPolicy } from '../policy/olr.schema.ts';
import { parseCommandArgs } from './args.ts';
import { EXIT, UsageError, type CliIo } from './io.ts';

const USAGE = 'Usage: highbar calibrate --input ROSTER.csv --policy amazon|humane|FILE.json [--group-by COL] [--format json]';

/**
 * `highbar calibrate`: OV per person and each group against the policy's distribution targets,
 * from files alone. Exit 1 when the policy forces its targets and a group misses one; exit 2
 * with every problem of the policy or the roster on stderr, and nothing on stdout.
 */
export async function calibrateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { input: { type: 'string' }, policy: { type: 'string' }, 'group-by': { type: 'string' }, format: { type: 'string' } });
  if (!values.input || !values.policy) throw new UsageError(`calibrate needs --input and --policy. ${USAGE}`);
  if (values.format !== undefined && values.format !== 'json') throw new UsageError(`--format takes json (human output is the default). ${USAGE}`);

  const policy = loadOlrPolicy(values.policy);
  if ('problems' in policy) return fail(io, policy.problems);
  const roster = parseRosterCsv(readFile(values.input, '--input'), {
    performanceLevels: policy.olr.scales.performance.levels.length,
    potentialLevels: policy.olr.scales.potential.levels.length,
    groupBy: values['group-by'] ?? null,
  });
  if (!roster.ok) return fail(io, roster.problems.map((p) => formatCsvProblem(values.input!, p)));

  const report = checkRoster(policy.key, policy.olr, roster.rows);
  io.stdout(values.format === 'json' ? `${JSON.stringify(report)}\n` : formatRosterReport(report, { groupBy: values['group-by'] ?? null, olr: policy.olr }));
  return rosterBlocked(report) ? EXIT.checkFailed : EXIT.ok;
}

function fail(io: CliIo, problems: string[]): number {
  io.stderr(`${problems.join('\n')}\n`);
  return EXIT.badInput;
}

function readFile(file: string, option: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new UsageError(`Cannot read ${option} ${file}: ${(error as Error).message}`);
  }
}

// A preset name wins over a file of the same name, so `--policy amazon` never depends on the
// current folder.
function loadOlrPolicy(name: string): { key: string; olr: OlrPolicy } | { problems: string[] } {
  const preset = PRESETS[name];
  if (preset) return { key: preset.key, olr: preset.olr };
  if (!fs.existsSync(name)) throw new UsageError(`--policy must be ${Object.keys(PRESETS).join(', ')} or a policy JSON file; ${name} is neither. ${USAGE}`);
  const parsed = parsePolicyDocument(readFile(name, '--policy').toString('utf8').replace(/^\uFEFF/u, ''));
  if (!parsed.ok) return { problems: parsed.problems.map((p) => `${name}:${p.line}: column ${p.path}: ${p.reason}`) };
  if (!parsed.policy.olr) return { problems: [`${name}:1: column olr: the policy has no olr section (rating scales, OV matrix, distribution targets); copy one from a preset`] };
  return { key: parsed.policy.key, olr: parsed.policy.olr };
}
