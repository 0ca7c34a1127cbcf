import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { chunk } from '../db/bulk.ts';
import { repositoryName } from './sources/repository-key.rules.ts';
import { ORG_ID } from './partitions.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Ids of services by name, creating the missing ones. */
export async function ensureServices(trx: Db, names: Iterable<string>): Promise<Map<string, number>> {
  const wanted = [...new Set(names)];
  const ids = new Map<string, number>();
  for (const batch of chunk(wanted, 1000)) {
    await trx.insertInto('services').values(batch.map((name) => ({ org_id: ORG_ID, name }))).onConflict((oc) => oc.columns(['org_id', 'name']).doNothing()).execute();
    const rows = await trx.selectFrom('services').select(['id', 'name']).where('org_id', '=', ORG_ID).where('name', 'in', batch).execute();
    for (const r of rows) ids.set(r.name, r.id);
  }
  return ids;
}

/** Ids of repositories by key, creating the missing ones (with a URL when the key is one). */
export async function ensureRepositories(trx: Db, keys: Iterable<string>, urls: ReadonlyMap<string, string> = new Map()): Promise<Map<string, number>> {
  const wanted = [...new Set(keys)];
  const ids = new Map<string, number>();
  for (const batch of chunk(wanted, 1000)) {
    await trx
      .insertInto('repositories')
      .values(batch.map((key) => ({ org_id: ORG_ID, key, url: urls.get(key) ?? null, name: repositoryName(key) })))
      .onConflict((oc) => oc.columns(['org_id', 'key']).doNothing())
      .execute();
    const rows = await trx.selectFrom('repositories').select(['id', 'key']).where('org_id', '=', ORG_ID).where('key', 'in', batch).execute();
    for (const r of rows) ids.set(r.key, r.id);
  }
  return ids;
}

/** Says that a service deploys from a repository (DevLake's project_mapping of `repos`). */
export async function linkServiceRepositories(trx: Db, pairs: Iterable<{ serviceId: number; repositoryId: number }>): Promise<void> {
  const unique = new Map([...pairs].map((p) => [`${p.serviceId}:${p.repositoryId}`, { service_id: p.serviceId, repository_id: p.repositoryId }]));
  for (const batch of chunk([...unique.values()], 5000)) {
    await trx.insertInto('service_repositories').values(batch).onConflict((oc) => oc.columns(['service_id', 'repository_id']).doNothing()).execute();
  }
}

/** The services that deploy from any of these repositories. */
export async function servicesOfRepositories(trx: Db, repositoryIds: readonly number[]): Promise<number[]> {
  if (!repositoryIds.length) return [];
  const rows = await trx.selectFrom('service_repositories').select('service_id').distinct().where('repository_id', 'in', repositoryIds).execute();
  return rows.map((r) => r.service_id);
}

/** The repositories a service deploys from. */
export async function repositoriesOfService(trx: Db, serviceId: number): Promise<number[]> {
  const rows = await trx.selectFrom('service_repositories').select('repository_id').where('service_id', '=', serviceId).execute();
  return rows.map((r) => r.repository_id);
}

/** A team's services: those mapped to it. */
export async function servicesOfTeam(trx: Db, teamId: number): Promise<{ id: number; name: string }[]> {
  return trx
    .selectFrom('team_services as ts')
    .innerJoin('services as s', 's.id', 'ts.service_id')
    .select(['s.id', 's.name'])
    .where('ts.team_id', '=', teamId)
    .orderBy('s.name')
    .execute();
}

/** Maps a team to services and repositories (creating them by name), adding to what it had. */
export async function mapTeam(trx: Db, options: { teamId: number; services: string[]; repositories: string[] }): Promise<void> {
  const services = await ensureServices(trx, options.services);
  const repositories = await ensureRepositories(trx, options.repositories);
  if (services.size) {
    await trx
      .insertInto('team_services')
      .values([...services.values()].map((service_id) => ({ team_id: options.teamId, service_id })))
      .onConflict((oc) => oc.columns(['team_id', 'service_id']).doNothing())
      .execute();
  }
  if (repositories.size) {
    await trx
      .insertInto('team_repositories')
      .values([...repositories.values()].map((repository_id) => ({ team_id: options.teamId, repository_id })))
      .onConflict((oc) => oc.columns(['team_id', 'repository_id']).doNothing())
      .execute();
  }
}

/**
 * Everything a person answers to in the sources: their directory email, plus identities added
 * for them (a GitHub login, an Amazon Q user id, another email). Lower-cased for matching.
 */
export async function identitiesOf(trx: Db, personId: number): Promise<{ kind: string; value: string }[]> {
  const [person, extra] = await Promise.all([
    trx.selectFrom('people').select('email').where('id', '=', personId).executeTakeFirst(),
    trx.selectFrom('person_identities').select(['kind', 'value']).where('org_id', '=', ORG_ID).where('person_id', '=', personId).execute(),
  ]);
  const all = [...(person ? [{ kind: 'email', value: person.email }] : []), ...extra];
  return all.map((i) => ({ kind: i.kind, value: i.value.toLowerCase() }));
}
