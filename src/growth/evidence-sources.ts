import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A dated line of evidence from engineering metrics about one person. */
export interface MetricsEvidence {
  key: string;
  occurredOn: string;
  text: string;
  link: string | null;
}

/**
 * Where the living document finds incidents a person handled and their SLO contributions. The
 * metrics feature owns those tables; until it provides readers, both answer nothing and the
 * document says the sources are not connected (rather than showing an empty section as if the
 * person had done no operational work). A reader must never rank people: it returns context lines.
 */
export interface EvidenceSources {
  incidentsHandled?: (db: Kysely<DB>, person: { id: number; email: string }, window: { from: string; to: string }) => Promise<MetricsEvidence[]>;
  sloContributions?: (db: Kysely<DB>, person: { id: number; email: string }, window: { from: string; to: string }) => Promise<MetricsEvidence[]>;
}

let sources: EvidenceSources = {};

/** Connects metrics readers (called once at start-up by the metrics feature, or by a test). */
export function connectEvidenceSources(next: EvidenceSources): void {
  sources = next;
}

export function evidenceSources(): EvidenceSources {
  return sources;
}
