// `npm run bench` runs every benchmark; `npm run bench -- NAME [options]` runs bench/NAME.bench.ts.
// Each benchmark prints one JSON document on stdout and its progress on stderr; this script echoes
// the document and records it in bench/results/NAME.json with the machine and the commit, so a
// figure in docs/performance.md can be traced to the run that produced it. Without DATABASE_URL
// or TEST_DATABASE_URL it re-runs itself under scripts/with-postgres.sh (one throwaway PostgreSQL
// server for the whole run).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { benchRecord, parseBenchOutput } from './bench-record.ts';

const root = path.resolve(import.meta.dirname, '..');
const resultsDir = process.env.HIGHBAR_BENCH_RESULTS ?? path.join(root, 'bench/results');
const available = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const [name, ...options] = process.argv.slice(2);

// Options belong to one benchmark: each takes its own.
if ((name !== undefined && !available.includes(name)) || (name === undefined && options.length > 0)) {
  process.stderr.write(`Usage: npm run bench [-- NAME [options]]\nBenchmarks: ${available.join(', ')}\n`);
  process.exit(2);
}
const names = name === undefined ? available : [name];

// Benchmarks of pure engines need no database at all.
const NO_DATABASE = new Set(['analytics']);
// Only the postgres target needs a server; `--targets pglite` runs without one.
const targetsOption = options.find((o, i) => o.startsWith('--targets=') || options[i - 1] === '--targets');
const wantsServer =
  names.some((n) => !NO_DATABASE.has(n)) && (!targetsOption || targetsOption.replace('--targets=', '').split(',').includes('postgres'));
const hasServer = Boolean(process.env.DATABASE_URL || process.env.TEST_DATABASE_URL);

if (wantsServer && !hasServer) {
  if (process.env.HIGHBAR_BENCH_WRAPPED) {
    process.stderr.write('bench: scripts/with-postgres.sh did not provide TEST_DATABASE_URL\n');
    process.exit(1);
  }
  const wrapped = spawnSync('bash', [path.join(root, 'scripts/with-postgres.sh'), process.execPath, '--import', 'tsx', path.join(root, 'scripts/bench.ts'), ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, HIGHBAR_BENCH_WRAPPED: '1' },
  });
  if (wrapped.error) throw wrapped.error;
  process.exit(wrapped.status ?? 1);
}

let failed = 0;
for (const benchmark of names) {
  if (names.length > 1) process.stderr.write(`bench: ${benchmark}\n`);
  const startedAt = new Date();
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench', `${benchmark}.bench.ts`), ...options], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
    env: process.env,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  const stdout = result.stdout.toString('utf8');
  process.stdout.write(stdout);
  if (result.status !== 0) {
    process.stderr.write(`bench: ${benchmark} exited with ${result.status ?? result.signal}; nothing recorded\n`);
    failed += 1;
    continue;
  }
  const parsed = parseBenchOutput(stdout);
  if (!parsed.ok) {
    process.stderr.write(`bench: ${benchmark} did not print one JSON document (${parsed.reason}); nothing recorded\n`);
    failed += 1;
    continue;
  }
  const record = benchRecord({ benchmark, options, startedAt, finishedAt: new Date(), root, result: parsed.value });
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${benchmark}.json`);
  fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  process.stderr.write(`bench: recorded ${path.relative(root, file)}\n`);
}
process.exit(failed === 0 ? 0 : 1);
