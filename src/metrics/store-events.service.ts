import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ensureRepositories, ensureServices, linkServiceRepositories, servicesOfRepositories } from './catalog.repository.ts';
import { applyDeploymentChanges, applyIncidentChanges, recomputeServiceMetrics, type PreviousPlacement } from './derive.service.ts';
import { upsertDeployments, upsertIncidents, upsertPullRequests, type ResolvedDeployment } from './events.repository.ts';
import { missingCommits } from './graph.repository.ts';
import { ORG_ID } from './partitions.repository.ts';
import type { DeploymentEvent, IncidentEvent, PullRequestEvent } from './sources/events.ts';
import { SourceError } from './sources/source-problems.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The advisory-lock class of metrics derivations (the second key is the service id). */
const ADVISORY_CLASS = 5_000_001;

export interface EventBatch {
  deployments?: DeploymentEvent[];
  /** Per-commit fields that differ from the deployment's (DevLake keeps them per repository). */
  commitOverrides?: Map<string, Map<string, { result: string | null; environment: string | null; startedAt: number | null; finishedAt: number | null }>>;
  incidents?: IncidentEvent[];
  pullRequests?: PullRequestEvent[];
}

export interface StoredCounts {
  deployments: number;
  incidents: number;
  pullRequests: number;
  services: string[];
}

/** The last of each event by its identity: a file listing an event twice means its latest state. */
function lastOf<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((i) => [key(i), i])).values()];
}

/**
 * Stores a batch of events in the caller's transaction and brings the derived facts up to date:
 * `full` recomputes every affected service (batch imports), `incremental` places the few new
 * events (a webhook delivery). Refuses the whole batch, with every reason, when a deployment
 * names a commit its repository does not have.
 */
export async function storeEventBatch(trx: Db, batch: EventBatch, options: { mode: 'full' | 'incremental'; context: string }): Promise<StoredCounts> {
  const deployments = lastOf(batch.deployments ?? [], (d) => `${d.source}\u0000${d.externalId}`);
  const incidents = lastOf(batch.incidents ?? [], (i) => `${i.source}\u0000${i.externalId}`);
  const pullRequests = lastOf(batch.pullRequests ?? [], (p) => `${p.repository}\u0000${p.externalId}`);

  const serviceIds = await ensureServices(trx, [...deployments.map((d) => d.service), ...incidents.flatMap((i) => (i.service ? [i.service] : []))]);
  const repositoryIds = await ensureRepositories(trx, [...deployments.flatMap((d) => d.commits.map((c) => c.repository)), ...pullRequests.map((p) => p.repository)]);
  await linkServiceRepositories(trx, deployments.flatMap((d) => d.commits.map((c) => ({ serviceId: serviceIds.get(d.service)!, repositoryId: repositoryIds.get(c.repository)! }))));

  const missing = await missingCommits(trx, deployments.flatMap((d) => d.commits.map((c) => ({ repositoryId: repositoryIds.get(c.repository)!, sha: c.commitSha }))));
  if (missing.length) {
    const keyOf = new Map([...repositoryIds].map(([key, id]) => [id, key]));
    const bad = new Set(missing.map((m) => `${m.repositoryId}:${m.sha}`));
    throw new SourceError(
      deployments.flatMap((d) =>
        d.commits
          .filter((c) => bad.has(`${repositoryIds.get(c.repository)}:${c.commitSha}`))
          .map((c) => `${options.context}: deployment ${d.externalId}: commit ${c.commitSha} is not in repository ${keyOf.get(repositoryIds.get(c.repository)!)} (ingest the repository again, or check the deployment's commit)`),
      ),
    );
  }

  const before = options.mode === 'incremental' ? await placementsBefore(trx, deployments) : [];
  const resolved: ResolvedDeployment[] = deployments.map((d) => ({
    ...d,
    serviceId: serviceIds.get(d.service)!,
    commits: d.commits.map((c) => ({ repositoryId: repositoryIds.get(c.repository)!, commitSha: c.commitSha, ...batch.commitOverrides?.get(d.externalId)?.get(c.repository) })),
  }));
  const deploymentIds = await upsertDeployments(trx, resolved);
  await upsertIncidents(trx, incidents.map((i) => ({ ...i, serviceId: i.service ? serviceIds.get(i.service)! : null })));
  await upsertPullRequests(trx, pullRequests.map((p) => ({ ...p, repositoryId: repositoryIds.get(p.repository)! })));

  const affected = new Set<number>([...resolved.map((d) => d.serviceId), ...incidents.flatMap((i) => (i.service ? [serviceIds.get(i.service)!] : []))]);
  for (const id of await servicesOfRepositories(trx, [...new Set(pullRequests.map((p) => repositoryIds.get(p.repository)!))])) affected.add(id);
  // One derivation per service at a time: two deliveries placed concurrently would each miss the
  // other's deployment in the chain. Locks are taken in id order so two batches cannot deadlock.
  for (const serviceId of [...affected].sort((a, b) => a - b)) await sql`select pg_advisory_xact_lock(${ADVISORY_CLASS}, ${serviceId})`.execute(trx);
  if (options.mode === 'full') {
    for (const serviceId of affected) await recomputeServiceMetrics(trx, serviceId);
  } else {
    for (const serviceId of affected) {
      const own = resolved.filter((d) => d.serviceId === serviceId).map((d) => deploymentIds.get(d.externalId)!);
      if (own.length) await applyDeploymentChanges(trx, serviceId, own, before);
      const ownIncidents = incidents.filter((i) => i.service && serviceIds.get(i.service) === serviceId);
      if (ownIncidents.length) await applyIncidentChanges(trx, serviceId, Math.min(...ownIncidents.map((i) => i.createdAt)));
      if (pullRequests.length) await recomputeServiceMetrics(trx, serviceId);
    }
  }
  const names = new Map([...serviceIds].map(([name, id]) => [id, name]));
  return { deployments: deployments.length, incidents: incidents.length, pullRequests: pullRequests.length, services: [...affected].map((id) => names.get(id) ?? String(id)).sort() };
}

/**
 * Where these deployments' commits sat in their chains before this batch (for the incremental
 * path), found by the deployment key on the link table rather than through the partitioned
 * deployments. Another source's deployment with the same external id may come along: that only
 * means one more chain member is recomputed, which leaves it as it was.
 */
async function placementsBefore(trx: Db, deployments: readonly DeploymentEvent[]): Promise<PreviousPlacement[]> {
  if (!deployments.length) return [];
  const rows = await trx
    .selectFrom('deployment_commits')
    .select(['deployment_id', 'repository_id', 'finished_at'])
    .where('org_id', '=', ORG_ID)
    .where('deployment_key', 'in', deployments.map((d) => d.externalId))
    .execute();
  return rows.map((r) => ({ deploymentId: r.deployment_id, repositoryId: r.repository_id, finishedAt: r.finished_at?.getTime() ?? null }));
}
