import { z } from 'zod';

/** A retention period in days, or null to keep the data for as long as the installation runs. */
const days = z.number().int().min(1).max(36_500).nullable();

/**
 * How long Highbar keeps data that has served its purpose (`privacy` in policySchema, optional so
 * that versions stored before it existed still load: they read as DEFAULT_PRIVACY_POLICY). The
 * daily `privacy-retention` job deletes what is past these periods (src/privacy/retention.*).
 */
export const privacyPolicySchema = z
  .object({
    retention: z
      .object({
        /** Sessions, counted from when they expired or were signed out. */
        sessionsDays: days,
        /** Sign-in attempts (the throttle's evidence), counted from the attempt. */
        signInAttemptsDays: days,
        /** Notifications, counted from when they were created. */
        notificationsDays: days,
        /**
         * Feedback about a person who left (log notes, self reviews, manager reviews, peer feedback
         * they received, check-ins and skip-level notes), counted from their exit date. Ratings,
         * pipeline records and pay stay: other laws set how long those are kept.
         */
        leaverFeedbackDays: days,
        /** Uploaded people-analytics datasets, counted from the upload. */
        analyticsDatasetsDays: days,
        /** Engineering metrics events (commits, pull requests, deployments, incidents, pages...), counted from when they happened. */
        metricsEventsDays: days,
        /**
         * The sensitive-read log (who read calibration and demographic records), counted from the
         * read. Optional: versions stored before it existed keep the log.
         */
        sensitiveReadsDays: days.optional(),
      })
      .strict(),
  })
  .strict();
export type PrivacyPolicy = z.infer<typeof privacyPolicySchema>;
export type RetentionPolicy = PrivacyPolicy['retention'];

/** Amazon's preset: long enough for a promotion case or a dispute to look back a few cycles. */
export const AMAZON_PRIVACY: PrivacyPolicy = {
  retention: { sessionsDays: 30, signInAttemptsDays: 90, notificationsDays: 365, leaverFeedbackDays: 1095, analyticsDatasetsDays: 365, metricsEventsDays: 730, sensitiveReadsDays: 1095 },
};

/** The humane preset keeps less, for less long: data minimisation is the default. */
export const HUMANE_PRIVACY: PrivacyPolicy = {
  retention: { sessionsDays: 7, signInAttemptsDays: 30, notificationsDays: 90, leaverFeedbackDays: 365, analyticsDatasetsDays: 90, metricsEventsDays: 400, sensitiveReadsDays: 730 },
};

/** What a policy version without a privacy section reads as: nothing is deleted until an organisation decides. */
export const DEFAULT_PRIVACY_POLICY: PrivacyPolicy = {
  retention: { sessionsDays: null, signInAttemptsDays: null, notificationsDays: null, leaverFeedbackDays: null, analyticsDatasetsDays: null, metricsEventsDays: null, sensitiveReadsDays: null },
};
