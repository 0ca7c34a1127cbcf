import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchRecord, parseBenchOutput } from '../scripts/bench-record.ts';

const root = path.resolve(import.meta.dirname, '..');

describe('bench output', () => {
  it('accepts exactly one JSON object and says why anything else is refused', () => {
    expect(parseBenchOutput('\n{"a":1}\n')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseBenchOutput('')).toMatchObject({ ok: false, reason: 'stdout was empty' });
    expect(parseBenchOutput('{"a":1}\n{"b":2}')).toMatchObject({ ok: false, reason: expect.stringContaining('not JSON') });
    expect(parseBenchOutput('[1,2]')).toMatchObject({ ok: false, reason: 'stdout is JSON but not an object' });
  });

  it('records the run with its duration, commit and machine around the result', () => {
    const record = benchRecord({
      benchmark: 'x',
      options: ['--runs', '5'],
      startedAt: new Date('2026-11-29T10:00:00Z'),
      finishedAt: new Date('2026-11-29T10:01:02.345Z'),
      root,
      result: { ratio: 2 },
      commit: { sha: 'abc', dirty: false },
    });
    expect(record).toMatchObject({ benchmark: 'x', options: ['--runs', '5'], durationSeconds: 62.3, commit: { sha: 'abc', dirty: false }, result: { ratio: 2 } });
    expect(record.machine.cpus).toBe(os.cpus().length);
    expect(record.machine.node).toBe(process.version);
  });
});

describe('npm run bench', () => {
  it('runs a benchmark and writes bench/results/NAME.json with the commit of this checkout', () => {
    const results = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-bench-results-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', 'analytics', '--people', '2000', '--managers', '40', '--runs', '3'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, HIGHBAR_BENCH_RESULTS: results },
      });
      expect(run.status, run.stderr).toBe(0);
      const printed = JSON.parse(run.stdout) as Record<string, unknown>;
      const record = JSON.parse(fs.readFileSync(path.join(results, 'analytics.json'), 'utf8')) as { result: unknown; commit: { sha: string } };
      expect(record.result).toEqual(printed);
      const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
      expect(record.commit.sha).toBe(head);
    } finally {
      fs.rmSync(results, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses an unknown benchmark and options without a benchmark, with the list', () => {
    for (const args of [['nope'], ['--runs', '3']]) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', ...args], { cwd: root, encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('Benchmarks: analytics, calibration, forte, import, metrics');
    }
  });
});
