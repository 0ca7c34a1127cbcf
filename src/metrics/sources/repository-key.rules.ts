/**
 * One name for a repository whichever source mentions it, so a GitHub export, a webhook and a
 * local clone of the same repository meet: the host and path of its URL, without scheme, user,
 * port or `.git` (`https://github.com/Acme/Shop.git` and `git@github.com:Acme/Shop` are both
 * `github.com/Acme/Shop`); `OWNER/NAME` alone is taken as GitHub's. Anything else (a DevLake
 * repo id, a local path) is kept as it is.
 */
export function normalizeRepositoryKey(text: string): string {
  const trimmed = text.trim().replace(/\/+$/u, '');
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+)$/u.exec(trimmed);
  if (scp) return `${scp[1]!.toLowerCase()}/${stripGit(scp[2]!)}`;
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+)$/iu.exec(trimmed);
  if (url) return `${url[1]!.toLowerCase()}/${stripGit(url[2]!)}`;
  if (/^[\w.-]+\/[\w.-]+$/u.test(trimmed) && !trimmed.startsWith('.')) return `github.com/${stripGit(trimmed)}`;
  return trimmed;
}

function stripGit(path: string): string {
  return path.replace(/\.git$/u, '');
}

/** The last part of a key, as a repository's display name. */
export function repositoryName(key: string): string {
  return key.split('/').filter(Boolean).pop() ?? key;
}
