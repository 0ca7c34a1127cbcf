import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningServer {
  url: string;
  demoPassword: string;
  /** Demo sign-ins by role, as `highbar serve --demo` prints them. */
  accounts: Record<string, string>;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Starts `highbar serve --demo` as a real process on a fresh embedded data folder and a free
 * port, exactly as the README's first command does (after its web build).
 */
export async function startDemoServer(): Promise<RunningServer> {
  if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) {
    throw new Error('web/dist is missing: build the web app first (npm test does: npm run build:web)');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ['bin/highbar.js', 'serve', '--demo', '--data', dataDir, '--port', '0'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 120_000);
    const check = () => {
      if (/Demo sign-ins[\s\S]*employee\s+\S+@/u.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });

  const url = /running at (http:\/\/\S+?)\/? on/u.exec(output)?.[1];
  const demoPassword = /password for all: (\S+)\)/u.exec(output)?.[1];
  if (!url || !demoPassword) throw new Error(`could not read the URL and demo password from:\n${output}`);
  const accounts = Object.fromEntries([...output.matchAll(/^ {2}(\S+)\s+(\S+@\S+)$/gmu)].map((m) => [m[1]!, m[2]!]));
  return {
    url,
    demoPassword,
    accounts,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
