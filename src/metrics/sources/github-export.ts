import { z } from 'zod';
import { parseTimestamp } from '../timestamps.rules.ts';
import { environmentFromName, type DeploymentEvent, type PullRequestEvent, type Result } from './events.ts';
import { formatProblem } from './source-problems.ts';
import { jsonPathText, lineColumn, locateJsonPath, parseJsonText, validateJson } from './json-source.ts';

/**
 * A GitHub REST export of one repository: a folder of JSON files as the REST API answers them.
 * - `deployments.json` (GET /repos/{o}/{r}/deployments), each optionally with its `statuses`;
 * - `deployment_statuses.json` (statuses of any deployment, each with GitHub's `deployment_url`);
 * - `pulls.json` (GET /repos/{o}/{r}/pulls?state=all), each optionally with `commits` and
 *   `reviews` (GET .../pulls/{n}/commits and .../reviews) and `comments`;
 * - `releases.json` (GET .../releases) with `tags.json` (GET .../tags) to find each tag's commit.
 * Every file is optional; unknown fields are ignored.
 */
export const GITHUB_FILES = ['deployments.json', 'deployment_statuses.json', 'pulls.json', 'releases.json', 'tags.json'] as const;

const time = z.string().refine((t) => parseTimestamp(t) !== null, 'is not an ISO 8601 timestamp');
const id = z.union([z.string().min(1), z.number().int()]).transform(String);
const login = z.object({ login: z.string() }).loose().nullish();

const status = z.object({ id, state: z.string(), created_at: time, deployment_url: z.string().optional(), environment: z.string().nullish() }).loose();
const deployment = z.object({ id, sha: z.string().min(1), environment: z.string().nullish(), created_at: time, statuses: z.array(status).optional() }).loose();
const pull = z
  .object({
    id,
    number: z.number().int().optional(),
    title: z.string().nullish(),
    state: z.string().nullish(),
    user: login,
    created_at: time,
    merged_at: time.nullish(),
    closed_at: time.nullish(),
    merge_commit_sha: z.string().nullish(),
    head: z.object({ sha: z.string() }).loose().nullish(),
    commits: z.array(z.object({ sha: z.string(), commit: z.object({ author: z.object({ date: time }).loose().nullish() }).loose().nullish() }).loose()).optional(),
    reviews: z.array(z.object({ id, user: login, submitted_at: time.nullish() }).loose()).optional(),
    comments: z.array(z.object({ id, user: login, created_at: time }).loose()).optional(),
  })
  .loose();
const release = z.object({ id, tag_name: z.string(), target_commitish: z.string().nullish(), draft: z.boolean().optional(), prerelease: z.boolean().optional(), published_at: time.nullish() }).loose();
const tag = z.object({ name: z.string(), commit: z.object({ sha: z.string() }).loose() }).loose();

const SCHEMAS = {
  'deployments.json': z.array(deployment),
  'deployment_statuses.json': z.array(status),
  'pulls.json': z.array(pull),
  'releases.json': z.array(release),
  'tags.json': z.array(tag),
};

export interface GitHubExport {
  deployments: DeploymentEvent[];
  pullRequests: PullRequestEvent[];
}

/**
 * Turns the files of an export into events of `service` in `repository`; every problem of every
 * file is returned as `FILE:LINE:COLUMN: $.path: reason`.
 */
