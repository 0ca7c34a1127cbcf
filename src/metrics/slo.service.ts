import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { TeamSlos } from '../shared/schemas/metrics.ts';
import { ORG_ID } from './partitions.repository.ts';
import { dayText } from './periods.rules.ts';
import { complianceByPeriod, MS_PER_HOUR, sloStatus, type SliSample, type SloDefinition } from './slo/slo.rules.ts';
import { loadTeam } from './team-dora.service.ts';
import { MS_PER_DAY } from './timestamps.rules.ts';
import { weekStart } from './signals/weekly-signals.rules.ts';

const TREND_WEEKS = 8;

/** The samples of one service's metrics in `[from, to]`. */
export async function loadSamples(db: Kysely<DB>, serviceId: number, metrics: readonly string[], from: number, to: number): Promise<SliSample[]> {
  if (!metrics.length) return [];
  const rows = await db
    .selectFrom('sli_samples')
    .select(['metric', 'at', 'value'])
    .where('org_id', '=', ORG_ID)
    .where('service_id', '=', serviceId)
    .where('metric', 'in', [...metrics])
    .where('occurred_at', '>=', new Date(from))
    .where('occurred_at', '<=', new Date(to))
    .execute();
  return rows.map((r) => ({ metric: r.metric, at: r.at.getTime(), value: r.value }));
}

export function metricsOf(definition: SloDefinition): string[] {
  return definition.kind === 'threshold' ? [definition.metric] : [definition.goodMetric, definition.totalMetric];
}

/** Each SLO of a team's services at `now`: compliance, error budget, burn rates and weekly compliance. */
export async function teamSlos(db: Kysely<DB>, options: { teamId: number; now: Date }): Promise<TeamSlos> {
  const team = await loadTeam(db, options.teamId);
  const now = options.now.getTime();
  const firstWeek = weekStart(now) - (TREND_WEEKS - 1) * 7 * MS_PER_DAY;
  const weeks = Array.from({ length: TREND_WEEKS }, (_, i) => ({ start: firstWeek + i * 7 * MS_PER_DAY, end: Math.min(firstWeek + (i + 1) * 7 * MS_PER_DAY, now + 1) }));
  const services = [];
  for (const service of team.services) {
    const targets = await db.selectFrom('slo_targets').select(['name', 'definition']).where('org_id', '=', ORG_ID).where('service_id', '=', service.id).orderBy('name').execute();
    const slos = [];
    for (const target of targets) {
      const definition = target.definition as SloDefinition;
      const from = Math.min(now - definition.windowDays * 24 * MS_PER_HOUR, firstWeek);
      const samples = await loadSamples(db, service.id, metricsOf(definition), from, now);
      const trend = complianceByPeriod(definition, samples, weeks).map((p) => ({ from: dayText(p.start), compliance: p.compliance, met: p.met }));
      slos.push({ ...sloStatus(definition, samples, now), trend });
    }
    services.push({ service, slos });
  }
  return { team: { id: team.id, name: team.name }, at: options.now.toISOString(), services };
}
