import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * ASVS 5.0 requirements that are met by never using a dangerous API at all (docs/security.md,
 * "ASVS 5.0 requirements and the tests that show them"). The server (src/) and the web app
 * (web/src/) are read as text; tests are left out, since they may use these on purpose. A
 * match fails with the file and line: remove the use, or argue the exception in
 * docs/security.md and narrow the pattern here.
 */
const ROOT = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/u.test(entry.name) && !/\.test\.tsx?$/u.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

const SERVER = sourceFiles('src');
const WEB = sourceFiles('web/src');

/** Lines matching the pattern, as FILE:LINE: text, outside comments. */
function uses(files: string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    fs.readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) && !/^\s*(\/\/|\*|\/\*)/u.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('dangerous APIs the code never uses', () => {
  it('reads both trees', () => {
    expect(SERVER.length).toBeGreaterThan(100);
    expect(WEB.length).toBeGreaterThan(20);
    expect(SERVER).toContain('src/app/server.ts');
  });

  it('V1.3.2: no eval, no Function constructor, no string timers', () => {
    expect(uses([...SERVER, ...WEB], /\beval\s*\(|new\s+Function\s*\(|\bset(Timeout|Interval)\s*\(\s*['"`]/u)).toEqual([]);
  });

  it('V3.2.2: the web app renders text through React only, never as HTML', () => {
    expect(uses(WEB, /dangerouslySetInnerHTML|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write/u)).toEqual([]);
  });

  it('V14.3.3: the web app keeps nothing in browser storage and never touches the (HttpOnly) session cookie', () => {
    expect(uses(WEB, /\blocalStorage\b|\bsessionStorage\b|\bindexedDB\b|document\.cookie|caches\.open/u)).toEqual([]);
  });

  it('V3.5.5, V3.5.6: no cross-window messaging and no JSONP', () => {
    expect(uses(WEB, /postMessage|addEventListener\(\s*['"]message['"]|callback=/u)).toEqual([]);
  });

  it('V3.7.2: the web app navigates only within itself (no assignment of a computed address)', () => {
    expect(uses(WEB, /(window|document)\.location\s*=[^=]|\blocation\.href\s*=[^=]|location\.(assign|replace)\s*\(|window\.open\s*\(/u)).toEqual([]);
  });

  it('V6.2.6, V6.2.7: every password field is masked, lets password managers fill it, and allows paste', () => {
    const fields = uses(WEB, /autoComplete="(current|new)-password"/u);
    expect(fields.length).toBeGreaterThanOrEqual(4);
    for (const file of new Set(fields.map((line) => line.split(':')[0]!))) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      expect((text.match(/type="password"/gu) ?? []).length, file).toBe((text.match(/autoComplete="(current|new)-password"/gu) ?? []).length);
    }
    expect(uses(WEB, /onPaste|onCopy|autoComplete="off"[^>]*password|password[^>]*autoComplete="off"/u)).toEqual([]);
  });

  it('V11.5.1: no Math.random in the server: secrets come from node:crypto', () => {
    expect(uses(SERVER, /Math\.random\s*\(/u)).toEqual([]);
  });

  it('V11.4.1: hashes and MACs are SHA-256; no MD5 or SHA-1 anywhere', () => {
    expect(uses(SERVER, /create(Hash|Hmac)\(\s*['"](md5|sha1|md4|ripemd)/iu)).toEqual([]);
    expect(uses(SERVER, /create(Hash|Hmac)\(\s*['"]/u).filter((line) => !/create(Hash|Hmac)\(\s*'sha256'/u.test(line))).toEqual([]);
  });

  it('V1.2.5: child processes are started with an argument list, never through a shell', () => {
    expect(uses(SERVER, /\bexec(Sync)?\s*\(\s*[`'"]|shell\s*:\s*true|from 'node:child_process'.*\bexec\b/u)).toEqual([]);
    // The one use: `git -C DIR ...` for the metrics sources, arguments as an array.
    expect(uses(SERVER, /from 'node:child_process'/u).map((line) => line.split(':')[0])).toEqual(['src/metrics/sources/git-repository.ts']);
    const spawns = uses(['src/metrics/sources/git-repository.ts'], /spawn\(/u);
    expect(spawns.length).toBeGreaterThan(0);
    expect(spawns.filter((line) => !/spawn\('git', (\[|args, )/u.test(line))).toEqual([]);
  });

  it('V1.3.6, V15.3.2: the server makes no outbound HTTP request (no SSRF surface, no redirects to follow)', () => {
    expect(uses(SERVER, /\bfetch\s*\(|from 'node:(http|https|net|tls|dgram)'|from '(undici|axios|got|node-fetch)'|XMLHttpRequest/u)).toEqual([]);
  });

  it('V1.2.4: SQL is built by Kysely with bound values; raw SQL fragments only where reviewed, from code or the catalog', () => {
    // Each file here splices text into SQL, and none of that text comes from a request:
    const REVIEWED: Record<string, string> = {
      'src/backup/restore-load.ts': "constraint definitions and column types read from this database's own catalog, not from the backup file",
      'src/db/bulk.ts': 'column types and aliases given by the calling code',
      'src/metrics/partitions.repository.ts': 'table names from code, partition names built from a month',
      'src/db/migrations/20261129T2020_metrics.ts': 'table and sequence names written in the migration',
    };
    const rawUses = uses(SERVER, /sql\.raw\s*\(|sql\.unsafe|\.query\s*\(\s*`[^`]*\$\{/u);
    expect([...new Set(rawUses.map((line) => line.split(':')[0]!))].sort()).toEqual(Object.keys(REVIEWED).sort());
  });
});

describe('the ASVS mapping in docs/security.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/security.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## ASVS 5.0 requirements and the tests that show them'));
  const rows = section.split('\n').filter((line) => /^\| \d+\.\d+\.\d+ \| [123] \|/u.test(line));

  it('names only test files that exist, and test names found in them', () => {
    expect(rows.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const row of rows) {
      const id = row.split('|')[1]!.trim();
      const shownBy = row.split('|').at(-2)!;
      const files = [...shownBy.matchAll(/`([\w./-]+\.test\.tsx?)`/gu)].map((m) => m[1]!);
      for (const file of files) if (!fs.existsSync(path.join(ROOT, file))) problems.push(`${id}: ${file} does not exist`);
      const texts = files.filter((file) => fs.existsSync(path.join(ROOT, file))).map((file) => fs.readFileSync(path.join(ROOT, file), 'utf8'));
      // A quoted name may elide with "...": each part must appear in one of the row's files.
      for (const [, name] of shownBy.matchAll(/"([^"]+)"/gu)) {
        for (const part of name!.split(/\s*\.\.\.\s*/u).map((p) => p.replace(/\\/gu, '').trim()).filter(Boolean)) {
          if (!texts.some((text) => text.includes(part))) problems.push(`${id}: no test named like "${part}" in ${files.join(', ') || 'the row'}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists each requirement once', () => {
    const ids = rows.map((row) => row.split('|')[1]!.trim());
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});
