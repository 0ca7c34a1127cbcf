import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createRng, type Rng } from '../cycles/demo-cycle.ts';
import { ensureRepositories, ensureServices, linkServiceRepositories, mapTeam } from './catalog.repository.ts';
import { upsertAiUsage, upsertSliSamples, writeCommits } from './events.repository.ts';
import { ensureMonthPartitions, ORG_ID } from './partitions.repository.ts';
import { upsertOperationalItems } from './operations.repository.ts';
import type { DeploymentEvent, IncidentEvent, OperationalItemEvent, PullRequestEvent } from './sources/events.ts';
import type { GitCommit } from './sources/git-repository.ts';
import { storeEventBatch } from './store-events.service.ts';

const SEED = 20261129;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const HISTORY_DAYS = 182;

interface DemoTeam {
  teamId: number;
  members: { id: number; email: string }[];
  repository: string;
  services: { name: string; /** Chance of a production deployment on a working day. */ cadence: number }[];
  commitsPerDay: number;
  incidents: number;
}

/**
 * Engineering metrics for the demo organisation, the same for the same `now`: two teams (the demo
 * engineer's, and another) with half a year of commits, pull requests with reviews, production
 * deployments, incidents and on-call pages, SLI samples with SLOs, and AI-assistant usage. Events go
 * through the same storage and derivation as real ingestion.
 */
export async function seedDemoMetrics(db: Kysely<DB>, options: { now: Date; engineerEmail: string }): Promise<void> {
  const rng = createRng(SEED);
  const today = Math.floor(options.now.getTime() / DAY) * DAY;
  const start = today - HISTORY_DAYS * DAY;
  const own = await db.selectFrom('people').select(['team_id']).where('email', '=', options.engineerEmail).executeTakeFirst();
  if (!own?.team_id) return;
  const other = await db.selectFrom('teams').select('id').where('id', '!=', own.team_id).orderBy('name').executeTakeFirst();
  const membersOf = (teamId: number) => db.selectFrom('people').select(['id', 'email']).where('team_id', '=', teamId).where('status', '=', 'active').orderBy('employee_id').execute();
  const teams: DemoTeam[] = [
    { teamId: own.team_id, members: await membersOf(own.team_id), repository: 'github.com/highbar-demo/checkout', services: [{ name: 'checkout-api', cadence: 0.8 }, { name: 'checkout-web', cadence: 0.35 }], commitsPerDay: 7, incidents: 7 },
    ...(other ? [{ teamId: other.id, members: await membersOf(other.id), repository: 'github.com/highbar-demo/search', services: [{ name: 'search-api', cadence: 0.22 }], commitsPerDay: 4, incidents: 3 }] : []),
  ];
  await db.transaction().execute(async (trx) => {
    for (const team of teams) await seedTeam(trx, rng, team, { start, today, now: Math.floor(options.now.getTime() / HOUR) * HOUR });
    await seedAiUsage(trx, rng, teams.flatMap((t) => t.members), { start: today - 12 * 7 * DAY, today });
  });
}

