import type { ImportSummary } from '../../../src/shared/schemas/people.ts';
import { apiRequest } from './client.ts';

export type { ImportSummary };

/** Header values must be ASCII; the server keeps only these characters anyway. */
function safeFileName(name: string): string {
  return name.replace(/[^\w.\- ]/gu, '_').slice(0, 100) || 'upload.csv';
}

/**
 * Sends an HRIS export as the raw request body. `dryRun` checks it and reports what would
 * change; `confirm` accepts a large change the server would otherwise stop (409).
 */
export function importPeopleCsv(file: File, options: { dryRun: boolean; confirm: boolean }): Promise<ImportSummary> {
  return apiRequest<ImportSummary>('POST', '/api/imports/people', {
    query: { dryRun: String(options.dryRun), confirm: String(options.confirm) },
    body: file,
    headers: { 'content-type': 'text/csv', 'x-file-name': safeFileName(file.name) },
  });
}
