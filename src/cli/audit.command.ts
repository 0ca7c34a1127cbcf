import { readAuditHead, verifyAuditChain } from '../audit/audit-chain.service.ts';
import { isChainHash } from '../audit/audit-chain.rules.ts';
import { EXIT, UsageError, type CliIo } from './io.ts';
import { parseCommandArgs } from './args.ts';
import { DATABASE_OPTIONS, openMigratedDatabase } from './database-options.ts';

const FORMAT_OPTION = { format: { type: 'string' } } as const;

function jsonFormat(format: string | undefined): boolean {
  if (format !== undefined && format !== 'json') throw new UsageError(`--format takes json (human output is the default), not "${format}".`);
  return format === 'json';
}

/** `highbar audit head`: the chain head to keep outside the database. */
export async function auditHeadCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { ...DATABASE_OPTIONS, ...FORMAT_OPTION });
  const json = jsonFormat(values.format);
  const database = await openMigratedDatabase(io.env, values.data);
  try {
    const head = await readAuditHead(database.db);
    if (json) {
      io.stdout(`${JSON.stringify({ entries: head.entries, seq: head.seq, at: head.at?.toISOString() ?? null, hash: head.hash })}\n`);
    } else {
      const newest = head.seq === null ? 'no entries yet' : `newest entry ${head.seq} at ${head.at!.toISOString()}`;
      io.stdout(
        `Audit chain head: ${head.entries} entries, ${newest}.\nhash ${head.hash}\n` +
          `Keep the hash outside the database; \`highbar audit verify --head ${head.hash}\` proves the chain still holds it.\n`,
      );
    }
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

/** `highbar audit verify [--head HASH]`: exit 0 when intact, 1 naming the first bad entry. */
export async function auditVerifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { ...DATABASE_OPTIONS, ...FORMAT_OPTION, head: { type: 'string' } });
  const json = jsonFormat(values.format);
  const expectedHead = values.head?.trim().toLowerCase() ?? null;
  if (expectedHead !== null && !isChainHash(expectedHead)) {
    throw new UsageError(`--head takes the 64-character hash that \`highbar audit head\` prints, not "${values.head}".`);
  }
  const database = await openMigratedDatabase(io.env, values.data);
  try {
    const check = await verifyAuditChain(database.db, { expectedHead });
    if (json) {
      io.stdout(`${JSON.stringify({ ok: check.problem === null, entries: check.entries, head: check.last, expectedHead, problem: check.problem })}\n`);
    } else if (check.problem) {
      const where = check.problem.seq === null ? 'The audit chain does not hold the kept head' : `The audit chain is broken at entry ${check.problem.seq}`;
      const verified = check.problem.seq === null ? `All ${check.entries} entries are intact otherwise.` : `The ${check.entries} entries before it verified.`;
      io.stdout(`${where}: ${check.problem.message}.\n${verified}\n`);
    } else {
      const head = check.last ? `head ${check.last.seq} ${check.last.hash}` : 'no entries yet';
      io.stdout(`The audit chain is intact: ${check.entries} entries, ${head}.${expectedHead ? ' It holds the kept head.' : ''}\n`);
    }
    return check.problem ? EXIT.checkFailed : EXIT.ok;
  } finally {
    await database.close();
  }
}