export function parseGitHubExport(files: ReadonlyMap<string, string>, options: { service: string; repository: string; dir: string }): { value: GitHubExport } | { problems: string[] } {
  const problems: string[] = [];
  const parsed: { [K in keyof typeof SCHEMAS]?: z.infer<(typeof SCHEMAS)[K]> } = {};
  for (const name of GITHUB_FILES) {
    const text = files.get(name);
    if (text === undefined) continue;
    const json = parseJsonText(text);
    const valid = 'value' in json ? validateJson(text, json.value, SCHEMAS[name] as z.ZodType) : json;
    if ('problems' in valid) problems.push(...valid.problems.map((p) => formatProblem(`${options.dir}/${name}`, p)));
    else (parsed as Record<string, unknown>)[name] = valid.value;
  }
  if (problems.length) return { problems };

  const statusesByDeployment = new Map<string, z.infer<typeof status>[]>();
  for (const d of parsed['deployments.json'] ?? []) statusesByDeployment.set(d.id, [...(d.statuses ?? [])]);
  for (const s of parsed['deployment_statuses.json'] ?? []) {
    const deploymentId = /\/deployments\/(\d+)(?:\/|$)/u.exec(s.deployment_url ?? '')?.[1];
    if (deploymentId) statusesByDeployment.set(deploymentId, [...(statusesByDeployment.get(deploymentId) ?? []), s]);
  }
  const deployments: DeploymentEvent[] = (parsed['deployments.json'] ?? []).map((d) => {
    const outcome = deploymentOutcome(statusesByDeployment.get(d.id) ?? []);
    return {
      source: 'github',
      externalId: `${options.repository}#deployment/${d.id}`,
      service: options.service,
      name: d.environment ?? null,
      environment: environmentFromName(d.environment),
      result: outcome.result,
      createdAt: parseTimestamp(d.created_at),
      startedAt: parseTimestamp(d.created_at),
      finishedAt: outcome.finishedAt,
      commits: [{ repository: options.repository, commitSha: d.sha }],
    };
  });

  const releases = releaseDeployments(files.get('releases.json') ?? '', parsed['releases.json'] ?? [], parsed['tags.json'] ?? [], options);
  if ('problems' in releases) return { problems: releases.problems };

  const pullRequests: PullRequestEvent[] = (parsed['pulls.json'] ?? []).map((p) => ({
    repository: options.repository,
    externalId: p.id,
    number: p.number === undefined ? null : String(p.number),
    title: p.title ?? null,
    author: p.user?.login ?? null,
    state: p.state ?? null,
    createdAt: parseTimestamp(p.created_at)!,
    mergedAt: p.merged_at ? parseTimestamp(p.merged_at) : null,
    closedAt: p.closed_at ? parseTimestamp(p.closed_at) : null,
    mergeCommitSha: p.merged_at ? (p.merge_commit_sha ?? null) : null,
    headSha: p.head?.sha ?? null,
    commits: (p.commits ?? []).map((c) => ({ sha: c.sha, authoredAt: c.commit?.author?.date ? parseTimestamp(c.commit.author.date) : null })),
    comments: [
      ...(p.reviews ?? []).flatMap((r) => (r.submitted_at ? [{ externalId: `review/${r.id}`, author: r.user?.login ?? null, createdAt: parseTimestamp(r.submitted_at)! }] : [])),
      ...(p.comments ?? []).map((c) => ({ externalId: `comment/${c.id}`, author: c.user?.login ?? null, createdAt: parseTimestamp(c.created_at)! })),
    ],
  }));
  return { value: { deployments: [...deployments, ...releases.value], pullRequests } };
}

/**
 * A deployment's result is its latest success, failure or error status (GitHub marks superseded
 * deployments `inactive` later, which does not undo their success); queued, pending and
 * in-progress ones have no result yet and count nowhere.
 */
export function deploymentOutcome(statuses: readonly { id: string; state: string; created_at: string }[]): { result: Result | null; finishedAt: number | null } {
  const terminal = statuses
    .filter((s) => ['success', 'failure', 'error'].includes(s.state))
    .sort((a, b) => parseTimestamp(a.created_at)! - parseTimestamp(b.created_at)! || (a.id < b.id ? -1 : 1));
  const last = terminal[terminal.length - 1];
  if (!last) return { result: null, finishedAt: null };
  return { result: last.state === 'success' ? 'SUCCESS' : 'FAILURE', finishedAt: parseTimestamp(last.created_at) };
}

/** Published releases as production deployments at their publication, at their tag's commit. */
function releaseDeployments(
  text: string,
  releases: z.infer<typeof release>[],
  tags: z.infer<typeof tag>[],
  options: { service: string; repository: string; dir: string },
): { value: DeploymentEvent[] } | { problems: string[] } {
  const shaOfTag = new Map(tags.map((t) => [t.name, t.commit.sha]));
  const problems: string[] = [];
  const value: DeploymentEvent[] = [];
  releases.forEach((r, i) => {
    if (r.draft || r.prerelease || !r.published_at) return;
    const target = r.target_commitish ?? '';
    const sha = shaOfTag.get(r.tag_name) ?? (/^[0-9a-f]{40}$/u.test(target) ? target : null);
    if (!sha) {
      const { line, column } = lineColumn(text, locateJsonPath(text, [i, 'target_commitish']));
      problems.push(
        formatProblem(`${options.dir}/releases.json`, {
          line,
          column,
          reason: `${jsonPathText([i, 'target_commitish'])}: release ${r.tag_name} names ${JSON.stringify(target)}, not a commit; add tags.json (GET /repos/{owner}/{repo}/tags) so its tag can be resolved`,
        }),
      );
      return;
    }
    const at = parseTimestamp(r.published_at);
    value.push({
      source: 'github-release',
      externalId: `${options.repository}#release/${r.id}`,
      service: options.service,
      name: r.tag_name,
      environment: 'PRODUCTION',
      result: 'SUCCESS',
      createdAt: at,
      startedAt: at,
      finishedAt: at,
      commits: [{ repository: options.repository, commitSha: sha }],
    });
  });
  return problems.length ? { problems } : { value };
}
