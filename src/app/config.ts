import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../shared/errors.ts';

const booleanText = z
  .union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'yes', 'no', ''])])
  .transform((v) => v === true || v === '1' || v === 'true' || v === 'yes');

export const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default('./.highbar'),
  databaseUrl: z.string().url().optional(),
  nodeEnv: z.enum(['development', 'production', 'test']).default('development'),
  /** PGlite does not fsync like a server; production on it needs an explicit yes. */
  allowEmbeddedInProduction: booleanText.default(false),
  /** A PostgreSQL server with fsync or synchronous_commit off loses acknowledged writes; production on it needs an explicit yes. */
  allowUnsafeDurability: booleanText.default(false),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The origin browsers use when behind a proxy (https://highbar.example.com); else the Host header. */
  publicOrigin: z.string().url().optional(),
  trustProxy: booleanText.default(false),
  webDist: z.string().default(path.resolve(import.meta.dirname, '../../web/dist')),
  /** How recent a password proof pipeline, calibration and demographic routes need (docs/security.md). */
  stepUpWindowSeconds: z.coerce.number().int().min(1).max(12 * 60 * 60).default(15 * 60),
});
export type Config = z.infer<typeof configSchema>;

/** Reads configuration from the environment plus command-line overrides, validated once. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Record<keyof Config, unknown>> = {}): Config {
  const input = {
    port: env.PORT,
    host: env.HOST,
    dataDir: env.HIGHBAR_DATA,
    databaseUrl: env.DATABASE_URL || undefined,
    nodeEnv: env.NODE_ENV,
    allowEmbeddedInProduction: env.HIGHBAR_ALLOW_EMBEDDED_IN_PRODUCTION,
    allowUnsafeDurability: env.HIGHBAR_ALLOW_UNSAFE_DURABILITY,
    logLevel: env.LOG_LEVEL,
    publicOrigin: env.HIGHBAR_PUBLIC_ORIGIN || undefined,
    trustProxy: env.HIGHBAR_TRUST_PROXY,
    stepUpWindowSeconds: env.HIGHBAR_STEP_UP_WINDOW_SECONDS || undefined,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
  const parsed = configSchema.safeParse(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    throw new AppError('CONFIG_INVALID', {
      detail: `The configuration is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    });
  }
  const config = parsed.data;
  if (!config.databaseUrl && config.nodeEnv === 'production' && !config.allowEmbeddedInProduction) {
    throw new AppError('CONFIG_INVALID', {
      detail:
        'NODE_ENV=production with the embedded database is refused: PGlite does not flush to disk the way a ' +
        'PostgreSQL server does, so a crash can lose acknowledged writes. Set DATABASE_URL to a PostgreSQL ' +
        'server, or set HIGHBAR_ALLOW_EMBEDDED_IN_PRODUCTION=1 to accept the risk (see docs/operations.md).',
    });
  }
  return config;
}
