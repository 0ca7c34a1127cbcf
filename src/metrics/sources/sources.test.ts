import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAmazonQCsv, parseCopilotMetrics, reportDay } from './ai-usage.ts';
import { GITHUB_FILES, parseGitHubExport } from './github-export.ts';
import { parsePagerDutyExport } from './pagerduty-export.ts';
import { normalizeRepositoryKey } from './repository-key.rules.ts';
import { parseSliCsv, parseSloDefinitions } from './sli-csv.ts';
import { locateJsonPath, lineColumn } from './json-source.ts';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/metrics/', import.meta.url));
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function githubFiles(overrides: Record<string, string> = {}): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of GITHUB_FILES) if (fs.existsSync(path.join(FIXTURES, 'github-shop', name))) files.set(name, fixture(`github-shop/${name}`).toString('utf8'));
  for (const [name, text] of Object.entries(overrides)) files.set(name, text);
  return files;
}
const GH = { service: 'shop', repository: 'github.com/acme/shop', dir: 'github-shop' };

describe('GitHub export', () => {
  it('turns deployments with their latest terminal status, releases and pull requests into events', () => {
    const parsed = parseGitHubExport(githubFiles(), GH);
    if ('problems' in parsed) throw new Error(parsed.problems.join('\n'));
    const { deployments, pullRequests } = parsed.value;
    expect(deployments.map((d) => [d.externalId, d.environment, d.result, iso(d.finishedAt), d.commits[0]!.commitSha.slice(0, 4)])).toEqual([
      // "inactive" later does not undo a success; statuses from deployment_statuses.json join by URL.
      ['github.com/acme/shop#deployment/101', 'PRODUCTION', 'SUCCESS', '2024-03-04T10:12:00.000Z', '1111'],
      ['github.com/acme/shop#deployment/102', 'PRODUCTION', 'SUCCESS', '2024-03-05T09:00:00.000Z', '2222'],
      ['github.com/acme/shop#deployment/103', 'STAGING', 'FAILURE', '2024-03-05T08:05:00.000Z', '3333'],
      // v1.0.0 through tags.json; the pre-release is not a production deployment.
      ['github.com/acme/shop#release/1', 'PRODUCTION', 'SUCCESS', '2024-03-06T12:00:00.000Z', '2222'],
    ]);
    expect(pullRequests[0]).toMatchObject({ externalId: '9001', number: '41', author: 'ada', mergeCommitSha: '2222222222222222222222222222222222222222' });
    expect(pullRequests[0]!.comments.map((c) => [c.author, iso(c.createdAt)])).toEqual([['ada', '2024-03-04T09:10:00.000Z'], ['grace', '2024-03-04T11:00:00.000Z']]);
    // An unmerged PR has no merge commit, whatever GitHub's test-merge field says.
    expect(pullRequests[1]).toMatchObject({ mergedAt: null, mergeCommitSha: null });
  });

  it('refuses a release whose tag cannot be resolved, at its line and column', () => {
    const parsed = parseGitHubExport(githubFiles({ 'tags.json': '[]' }), GH);
    expect(parsed).toEqual({
      problems: ['github-shop/releases.json:2:56: $[0].target_commitish: release v1.0.0 names "main", not a commit; add tags.json (GET /repos/{owner}/{repo}/tags) so its tag can be resolved'],
    });
  });

  it('reports JSON syntax errors and schema problems with file, line and column', () => {
    expect(parseGitHubExport(new Map([['pulls.json', '[\n  {"id": 1,\n  "created_at": }\n]']]), GH)).toEqual({ problems: [expect.stringMatching(/^github-shop\/pulls\.json:3:17: not valid JSON/u)] });
    const bad = parseGitHubExport(new Map([['deployments.json', '[\n {"id": 5, "sha": "abc", "created_at": "yesterday"}\n]']]), GH);
    expect(bad).toEqual({ problems: ['github-shop/deployments.json:2:40: $[0].created_at: is not an ISO 8601 timestamp'] });
  });
});

describe('PagerDuty export', () => {
  it('reads incidents with service, severity, resolution, responders and the analysis author', () => {
    const parsed = parsePagerDutyExport(fixture('pagerduty-incidents.json').toString('utf8'), 'pd.json');
    if ('problems' in parsed) throw new Error(parsed.problems.join('\n'));
    expect(parsed.value.map((i) => [i.externalId, i.service, i.severity, iso(i.resolvedAt), i.assignees, i.analysisAuthor])).toEqual([
      ['PD1', 'shop', 'P1', '2024-03-05T10:15:00.000Z', ['ada@example.test'], 'ada@example.test'],
      // Resolved before `resolved_at` existed: the last status change is the resolution.
      ['PD2', 'search', 'low', '2024-03-06T03:00:00.000Z', [], null],
      ['PD3', 'shop', 'high', null, ['Grace Hopper'], null],
    ]);
  });

  it('refuses an unknown status where it is', () => {
    const text = '{"incidents": [\n  {"id": "X", "status": "closed", "created_at": "2024-01-01T00:00:00Z", "service": {"summary": "s"}}\n]}';
    expect(parsePagerDutyExport(text, 'pd.json')).toEqual({ problems: [expect.stringMatching(/^pd\.json:2:25: \$\.incidents\[0\]\.status: /u)] });
  });
});

