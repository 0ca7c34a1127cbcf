import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { CliIo } from '../src/cli/io.ts';
import { main } from '../src/cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `highbar ARGS` through the real entry point in this process, its streams captured as a user would see them. */
export async function runHighbar(args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => options.stdin ?? '', env: options.env ?? {} };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/**
 * A temporary folder for one test file's input files, made before its tests and removed after
 * them; `file` writes one and returns its path.
 */
export function scratchFolder(prefix: string) {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `highbar-${prefix}-`));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    get dir() {
      return dir;
    },
    file(name: string, text: string): string {
      const full = path.join(dir, name);
      fs.writeFileSync(full, text);
      return full;
    },
  };
}
