import fs from 'node:fs';
import { UsageError } from './io.ts';

/**
 * Option checks shared by the analytics commands. Each collects every problem before failing, so
 * one run names all that is wrong with the command line, and the command exits 2 with them.
 */
export class OptionProblems {
  readonly messages: string[] = [];

  add(message: string): void {
    this.messages.push(message);
  }

  required(value: string | undefined, flag: string): string {
    if (value === undefined || value.trim() === '') this.add(`${flag} is required.`);
    return value?.trim() ?? '';
  }

  integer(value: string | undefined, flag: string, min: number, max: number): number {
    if (value === undefined) return Number.NaN;
    const n = /^[-+]?\d+$/u.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      this.add(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}.`);
    }
    return n;
  }

  /** A decimal number strictly or inclusively within a range, as the message says. */
  number(value: string | undefined, flag: string, check: (n: number) => boolean, range: string): number {
    if (value === undefined) return Number.NaN;
    const n = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/u.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isFinite(n) || !check(n)) this.add(`${flag} must be a number ${range}, got ${JSON.stringify(value)}.`);
    return n;
  }

  format(value: string | undefined): 'json' | 'text' {
    if (value !== undefined && value !== 'json' && value !== 'text') this.add(`--format must be json or text, got ${JSON.stringify(value)}.`);
    return value === 'json' ? 'json' : 'text';
  }

  /** Throws the collected problems as one usage error (exit 2), with the command's usage line. */
  throwIfAny(usage: string): void {
    if (this.messages.length) throw new UsageError(`${this.messages.join('\n')}\nUsage: ${usage}`);
  }
}

/** Values of a repeatable flag, each of which may also list values separated by commas. */
export function listOption(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

export function readInputFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}