describe('AI-assistant usage', () => {
  it("reads Amazon Q's per-user daily report in either date form, with the headline figures", () => {
    const parsed = parseAmazonQCsv(fixture('amazon-q-activity.csv'), 'q.csv');
    if ('problems' in parsed) throw new Error(parsed.problems.join('\n'));
    expect(parsed.value.map((r) => [r.userKey, r.day, r.suggestions, r.acceptances, r.aiCodeLines, r.chatMessages])).toEqual([
      // AI code lines: chat 12 + inline 30 + code fix 4 + dev 0.
      ['ada@example.test', '2024-03-04', 40, 9, 46, 8],
      ['grace@example.test', '2024-03-04', 10, 2, 25, 0],
      ['ada@example.test', '2024-03-05', 12, 4, 13, 2],
    ]);
    expect(parsed.value[0]!.details.codefix_acceptanceeventcount).toBe(1);
  });

  it('refuses bad dates, counts and repeated user-days, each at its line and column', () => {
    const csv = 'UserId,Date,Inline_SuggestionsCount\nada,2024-02-30,1\nada,2024-03-01,-2\nada,2024-03-01,3\n';
    expect(parseAmazonQCsv(Buffer.from(csv), 'q.csv')).toEqual({
      problems: [
        'q.csv:2: column Date: "2024-02-30" is not a date (YYYY-MM-DD or MM-DD-YYYY)',
        'q.csv:3: column inline_suggestionscount: "-2" is not a count',
        'q.csv:4: column UserId: ada on 2024-03-01 repeats line 3',
      ],
    });
    expect([reportDay('03-04-2024'), reportDay('2024-3-4'), reportDay('13-01-2024')]).toEqual(['2024-03-04', null, null]);
  });

  it("sums Copilot's organisation metrics per day across editors, models and languages", () => {
    const parsed = parseCopilotMetrics(fixture('copilot-metrics.json').toString('utf8'), 'copilot.json');
    if ('problems' in parsed) throw new Error(parsed.problems.join('\n'));
    expect(parsed.value.map((r) => [r.day, r.userKey, r.activeUsers, r.suggestions, r.acceptances, r.aiCodeLines, r.chatMessages])).toEqual([
      ['2024-03-04', '', 24, 400, 110, 180, 50],
      ['2024-03-05', '', 22, 0, 0, 0, 0],
    ]);
  });
});

describe('SLIs and SLOs', () => {
  it('reads samples with ISO and loose timestamps', () => {
    const parsed = parseSliCsv(fixture('sli-samples.csv'), 'sli.csv');
    if ('problems' in parsed) throw new Error(parsed.problems.join('\n'));
    expect(parsed.value).toHaveLength(5);
    expect(iso(parsed.value[2]!.at)).toBe('2024-03-05T10:10:00.000Z');
  });

  it('refuses a bad timestamp, a non-number and a repeated sample', () => {
    const csv = 'timestamp,service,metric,value\nnoon,shop,m,1\n2024-03-05T10:00:00Z,shop,m,fast\n2024-03-05T10:00:00Z,shop,m,1\n2024-03-05T10:00:00Z,shop,m,2\n';
    expect(parseSliCsv(Buffer.from(csv), 'sli.csv')).toEqual({
      problems: [
        'sli.csv:2: column timestamp: "noon" is not a timestamp (use ISO 8601 or YYYY-MM-DD HH:MM:SS)',
        'sli.csv:3: column value: "fast" is not a number',
        'sli.csv:5: column timestamp: shop m at this time repeats line 4',
      ],
    });
  });

  it('reads SLO definitions and refuses an objective over 100% where it is', () => {
    const parsed = parseSloDefinitions(fixture('slo-definitions.json').toString('utf8'), 'slos.json');
    if ('problems' in parsed) throw new Error(parsed.problems.join('\n'));
    expect(parsed.value.map((s) => [s.service, s.definition.name, s.definition.kind])).toEqual([['shop', 'checkout p90', 'threshold'], ['shop', 'checkout availability', 'events']]);
    const bad = '[\n {"service": "s", "name": "n", "kind": "events", "goodMetric": "g", "totalMetric": "t", "objective": 99.9, "windowDays": 28}\n]';
    expect(parseSloDefinitions(bad, 'slos.json')).toEqual({ problems: [expect.stringMatching(/^slos\.json:2:102: \$\[0\]\.objective: /u)] });
  });
});

describe('helpers', () => {
  it('names a repository the same way whichever source mentions it', () => {
    expect(['https://github.com/Acme/Shop.git', 'git@github.com:Acme/Shop.git', 'Acme/Shop', 'ssh://git@GitHub.com:22/Acme/Shop'].map(normalizeRepositoryKey)).toEqual(Array(4).fill('github.com/Acme/Shop'));
    expect(normalizeRepositoryKey('repo-alpha')).toBe('repo-alpha');
    expect(normalizeRepositoryKey('/srv/git/shop')).toBe('/srv/git/shop');
  });

  it('locates a JSON path without parsing the text again', () => {
    const text = '{"a": [1, {"b": "x,]}"}, {"c": 2}], "d": 3}';
    expect(lineColumn(text, locateJsonPath(text, ['a', 2, 'c']))).toEqual({ line: 1, column: 32 });
    expect(text.slice(locateJsonPath(text, ['d']))).toBe('3}');
  });
});
