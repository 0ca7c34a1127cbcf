import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { mapTeam } from './catalog.repository.ts';
import { normalizeRepositoryKey } from './sources/repository-key.rules.ts';
import { formatProblem, missingColumns, readCsvRecords, SourceError, type SourceProblem } from './sources/source-problems.ts';

/**
 * `highbar ingest teams FILE.csv`: which services and repositories each team owns, a CSV with
 * `team`, `service` and `repository` (either may be empty on a row). Teams are the directory's
 * (from the people import); an unknown team is refused with its line. Mappings are added, never
 * removed, so the file can be re-run.
 */
export async function ingestTeamMappings(db: Kysely<DB>, options: { file: string }): Promise<{ teams: number; services: number; repositories: number }> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(options.file);
  } catch (error) {
    throw new SourceError([`${options.file}: cannot read: ${(error as Error).message}`]);
  }
  const read = readCsvRecords(bytes);
  if ('problems' in read) throw new SourceError(read.problems.map((p) => formatProblem(options.file, p)));
  const problems: SourceProblem[] = missingColumns(read.header, ['team', 'service', 'repository'], 'a team mapping');
  if (problems.length) throw new SourceError(problems.map((p) => formatProblem(options.file, p)));
  const teams = new Map((await db.selectFrom('teams').select(['id', 'name']).execute()).map((t) => [t.name, t.id]));
  const plan = new Map<number, { services: Set<string>; repositories: Set<string> }>();
  for (const { line, cells } of read.records) {
    const team = cells.get('team')!;
    const teamId = teams.get(team);
    if (teamId === undefined) {
      problems.push({ line, column: 'team', reason: `${JSON.stringify(team)} is not a team of the directory` });
      continue;
    }
    const entry = plan.get(teamId) ?? { services: new Set(), repositories: new Set() };
    plan.set(teamId, entry);
    if (cells.get('service')) entry.services.add(cells.get('service')!);
    if (cells.get('repository')) entry.repositories.add(normalizeRepositoryKey(cells.get('repository')!));
    if (!cells.get('service') && !cells.get('repository')) problems.push({ line, column: 'service', reason: 'names neither a service nor a repository' });
  }
  if (problems.length) throw new SourceError(problems.map((p) => formatProblem(options.file, p)));
  await db.transaction().execute(async (trx) => {
    for (const [teamId, entry] of plan) await mapTeam(trx, { teamId, services: [...entry.services], repositories: [...entry.repositories] });
  });
  const all = [...plan.values()];
  return { teams: plan.size, services: new Set(all.flatMap((e) => [...e.services])).size, repositories: new Set(all.flatMap((e) => [...e.repositories])).size };
}
