/**
 * What every source turns its input into before anything is stored: plain records with epoch-ms
 * times, named by the services and repositories they belong to (ingestion resolves the names).
 * `source` plus `externalId` identifies an event, so ingesting the same file twice changes nothing.
 */

export type Environment = 'PRODUCTION' | 'STAGING' | 'TESTING';
export type Result = 'SUCCESS' | 'FAILURE' | 'ABORT' | 'MANUAL' | 'SKIPPED';

export interface DeploymentEvent {
  source: string;
  externalId: string;
  service: string;
  name: string | null;
  environment: Environment | null;
  result: Result | null;
  createdAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  /** The commit deployed in each repository (by repository key). */
  commits: { repository: string; commitSha: string }[];
}

export interface IncidentEvent {
  source: string;
  externalId: string;
  /** Null when the source does not say (DevLake incidents of unmapped boards). */
  service: string | null;
  title: string | null;
  severity: string | null;
  status: string | null;
  createdAt: number;
  resolvedAt: number | null;
  /** DevLake's own created-to-resolved minutes, when the source computed them. */
  leadTimeMinutes: number | null;
  /** How the responders appear in the source (emails, logins, names). */
  assignees: string[];
  analysisAuthor: string | null;
  analysisUrl: string | null;
}

export interface PullRequestEvent {
  repository: string;
  externalId: string;
  number: string | null;
  title: string | null;
  author: string | null;
  state: string | null;
  createdAt: number;
  mergedAt: number | null;
  closedAt: number | null;
  mergeCommitSha: string | null;
  headSha: string | null;
  commits: { sha: string; authoredAt: number | null }[];
  /** Reviews and comments; one by anyone but the author is a review. */
  comments: { externalId: string; author: string | null; createdAt: number }[];
}

export interface AiUsageRow {
  source: 'amazon-q' | 'copilot';
  day: string;
  /** The source's user id; '' for a row about the whole organisation. */
  userKey: string;
  activeUsers: number;
  suggestions: number;
  acceptances: number;
  aiCodeLines: number;
  chatMessages: number;
  details: Record<string, number>;
}

export interface SliSampleRow {
  service: string;
  metric: string;
  at: number;
  value: number;
}

/** DevLake's default transformation: an environment whose name contains "prod" is production. */
export function environmentFromName(name: string | null | undefined): Environment | null {
  if (!name) return null;
  if (/prod/iu.test(name)) return 'PRODUCTION';
  if (/stag/iu.test(name)) return 'STAGING';
  return 'TESTING';
}

/** A vulnerability or a ticket a service's team has to handle (operational load, not a rating). */
export interface OperationalItemEvent {
  source: string;
  externalId: string;
  service: string;
  kind: 'vulnerability' | 'ticket';
  severity: string | null;
  title: string | null;
  openedAt: number;
  resolvedAt: number | null;
}

/** Someone on call for a schedule from `startsAt` to `endsAt`. */
export interface OncallShiftEvent {
  schedule: string;
  /** How the person appears in the source: an email, or a PagerDuty user id (mapped under identities). */
  person: string;
  service: string | null;
  startsAt: number;
  endsAt: number;
}

/** One page (notification) sent to someone on call. */
export interface OncallPageEvent {
  source: string;
  externalId: string;
  person: string;
  service: string | null;
  incidentExternalId: string | null;
  at: number;
}
