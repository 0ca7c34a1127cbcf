import type { Migration } from 'kysely/migration';
import * as foundation from './20261123T1800_foundation.ts';
import * as forte from './20261123T1900_forte.ts';
import * as olr from './20261129T1900_olr.ts';
import * as pipeline from './20261129T2000_pipeline.ts';
import * as promotions from './20261129T2010_promotions.ts';
import * as metrics from './20261129T2020_metrics.ts';
import * as auditAppendOnly from './20261129T1901_audit_append_only.ts';
import * as analytics from './20261129T2030_analytics.ts';
import * as growth from './20261129T2040_growth.ts';
import * as calibrationCounts from './20261129T2050_calibration_counts.ts';
import * as auditDetailsHash from './20261129T2100_audit_details_hash.ts';
import * as sessionReauthentication from './20261129T2110_session_reauthentication.ts';
import * as metricsWebhookRotation from './20261129T2125_metrics_webhook_rotation.ts';
import * as sensitiveReads from './20261129T2130_sensitive_reads.ts';

/** Every migration, keyed by its timestamped name; Kysely applies them in name order. */
export const migrations: Record<string, Migration> = {
  '20261123T1800_foundation': foundation,
  '20261123T1900_forte': forte,
  '20261129T1900_olr': olr,
  '20261129T2000_pipeline': pipeline,
  '20261129T2010_promotions': promotions,
  '20261129T2020_metrics': metrics,
  '20261129T1901_audit_append_only': auditAppendOnly,
  '20261129T2030_analytics': analytics,
  '20261129T2040_growth': growth,
  '20261129T2050_calibration_counts': calibrationCounts,
  '20261129T2100_audit_details_hash': auditDetailsHash,
  '20261129T2110_session_reauthentication': sessionReauthentication,
  '20261129T2125_metrics_webhook_rotation': metricsWebhookRotation,
  '20261129T2130_sensitive_reads': sensitiveReads,
};
