import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { chunk } from '../db/bulk.ts';
import { ensureRepositories, ensureServices, linkServiceRepositories } from './catalog.repository.ts';
import { writeCommitGraph } from './events.repository.ts';
import { ensureMonthPartitions, ORG_ID } from './partitions.repository.ts';
import { loadDevLakeFolder } from './sources/devlake-folder.ts';
import { devLakeToEvents, type DevLakeEvents } from './sources/devlake-events.ts';
import { SourceError } from './sources/source-problems.ts';
import { storeEventBatch, type StoredCounts } from './store-events.service.ts';

export interface DevLakeIngestSummary extends StoredCounts {
  commits: number;
  pipelines: number;
}

/**
 * `highbar ingest devlake DIR`: a folder of DevLake domain tables (the layout `highbar dora`
 * reads) into the event model, in one transaction: nothing is stored if anything is wrong, and
 * ingesting the same folder again changes nothing.
 */
export async function ingestDevLakeFolder(db: Kysely<DB>, options: { dir: string }): Promise<DevLakeIngestSummary> {
  const loaded = loadDevLakeFolder(options.dir);
  if (!loaded.ok) throw new SourceError(loaded.problems);
  const mapped = devLakeToEvents(loaded.value.tables, loaded.value.present);
  if ('problems' in mapped) throw new SourceError(mapped.problems.map((p) => `${options.dir}/${p}`));
  const events = mapped.value;
  return db.transaction().execute(async (trx) => {
    const services = await ensureServices(trx, [...events.serviceRepositories.map((s) => s.service), ...events.pipelines.map((p) => p.service)]);
    const repositories = await ensureRepositories(trx, [...events.serviceRepositories.map((s) => s.repository), ...events.graphs.keys()]);
    await linkServiceRepositories(trx, events.serviceRepositories.map((s) => ({ serviceId: services.get(s.service)!, repositoryId: repositories.get(s.repository)! })));
    let commits = 0;
    for (const [repository, nodes] of events.graphs) commits += await writeCommitGraph(trx, repositories.get(repository)!, nodes);
    await storePipelines(trx, events.pipelines, services);
    const stored = await storeEventBatch(trx, events, { mode: 'full', context: options.dir });
    return { ...stored, commits, pipelines: events.pipelines.length };
  });
}

/** DevLake's pipelines and tasks, kept as they came (deployments were derived from them already). */
async function storePipelines(trx: Parameters<typeof writeCommitGraph>[0], pipelines: DevLakeEvents['pipelines'], services: Map<string, number>): Promise<void> {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const rows = pipelines.flatMap(({ service, pipeline: p }) => {
    const at = p.created_date ?? p.finished_date;
    return at === null ? [] : [{ service, p, at }];
  });
  await ensureMonthPartitions(trx, 'pipelines', rows.map((r) => r.at));
  const ids = new Map<string, { id: number; at: number }>();
  for (const batch of chunk(rows, 2000)) {
    const inserted = await trx
      .insertInto('pipelines')
      .values(
        batch.map(({ service, p, at }) => ({
          org_id: ORG_ID, service_id: services.get(service)!, source: 'devlake', external_id: p.id, name: p.name, result: p.result, status: p.status, type: p.type,
          environment: p.environment, duration_sec: p.duration_sec, created_at: iso(p.created_date), finished_at: iso(p.finished_date), occurred_at: iso(at)!,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['org_id', 'source', 'external_id', 'occurred_at']).doUpdateSet((eb) => ({
          service_id: eb.ref('excluded.service_id'), name: eb.ref('excluded.name'), result: eb.ref('excluded.result'), status: eb.ref('excluded.status'),
          type: eb.ref('excluded.type'), environment: eb.ref('excluded.environment'), duration_sec: eb.ref('excluded.duration_sec'), finished_at: eb.ref('excluded.finished_at'),
        })),
      )
      .returning(['id', 'external_id', 'occurred_at'])
      .execute();
    for (const r of inserted) ids.set(r.external_id, { id: r.id, at: r.occurred_at.getTime() });
  }
  const tasks = pipelines.flatMap(({ pipeline, tasks: list }) => {
    const owner = ids.get(pipeline.id);
    return owner ? list.map((t) => ({ t, owner, at: t.started_date ?? t.finished_date ?? owner.at })) : [];
  });
  await ensureMonthPartitions(trx, 'pipeline_tasks', tasks.map((t) => t.at));
  for (const batch of chunk(tasks, 2000)) {
    await trx
      .insertInto('pipeline_tasks')
      .values(
        batch.map(({ t, owner, at }) => ({
          org_id: ORG_ID, pipeline_id: owner.id, external_id: t.id, name: t.name, type: t.type, result: t.result, environment: t.environment,
          started_at: iso(t.started_date), finished_at: iso(t.finished_date), occurred_at: iso(at)!,
        })),
      )
      .onConflict((oc) => oc.columns(['org_id', 'pipeline_id', 'external_id', 'occurred_at']).doUpdateSet((eb) => ({ result: eb.ref('excluded.result'), finished_at: eb.ref('excluded.finished_at') })))
      .execute();
  }
}
