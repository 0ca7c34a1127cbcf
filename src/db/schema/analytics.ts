import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from './column-types.ts';

// People analytics (migration 20261129T2030_analytics): uploaded datasets, kept apart from people,
// and the member sets earlier bias audits showed each reader (suppression across reports).
export interface AnalyticsTables {
  analytics_datasets: {
    id: Generated<number>;
    name: string;
    file_name: string;
    uploaded_by: number;
    uploaded_at: CreatedAt;
    row_count: number;
    byte_size: number;
    columns: Json<{ name: string; distinct: number; values: string[] | null }[]>;
    content: ColumnType<Uint8Array, Uint8Array, never>;
  };
  analytics_disclosures: {
    id: Generated<number>;
    account_id: number;
    source: string;
    dimension: string;
    value: string;
    population: Json<number[]>;
    members: Json<number[]>;
    digest: string;
    first_shown_at: Timestamp;
    last_shown_at: Timestamp;
  };
}
