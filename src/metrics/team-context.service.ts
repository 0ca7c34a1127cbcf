import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import type { TeamContext } from '../shared/schemas/metrics.ts';
import { identitiesOf } from './catalog.repository.ts';
import { computeFourKeys } from './dora.service.ts';
import { assertSignalsVisible, loadSubject } from './metrics.access.ts';
import { ORG_ID } from './partitions.repository.ts';
import { dayText, periodsOf } from './periods.rules.ts';
import { complianceByPeriod, type SloDefinition } from './slo/slo.rules.ts';
import { loadSamples, metricsOf } from './slo.service.ts';
import { loadTeam, TEAM_CONTEXT_LABEL } from './team-dora.service.ts';
import { MS_PER_DAY, parseDay, utcDay } from './timestamps.rules.ts';

const MAX_QUARTERS = 8;

/** Outside 08:00-18:00 on a weekday in the person's own time zone (UTC when unknown). */
export function isAfterHours(ms: number, timeZone: string | null): boolean {
  let zone = timeZone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' }).formatToParts(new Date(ms));
  const weekday = parts.find((p) => p.type === 'weekday')?.value ?? '';
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  return weekday === 'Sat' || weekday === 'Sun' || hour < 8 || hour >= 18;
}

/**
 * The team context of a review's evidence packet: the four keys and SLO compliance of the
 * person's team (its services) quarter by quarter over their tenure (the last eight quarters at
 * most), and their on-call record (incidents handled, root-cause analyses written, pages and
 * how many came after hours, shifts). Labelled as team context: none of it rates the person.
 */
export async function personTeamContext(db: Kysely<DB>, options: { actor: Actor; personId: number; now: Date }): Promise<TeamContext> {
  const subject = await loadSubject(db, options.personId);
  assertSignalsVisible(options.actor, subject);
  const to = parseDay(utcDay(options.now.getTime()))!;
  const earliest = Date.UTC(new Date(to).getUTCFullYear(), new Date(to).getUTCMonth() - (new Date(to).getUTCMonth() % 3) - 3 * (MAX_QUARTERS - 1), 1);
  const from = Math.max(parseDay(subject.hireDate) ?? earliest, earliest);
  const teams = [];
  if (subject.teamId !== null) {
    const team = await loadTeam(db, subject.teamId);
    const serviceIds = team.services.map((s) => s.id);
    const targets = serviceIds.length
      ? await db.selectFrom('slo_targets as t').innerJoin('services as s', 's.id', 't.service_id').select(['t.service_id', 's.name as service', 't.definition']).where('t.service_id', 'in', serviceIds).execute()
      : [];
    const quarters = [];
    for (const period of periodsOf({ from, to }, 3)) {
      const keys = await computeFourKeys(db, { serviceIds, range: period, report: 2023, median: 'lower' });
      const sloCompliance = [];
      for (const target of targets) {
        const definition = target.definition as SloDefinition;
        const samples = await loadSamples(db, target.service_id, metricsOf(definition), period.from, period.to + MS_PER_DAY);
        const [result] = complianceByPeriod(definition, samples, [{ start: period.from, end: period.to + MS_PER_DAY }]);
        sloCompliance.push({ service: target.service, slo: definition.name, compliance: result!.compliance, met: result!.met });
      }
      quarters.push({ from: dayText(period.from), to: dayText(period.to), keys, sloCompliance });
    }
    teams.push({ team: { id: team.id, name: team.name }, services: team.services, quarters });
  }
  const ids = (await identitiesOf(db, subject.id)).map((i) => i.value);
  const fromIso = new Date(from).toISOString();
  const toIso = new Date(to + MS_PER_DAY).toISOString();
  const [handled, analyses, pages, shifts] = await Promise.all([
    sql<{ n: number }>`select count(*)::int as n from incidents where org_id = ${ORG_ID} and created_at >= ${fromIso}::timestamptz and created_at < ${toIso}::timestamptz
      and exists (select 1 from unnest(assignees) a where lower(a) = any(${ids}::text[]))`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from incidents where org_id = ${ORG_ID} and created_at >= ${fromIso}::timestamptz and created_at < ${toIso}::timestamptz
      and lower(analysis_author) = any(${ids}::text[])`.execute(db),
    sql<{ at: Date }>`select at from oncall_pages where org_id = ${ORG_ID} and lower(person_ref) = any(${ids}::text[]) and at >= ${fromIso}::timestamptz and at < ${toIso}::timestamptz`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from oncall_shifts where org_id = ${ORG_ID} and lower(person_ref) = any(${ids}::text[]) and starts_at >= ${fromIso}::timestamptz and starts_at < ${toIso}::timestamptz`.execute(db),
  ]);
  return {
    person: { id: subject.id, name: subject.name },
    label: TEAM_CONTEXT_LABEL,
    from: dayText(from),
    to: dayText(to),
    teams,
    onCall: {
      incidentsHandled: handled.rows[0]?.n ?? 0,
      analysesWritten: analyses.rows[0]?.n ?? 0,
      pages: pages.rows.length,
      afterHoursPages: pages.rows.filter((p) => isAfterHours(p.at.getTime(), subject.timeZone)).length,
      shifts: shifts.rows[0]?.n ?? 0,
    },
  };
}
