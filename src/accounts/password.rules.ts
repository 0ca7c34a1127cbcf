import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../shared/schemas/common.ts';

// zxcvbn-ts ships a ranked list of ~50,000 passwords seen in breaches; ASVS 5.0 asks for
// at least the top 3,000 to be refused.
const COMMON_PASSWORDS = new Set<string>(dictionary.passwords as string[]);

/**
 * Reasons a password is refused (empty when acceptable). Length is counted in Unicode code
 * points, and nothing else about composition is demanded, as ASVS 5.0 section 6.2 asks.
 */
export function passwordProblems(password: string, context: { email?: string; name?: string } = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || isCommonWithSuffix(lower)) {
    problems.push('is one of the most commonly used passwords');
  }
  const localPart = context.email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lower.includes(localPart)) {
    problems.push('must not contain your email address');
  }
  const nameParts = (context.name ?? '').toLowerCase().split(/[\s.'-]+/u).filter((part) => part.length >= 4);
  if (nameParts.some((part) => lower.includes(part))) problems.push('must not contain your name');
  if (new Set(password).size === 1 && length > 0) problems.push('must not be one character repeated');
  return problems;
}

// "password1234" is as weak as "password": a common word padded with digits or punctuation.
function isCommonWithSuffix(lower: string): boolean {
  const stem = lower.replace(/[\d\W_]+$/u, '');
  return stem.length >= 4 && stem !== lower && COMMON_PASSWORDS.has(stem);
}
