/**
 * Whether a PostgreSQL server's settings keep the durability contract (docs/operations.md): a
 * 2xx for a write means its commit is on disk. `fsync = off` lets the server skip flushing
 * altogether; `synchronous_commit = off` acknowledges a commit before its log is flushed. The
 * other values of synchronous_commit (`local`, `on`, `remote_write`, `remote_apply`) all wait
 * for the local flush at least.
 */
export interface DurabilitySettings {
  fsync: string;
  synchronousCommit: string;
}

/** The settings that break the contract, each with why; empty when it holds. */
export function durabilityProblems(settings: DurabilitySettings): string[] {
  const problems: string[] = [];
  if (settings.fsync !== 'on') problems.push(`fsync is ${settings.fsync}: the server does not flush its log to disk, so a machine crash can lose or corrupt committed data`);
  if (settings.synchronousCommit === 'off') problems.push('synchronous_commit is off: a commit is acknowledged before its log is on disk, so a server crash loses the last acknowledged writes');
  return problems;
}
