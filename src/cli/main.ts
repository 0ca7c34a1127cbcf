import { AppError } from '../shared/errors.ts';
import { EXIT, processIo, UsageError, type CliIo } from './io.ts';

type Command = (args: string[], io: CliIo) => Promise<number>;

// Each command loads only its own modules: `import people` need not load the web server.
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.command.ts')).serveCommand,
  migrate: async () => (await import('./migrate.command.ts')).migrateCommand,
  'users create': async () => (await import('./users.command.ts')).usersCreateCommand,
  'import people': async () => (await import('./import.command.ts')).importPeopleCommand,
};

const USAGE = `Usage: highbar <command> [options]

Commands:
  serve [--port N] [--data DIR] [--demo]     start the server (embedded database unless DATABASE_URL)
  migrate [--data DIR]                       apply database migrations
  users create --email E --name N --role R   create an account; password from the first line of stdin
  import people FILE.csv [--confirm] [--dry-run] [--format json]
                                             import an HRIS export of people

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
