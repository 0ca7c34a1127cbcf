#!/usr/bin/env node
// `npm run bench -- NAME [options]` runs bench/NAME.bench.ts through tsx; the benchmark prints one
// JSON document on stdout and its progress on stderr. Without DATABASE_URL or TEST_DATABASE_URL
// it re-runs itself under scripts/with-postgres.sh, which starts a throwaway PostgreSQL server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const available = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length));
const [name, ...options] = process.argv.slice(2);

if (!name || !available.includes(name)) {
  process.stderr.write(`Usage: npm run bench -- NAME [options]\nBenchmarks: ${available.join(', ')}\n`);
  process.exit(2);
}

// Only the postgres target needs a server; `--targets pglite` runs without one.
const targetsOption = options.find((o, i) => o.startsWith('--targets=') || options[i - 1] === '--targets');
const wantsServer = !targetsOption || targetsOption.replace('--targets=', '').split(',').includes('postgres');
const hasServer = Boolean(process.env.DATABASE_URL || process.env.TEST_DATABASE_URL);

const command =
  wantsServer && !hasServer
    ? ['bash', [path.join(root, 'scripts/with-postgres.sh'), process.execPath, path.join(root, 'scripts/bench.js'), name, ...options]]
    : [process.execPath, ['--import', 'tsx', path.join(root, 'bench', `${name}.bench.ts`), ...options]];
if (wantsServer && !hasServer && process.env.HIGHBAR_BENCH_WRAPPED) {
  process.stderr.write('bench: scripts/with-postgres.sh did not provide TEST_DATABASE_URL\n');
  process.exit(1);
}
const result = spawnSync(command[0], command[1], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, HIGHBAR_BENCH_WRAPPED: '1' },
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
