/**
 * `npm run -s bench -- analytics`: the people-analytics engines at the sizes of issue 8.
 *
 * - Bias audit over 300,000 people with 3 controls: parsing the CSV, preparing and auditing, and
 *   the whole `highbar audit bias` command as a child process; baseline: one pass over the same
 *   parsed rows counting favourable outcomes per group (the least any audit must do).
 * - Manager drift over 20,000 managers (400,000 people); baseline: the same counting pass.
 * - 1,000 simulation runs of a 10,000-person organisation; baseline: drawing the same number of
 *   normal variates from the same seeded source.
 *
 * JSON on stdout, progress on stderr. Options: --people 300000 --managers 20000 --runs 1000.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { parseCsvTable } from '../src/analytics/csv-table.ts';
import { prepareBiasAudit } from '../src/analytics/bias-input.ts';
import { auditBias } from '../src/analytics/bias-audit.ts';
import { prepareManagerCounts } from '../src/analytics/drift-input.ts';
import { assessManagerDrift } from '../src/analytics/manager-drift.ts';
import { simulatePolicy } from '../src/analytics/policy-simulation.ts';
import { createNormalSource } from '../src/analytics/seeded-normals.ts';

const { values: options } = parseArgs({
  options: { people: { type: 'string', default: '300000' }, managers: { type: 'string', default: '20000' }, runs: { type: 'string', default: '1000' } },
});
const PEOPLE = Number(options.people);
const MANAGERS = Number(options.managers);
const RUNS = Number(options.runs);
const root = path.resolve(import.meta.dirname, '..');
const log = (message: string) => process.stderr.write(`bench analytics: ${message}\n`);

// A small deterministic generator (mulberry32): the data only has to be the same every run.
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function peopleCsv(people: number, managers: number): string {
  const next = random(2026);
  const levels = ['L4', 'L5', 'L6', 'L7'];
  const locations = ['Berlin', 'Dublin', 'Seattle', 'Bangalore', 'London'];
  const functions = ['backend', 'frontend', 'data', 'infra'];
  const lines = ['employee_id,gender,level,location,job_function,manager_id,rating'];
  for (let i = 0; i < people; i++) {
    const level = levels[Math.floor(next() * levels.length)]!;
    const gender = next() < 0.3 ? 'female' : next() < 0.97 ? 'male' : 'nonbinary';
    // Favourable ratings depend on level only: an unbiased organisation.
    const rating = next() < 0.15 + 0.05 * levels.indexOf(level) ? 'TT' : next() < 0.9 ? 'HV' : 'LE';
    lines.push(`E${i},${gender},${level},${locations[Math.floor(next() * locations.length)]},${functions[Math.floor(next() * functions.length)]},M${i % managers},${rating}`);
  }
  return `${lines.join('\n')}\n`;
}

function time<T>(run: () => T): { seconds: number; value: T } {
  const start = process.hrtime.bigint();
  const value = run();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, value };
}

function best<T>(times: number, run: () => T): { seconds: number; value: T } {
  let result = time(run);
  for (let i = 1; i < times; i++) {
    const again = time(run);
    if (again.seconds < result.seconds) result = again;
  }
  return result;
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));
const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

function countingPass(rows: readonly (readonly string[])[], groupIndex: number, outcomeIndex: number) {
  const counts = new Map<string, [number, number]>();
  for (const row of rows) {
    const entry = counts.get(row[groupIndex]!) ?? [0, 0];
    entry[0]++;
    if (row[outcomeIndex] === 'TT') entry[1]++;
    counts.set(row[groupIndex]!, entry);
  }
  return counts.size;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-bench-analytics-'));
try {
  log(`generating ${PEOPLE} people`);
  const auditFile = path.join(dir, 'people.csv');
  fs.writeFileSync(auditFile, peopleCsv(PEOPLE, MANAGERS));
  const bytes = fs.readFileSync(auditFile);

  log('bias audit: parse, prepare, audit');
  const parsed = best(2, () => parseCsvTable(bytes));
  if (!parsed.value.ok) throw new Error('generated CSV did not parse');
  const table = parsed.value.table;
  const request = { outcome: 'rating', favourable: ['TT'], group: 'gender', controls: ['level', 'location', 'job_function'], minGroup: 5 };
  const audit = best(3, () => {
    const prepared = prepareBiasAudit(table, request);
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.problems));
    return auditBias(prepared.value, { minGroup: 5 });
  });
  if (!audit.value.ok) throw new Error('audit refused the generated data');
  const rows = table.rows.map((r) => r.cells);
  const baseline = best(3, () => countingPass(rows, table.header.indexOf('gender'), table.header.indexOf('rating')));

  log('bias audit: the whole command as a child process');
  const cliStart = process.hrtime.bigint();
  const cli = spawnSync(
    process.execPath,
    [path.join(root, 'bin/highbar.js'), 'audit', 'bias', '--input', auditFile, '--outcome', 'rating', '--favourable', 'TT', '--group', 'gender', '--control', 'level', '--control', 'location', '--control', 'job_function', '--format', 'json'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const cliSeconds = Number(process.hrtime.bigint() - cliStart) / 1e9;
  if (cli.status !== 0) throw new Error(`highbar audit bias exited ${cli.status}: ${cli.stderr}`);

  log(`manager drift over ${MANAGERS} managers`);
  const drift = best(3, () => {
    const counts = prepareManagerCounts(table, { outcome: 'rating', favourable: ['TT'], manager: 'manager_id' });
    if (!counts.ok) throw new Error(JSON.stringify(counts.problems));
    return assessManagerDrift(counts.value.counts);
  });
  const driftBaseline = best(3, () => countingPass(rows, table.header.indexOf('manager_id'), table.header.indexOf('rating')));

  log(`simulation: ${RUNS} runs of 10,000 people`);
  const simulation = time(() => simulatePolicy({ people: 10_000, teamSize: 8, teamSd: 0.5, noiseSd: 0.5, policy: 'forced', leShare: 0.08, runs: RUNS, seed: 7 }));
  const normals = time(() => {
    const normal = createNormalSource(7);
    let sum = 0;
    // Per run: a team effect per team, then truth and noise per person (two draws each).
    for (let i = 0; i < RUNS * (10_000 * 2 + 1_250); i++) sum += normal();
    return sum;
  });

  const memory = process.resourceUsage().maxRSS * 1024;
  const result = {
    benchmark: 'analytics',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim(), memoryGiB: round(os.totalmem() / 1024 ** 3, 1), node: process.version },
    biasAudit: {
      people: PEOPLE,
      controls: request.controls.length,
      strata: audit.value.value.comparisons[0]?.adjusted?.strata ?? null,
      parseSeconds: round(parsed.seconds),
      auditSeconds: round(audit.seconds),
      baselineSeconds: round(baseline.seconds),
      ratioToBaseline: round(audit.seconds / baseline.seconds, 1),
      cliSeconds: round(cliSeconds),
      goal: { auditSeconds: 1, met: audit.seconds < 1 },
    },
    managerDrift: {
      managers: MANAGERS,
      people: PEOPLE,
      seconds: round(drift.seconds),
      baselineSeconds: round(driftBaseline.seconds),
      ratioToBaseline: round(drift.seconds / driftBaseline.seconds, 1),
      flagged: drift.value.managers.filter((m) => m.flag !== 'none').length,
    },
    simulation: {
      runs: RUNS,
      people: 10_000,
      seconds: round(simulation.seconds),
      baselineSeconds: round(normals.seconds),
      ratioToBaseline: round(simulation.seconds / normals.seconds, 2),
      leAboveMedianShare: simulation.value.leAboveMedianShare,
      goal: { seconds: 10, met: simulation.seconds < 10 },
    },
    peakRssMiB: mib(memory),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