async function seedTeam(trx: Parameters<typeof writeCommits>[0], rng: Rng, team: DemoTeam, days: { start: number; today: number; now: number }): Promise<void> {
  if (!team.members.length) return;
  await mapTeam(trx, { teamId: team.teamId, services: team.services.map((s) => s.name), repositories: [team.repository] });
  const services = await ensureServices(trx, team.services.map((s) => s.name));
  const repositoryId = (await ensureRepositories(trx, [team.repository])).get(team.repository)!;
  await linkServiceRepositories(trx, [...services.values()].map((serviceId) => ({ serviceId, repositoryId })));

  // One linear main line: a pull request merges every third commit; commits on working days only.
  const commits: GitCommit[] = [];
  const pullRequests: PullRequestEvent[] = [];
  for (let day = days.start; day < days.today; day += DAY) {
    if (isWeekend(day)) continue;
    const n = rng.int(Math.max(1, team.commitsPerDay - 3), team.commitsPerDay + 3);
    for (let i = 0; i < n; i++) {
      const author = rng.pick(team.members);
      const at = day + (9 + (i * 8) / n) * HOUR + rng.int(0, 50) * 60_000;
      const sha = hex(rng, commits.length);
      commits.push({ sha, parents: commits.length ? [commits.at(-1)!.sha] : [], authorName: author.email.split('@')[0]!, authorEmail: author.email, authoredAt: at - rng.int(1, 30) * HOUR, committerEmail: author.email, committedAt: at, subject: `Change ${commits.length + 1}`, additions: rng.int(2, 240), deletions: rng.int(0, 90), filesChanged: rng.int(1, 6) });
      if (commits.length % 3 === 0) {
        const reviewer = team.members.filter((m) => m.id !== author.id)[rng.int(0, Math.max(0, team.members.length - 2))] ?? author;
        const opened = at - rng.int(3, 40) * HOUR;
        pullRequests.push({
          repository: team.repository, externalId: `pr-${commits.length}`, number: String(1000 + commits.length / 3), title: rng.pick(TITLES), author: author.email, state: 'merged',
          createdAt: opened, mergedAt: at, closedAt: at, mergeCommitSha: sha, headSha: null,
          commits: [{ sha: `${sha}-1`, authoredAt: opened - rng.int(1, 20) * HOUR }, { sha: `${sha}-2`, authoredAt: at - rng.int(1, 3) * HOUR }],
          comments: [{ externalId: `review-${commits.length}`, author: reviewer.email, createdAt: opened + rng.int(1, 20) * HOUR }],
        });
      }
    }
  }
  await writeCommits(trx, repositoryId, commits);

  const deployments: DeploymentEvent[] = [];
  for (const service of team.services) {
    for (let day = days.start; day < days.today; day += DAY) {
      if (isWeekend(day) || !rng.chance(service.cadence)) continue;
      const finished = day + rng.int(14, 17) * HOUR + rng.int(0, 59) * 60_000;
      const head = [...commits].reverse().find((c) => c.committedAt < finished - HOUR);
      if (!head) continue;
      deployments.push({ source: 'demo-ci', externalId: `${service.name}-${new Date(day).toISOString().slice(0, 10)}`, service: service.name, name: `${service.name} ${new Date(day).toISOString().slice(5, 10)}`, environment: 'PRODUCTION', result: rng.chance(0.04) ? 'FAILURE' : 'SUCCESS', createdAt: finished - 20 * 60_000, startedAt: finished - 20 * 60_000, finishedAt: finished, commits: [{ repository: team.repository, commitSha: head.sha }] });
    }
  }
  const incidents: IncidentEvent[] = Array.from({ length: team.incidents }, (_, i) => {
    const created = days.start + rng.int(10, HISTORY_DAYS - 2) * DAY + rng.int(0, 23) * HOUR;
    const responder = rng.pick(team.members);
    return {
      source: 'demo-pager', externalId: `${team.repository}-incident-${i + 1}`, service: rng.pick(team.services).name, title: rng.pick(INCIDENTS), severity: rng.pick(['SEV1', 'SEV2', 'SEV2', 'SEV3']),
      status: 'resolved', createdAt: created, resolvedAt: created + rng.int(20, 600) * 60_000, leadTimeMinutes: null, assignees: [responder.email],
      analysisAuthor: rng.chance(0.6) ? responder.email : null, analysisUrl: null,
    };
  });
  await storeEventBatch(trx, { deployments, incidents, pullRequests }, { mode: 'full', context: 'demo' });
  await seedOperations(trx, rng, team, services, incidents, days);
}

/** Hourly SLIs of the last four weeks up to the hour with SLOs, and on-call shifts and pages. */
async function seedOperations(trx: Parameters<typeof writeCommits>[0], rng: Rng, team: DemoTeam, services: Map<string, number>, incidents: IncidentEvent[], days: { start: number; today: number; now: number }) {
  const samples: { serviceId: number; metric: string; at: number; value: number }[] = [];
  for (const [name, serviceId] of services) {
    for (let at = days.now - 28 * DAY; at <= days.now; at += HOUR) {
      const incident = incidents.some((i) => i.service === name && at >= i.createdAt - HOUR && at <= (i.resolvedAt ?? i.createdAt));
      const requests = rng.int(800, 1500);
      samples.push({ serviceId, metric: 'latency_p90_ms', at, value: incident ? rng.int(350, 900) : rng.int(110, 290) });
      samples.push({ serviceId, metric: 'requests', at, value: requests });
      samples.push({ serviceId, metric: 'requests_ok', at, value: requests - (incident ? rng.int(20, 120) : rng.int(0, 2)) });
    }
    for (const definition of [
      { name: 'p90 latency under 300 ms', kind: 'threshold', metric: 'latency_p90_ms', comparison: 'lte', threshold: 300, objective: 0.99, windowDays: 28 },
      { name: 'requests succeed', kind: 'events', goodMetric: 'requests_ok', totalMetric: 'requests', objective: 0.999, windowDays: 28 },
    ]) {
      await trx.insertInto('slo_targets').values({ org_id: ORG_ID, service_id: serviceId, name: definition.name, definition: JSON.stringify(definition) }).onConflict((oc) => oc.columns(['org_id', 'service_id', 'name']).doNothing()).execute();
    }
  }
  await upsertSliSamples(trx, samples);
  const shifts = [];
  for (let week = days.start; week < days.today; week += 7 * DAY) shifts.push({ org_id: ORG_ID, service_id: null, schedule: team.repository, person_ref: rng.pick(team.members).email, starts_at: new Date(week).toISOString(), ends_at: new Date(week + 7 * DAY).toISOString(), occurred_at: new Date(week).toISOString() });
  const pages = incidents.map((i, n) => ({ org_id: ORG_ID, service_id: services.get(i.service ?? '') ?? null, source: 'demo-pager', external_id: `page-${i.externalId}-${n}`, person_ref: i.assignees[0]!, incident_external_id: i.externalId, at: new Date(i.createdAt).toISOString(), occurred_at: new Date(i.createdAt).toISOString() }));
  await ensureMonthPartitions(trx, 'oncall_shifts', shifts.map((s) => Date.parse(s.starts_at)));
  await ensureMonthPartitions(trx, 'oncall_pages', pages.map((p) => Date.parse(p.at)));
  // A contractor's shift under their PagerDuty user id, mapped to nobody: the identities page has something to map.
  shifts.push({ org_id: ORG_ID, service_id: null, schedule: `${team.repository} secondary`, person_ref: `PDEMO${team.teamId}`, starts_at: new Date(days.today - 14 * DAY).toISOString(), ends_at: new Date(days.today - 7 * DAY).toISOString(), occurred_at: new Date(days.today - 14 * DAY).toISOString() });
  if (shifts.length) await trx.insertInto('oncall_shifts').values(shifts).onConflict((oc) => oc.doNothing()).execute();
  if (pages.length) await trx.insertInto('oncall_pages').values(pages).onConflict((oc) => oc.doNothing()).execute();
  await upsertOperationalItems(trx, demoOperationalItems(rng, [...services.keys()], days));
}

