import type { z } from 'zod';
import type { budgetSchema, compensationChangeBodySchema, statementSchema } from '../../../src/shared/schemas/compensation.ts';
import { apiRequest } from './client.ts';

export type Statement = z.infer<typeof statementSchema>;
export type StatementYear = Statement['years'][number];
export type Budget = z.infer<typeof budgetSchema>;
export type CompensationChangeBody = z.input<typeof compensationChangeBodySchema>;

/** A person's pay for the next four years; `sharePriceCents` values equity at another price. */
export function getStatement(personId: number, query: { sharePriceCents?: number } = {}, signal?: AbortSignal): Promise<Statement> {
  return apiRequest<Statement>('GET', `/api/people/${personId}/compensation`, { query, signal });
}

export function recordChange(personId: number, body: CompensationChangeBody): Promise<{ id: number; summary: string }> {
  return apiRequest<{ id: number; summary: string }>('POST', `/api/people/${personId}/compensation/changes`, { json: body });
}

export function getBudget(rootPersonId: number, sharePriceCents?: number, signal?: AbortSignal): Promise<Budget> {
  return apiRequest<Budget>('GET', '/api/compensation/budget', { query: { rootPersonId, sharePriceCents }, signal });
}

/** Cents as money for people, exactly (no floating point): 15000000 → "$150,000.00". */
export function formatCents(cents: number, currency = 'USD'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
  return `${sign}${currency === 'USD' ? '$' : `${currency} `}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** "1234.56" typed by a person → 123456 cents, or null when it is not an amount. */
export function parseCents(text: string): number | null {
  const match = /^\s*\$?\s*(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?\s*$/u.exec(text);
  if (!match) return null;
  return Number(match[1]!.replaceAll(',', '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
