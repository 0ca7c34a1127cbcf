/**
 * The database's table types, one block per feature under ./schema/, written by hand to match
 * the migrations. Modules import `DB` and row types from here.
 */
import type { AnalyticsTables } from './schema/analytics.ts';
import type { CalibrationTables } from './schema/calibration.ts';
import type { CoreTables } from './schema/core.ts';
import type { ForteTables } from './schema/forte.ts';
import type { GrowthTables } from './schema/growth.ts';
import type { MetricsTables } from './schema/metrics.ts';
import type { PipelineTables } from './schema/pipeline.ts';
import type { PromotionTables } from './schema/promotions.ts';

export type * from './schema/analytics.ts';
export type * from './schema/calibration.ts';
export type * from './schema/core.ts';
export type * from './schema/forte.ts';
export type * from './schema/growth.ts';
export type * from './schema/metrics.ts';
export type * from './schema/pipeline.ts';
export type * from './schema/promotions.ts';

export interface DB
  extends CoreTables,
    ForteTables,
    CalibrationTables,
    MetricsTables,
    GrowthTables,
    PromotionTables,
    PipelineTables,
    AnalyticsTables {}