/** Vulnerabilities (weekly dependency alerts, most fixed within weeks) and operations tickets of each service. */
function demoOperationalItems(rng: Rng, services: string[], days: { start: number; today: number }): OperationalItemEvent[] {
  const items: OperationalItemEvent[] = [];
  for (const service of services) {
    for (let n = 0; n < 8; n++) {
      const opened = days.start + rng.int(0, HISTORY_DAYS - 1) * DAY + rng.int(0, 23) * HOUR;
      const resolved = opened + rng.int(1, 40) * DAY;
      items.push({ source: 'github-dependabot', externalId: `https://github.com/highbar-demo/${service}/security/dependabot/${n + 1}`, service, kind: 'vulnerability', severity: rng.pick(['critical', 'high', 'medium', 'medium', 'low']), title: rng.pick(VULNERABILITIES), openedAt: opened, resolvedAt: resolved < days.today && rng.chance(0.8) ? resolved : null });
    }
    for (let n = 0; n < 12; n++) {
      const opened = days.start + rng.int(0, HISTORY_DAYS - 1) * DAY + rng.int(8, 18) * HOUR;
      const resolved = opened + rng.int(2, 120) * HOUR;
      items.push({ source: 'demo-tickets', externalId: `${service.toUpperCase()}-${100 + n}`, service, kind: 'ticket', severity: rng.pick(['P2', 'P3', 'P3', 'P4']), title: rng.pick(TICKETS), openedAt: opened, resolvedAt: resolved < days.today && rng.chance(0.85) ? resolved : null });
    }
  }
  return items;
}

/** Amazon Q usage of the two teams' members on working days, and the organisation's Copilot days. */
async function seedAiUsage(trx: Parameters<typeof writeCommits>[0], rng: Rng, people: { email: string }[], days: { start: number; today: number }) {
  const rows = [];
  for (let day = days.start; day < days.today; day += DAY) {
    const date = new Date(day).toISOString().slice(0, 10);
    if (!isWeekend(day)) {
      for (const person of people) {
        if (!rng.chance(0.7)) continue;
        const suggestions = rng.int(10, 80);
        const acceptances = Math.round(suggestions * (0.2 + rng.next() * 0.25));
        rows.push({ source: 'amazon-q' as const, day: date, userKey: person.email, activeUsers: 1, suggestions, acceptances, aiCodeLines: acceptances * rng.int(2, 5), chatMessages: rng.int(0, 12), details: { inline_suggestionscount: suggestions, inline_acceptancecount: acceptances } });
      }
    }
    const active = rng.int(40, 70);
    rows.push({ source: 'copilot' as const, day: date, userKey: '', activeUsers: active, suggestions: active * 30, acceptances: active * 9, aiCodeLines: active * 14, chatMessages: active * 2, details: { total_active_users: active } });
  }
  await upsertAiUsage(trx, rows);
}

const isWeekend = (day: number) => [0, 6].includes(new Date(day).getUTCDay());
const hex = (rng: Rng, n: number) => `${n.toString(16).padStart(8, '0')}${Array.from({ length: 32 }, () => '0123456789abcdef'[rng.int(0, 15)]).join('')}`;
const TITLES = ['Retry payment capture on timeout', 'Cache the cart totals', 'Split the order router', 'Tidy the checkout form', 'Add the audit export', 'Faster search suggestions', 'Drop the legacy coupon path', 'Metrics for the basket service'];
const VULNERABILITIES = ['Prototype pollution in lodash', 'ReDoS in semver', 'SSRF in axios', 'Path traversal in tar', 'Header injection in undici'];
const TICKETS = ['Refund stuck in queue', 'Customer export times out', 'Rotate the payment API key', 'Disk alert on worker', 'Backfill missing invoices', 'Raise the rate limit for a partner'];
const INCIDENTS = ['Checkout errors above 2%', 'Slow search results', 'Payment provider timeouts', 'Stale prices after deploy', 'Queue backlog in order router'];
