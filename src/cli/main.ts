import { AppError } from '../shared/errors.ts';
import { EXIT, processIo, UsageError, type CliIo } from './io.ts';

type Command = (args: string[], io: CliIo) => Promise<number>;

// Each command loads only its own modules: `import people` need not load the web server.
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.command.ts')).serveCommand,
  migrate: async () => (await import('./migrate.command.ts')).migrateCommand,
  'users create': async () => (await import('./users.command.ts')).usersCreateCommand,
  'import people': async () => (await import('./import.command.ts')).importPeopleCommand,
  'dora derive': async () => (await import('./dora.command.ts')).doraDeriveCommand,
  dora: async () => (await import('./dora.command.ts')).doraCommand,
  ...Object.fromEntries(
    (['git', 'devlake', 'github', 'pagerduty', 'amazon-q', 'copilot', 'sli', 'teams', 'operations', 'github-alerts', 'oncall-shifts', 'oncall-pages'] as const).map((source) => [`ingest ${source}`, async () => (await import('./ingest.command.ts')).INGEST_COMMANDS[source]]),
  ),
  'webhook-secret': async () => (await import('./ingest.command.ts')).webhookSecretCommand,
  'identities import': async () => (await import('./identities.command.ts')).identitiesImportCommand,
  'identities list': async () => (await import('./identities.command.ts')).identitiesListCommand,
  'audit bias': async () => (await import('./analytics.command.ts')).auditBiasCommand,
  'audit managers': async () => (await import('./analytics.command.ts')).auditManagersCommand,
  simulate: async () => (await import('./analytics.command.ts')).simulateCommand,
  calibrate: async () => (await import('./calibrate.command.ts')).calibrateCommand,
  'audit head': async () => (await import('./audit.command.ts')).auditHeadCommand,
  'audit verify': async () => (await import('./audit.command.ts')).auditVerifyCommand,
  backup: async () => (await import('./backup.command.ts')).backupCommand,
  restore: async () => (await import('./backup.command.ts')).restoreCommand,
  'privacy retention': async () => (await import('./privacy.command.ts')).privacyRetentionCommand,
  'privacy erase': async () => (await import('./privacy.command.ts')).privacyEraseCommand,
  'privacy export': async () => (await import('./privacy.command.ts')).privacyExportCommand,
};

const USAGE = `Usage: highbar <command> [options]

Commands:
  serve [--port N] [--data DIR] [--demo]     start the server (embedded database unless DATABASE_URL)
  migrate [--data DIR]                       apply database migrations
  users create --email E --name N --role R   create an account; password from the first line of stdin
  import people FILE.csv [--confirm] [--dry-run] [--format json]
                                             import an HRIS export of people
  dora --input DIR --project NAME --from YYYY-MM-DD --to YYYY-MM-DD [--report 2021|2023] [--format json]
  dora --git REPO --release-tags GLOB --from YYYY-MM-DD --to YYYY-MM-DD [--report 2021|2023] [--format json]
                                             the four DORA keys from DevLake CSV tables or a git repository
  dora derive --input DIR --project NAME --table T [--format csv|json]
                                             one derived DevLake table (see docs/metrics.md)
  ingest git PATH --service NAME [--release-tags GLOB] | devlake DIR | github DIR --service NAME --repository O/R
  ingest pagerduty F.json | amazon-q F.csv | copilot F.json | sli F.csv [--slos F.json] | teams F.csv
  ingest operations F.csv | github-alerts F.json --service NAME | oncall-shifts F.csv|F.json | oncall-pages F.csv|F.json
                                             store engineering events (docs/metrics.md); all or nothing, re-runnable
  webhook-secret --source NAME [--grace-hours H]
                                             a new secret for signed webhooks (the old one works H more hours, default 24)
  identities import FILE.csv | identities list [--unmapped]
                                             map git, GitHub, Amazon Q and PagerDuty identities to people
  audit bias --input F --outcome C --favourable V --group C [--reference V] [--control C ...] [--min-group N]
                                             bias audit of an outcome by group, raw and within controls
  audit managers --input F --outcome C --favourable V --manager C
                                             each manager's share, shrunk towards the organisation
  simulate --people N --team-size K --team-sd S --noise-sd E --policy forced|rubric [--le-share X] --runs R --seed I
                                             Monte Carlo of a labelling policy
  calibrate --input ROSTER.csv --policy amazon|humane|FILE.json [--group-by COL] [--format json]
                                             OV per person and the distribution against the policy's targets (no database)
  audit head [--format json]                 print the audit chain head (entries, hash) to keep outside the database
  audit verify [--head HASH] [--format json] recompute the audit chain; exit 1 naming the first bad entry
  backup FILE [--format json]                write a consistent backup of the whole database to FILE
  restore FILE [--replace] [--format json]   restore a backup into an empty database (--replace: into any)
  privacy retention [--dry-run] [--format json]
                                             delete what is past the policy's retention periods (--dry-run: only list it)
  privacy erase --person ID --confirm [--format json]
                                             erase a leaver's personal data (docs/operations.md, Erasure)
  privacy export --person ID [--out FILE]    everything held about a person, as they may read it (JSON)

Every database command takes --data DIR (default ./.highbar) and honours DATABASE_URL.
`;

/** Runs one command and returns its exit code; errors never escape as stack traces. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    io.stdout(USAGE);
    return argv.length === 0 ? EXIT.badInput : EXIT.ok;
  }
  const two = argv.slice(0, 2).join(' ');
  const name = COMMANDS[two] ? two : argv[0]!;
  const loadCommand = COMMANDS[name];
  if (!loadCommand) {
    io.stderr(`Unknown command "${argv.slice(0, 2).join(' ')}". Run highbar --help for the list.\n`);
    return EXIT.badInput;
  }
  try {
    const command = await loadCommand();
    return await command(argv.slice(name.split(' ').length), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n`);
      return EXIT.badInput;
    }
    if (error instanceof AppError) {
      io.stderr(`${error.detail}\n`);
      return error.status < 500 || error.code === 'DATA_DIR_LOCKED' || error.code === 'CONFIG_INVALID' ? EXIT.badInput : EXIT.checkFailed;
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${error.message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}
