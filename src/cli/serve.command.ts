import { loadConfig } from '../app/config.ts';
import { buildServer } from '../app/server.ts';
import { backgroundJobs, startJobRunner, type JobRunner } from '../app/jobs.ts';
import type { CliIo } from './io.ts';
import { parseCommandArgs } from './args.ts';
import { DATABASE_OPTIONS, openMigratedDatabase } from './database-options.ts';
import { durabilityProblems } from '../app/durability.rules.ts';
import { readDurabilitySettings } from '../app/durability.service.ts';
import { AppError } from '../shared/errors.ts';
import type { Config } from '../app/config.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** `highbar serve`: migrate, optionally seed the demo organisation, and listen. */
export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { ...DATABASE_OPTIONS, port: { type: 'string' }, host: { type: 'string' }, demo: { type: 'boolean' } });
  const config = loadConfig(io.env, { port: values.port, host: values.host, dataDir: values.data });
  const database = await openMigratedDatabase(io.env, values.data);
  if (database.target.kind === 'server') {
    const refusal = await checkDurability(database.db, config, io);
    if (refusal) {
      await database.close();
      throw refusal;
    }
  }
  let demoAccounts: { role: string; email: string }[] = [];
  let demoPassword = '';
  if (values.demo) {
    // Loaded only for --demo: the generator and its name lists are not needed otherwise.
    const { seedDemo, DEMO_PASSWORD } = await import('../people/demo.service.ts');
    demoPassword = DEMO_PASSWORD;
    const result = await seedDemo(database.db, { now: new Date() });
    if (result.status === 'refused') io.stderr(`${result.reason}\n`);
    else demoAccounts = result.accounts;
  }
  const app = await buildServer({
    db: database.db,
    logLevel: config.logLevel,
    publicOrigin: config.publicOrigin,
    trustProxy: config.trustProxy,
    webDist: config.webDist,
    poolStats: database.poolStats ?? undefined,
    stepUpWindowMs: config.stepUpWindowSeconds * 1000,
  });
  let jobs: JobRunner | null = null;
  const shutdown = async () => {
    await jobs?.stop().catch(() => undefined);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
  jobs = await startJobRunner(database, backgroundJobs(database.db), { error: (message, error) => app.log.error({ err: error }, message) });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded database in ${config.dataDir}`;
  io.stdout(`\nHighbar is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/ on the ${where}.\n`);
  if (demoAccounts.length) {
    io.stdout(`\nDemo sign-ins (password for all: ${demoPassword}):\n`);
    for (const a of demoAccounts) io.stdout(`  ${a.role.padEnd(10)} ${a.email}\n`);
  }
  io.stdout('\n');
  // Keep running until a signal arrives.
  return new Promise<number>(() => undefined);
}

/**
 * The durability contract (docs/operations.md) depends on the server's settings: warned about in
 * development, refused in production unless the operator accepts the risk.
 */
async function checkDurability(db: Kysely<DB>, config: Config, io: CliIo): Promise<AppError | null> {
  const problems = durabilityProblems(await readDurabilitySettings(db));
  if (!problems.length) return null;
  if (config.nodeEnv === 'production' && !config.allowUnsafeDurability) {
    return new AppError('CONFIG_INVALID', {
      detail:
        `The PostgreSQL server does not keep acknowledged writes: ${problems.join('; ')}. Turn the setting back on ` +
        '(ALTER SYSTEM or ALTER DATABASE ... SET), or set HIGHBAR_ALLOW_UNSAFE_DURABILITY=1 to accept the risk (see docs/operations.md).',
    });
  }
  io.stderr(`Warning: ${problems.join('; ')}. A 2xx from Highbar then does not guarantee the write survives a crash (docs/operations.md).\n`);
  return null;
}
