import { z } from 'zod';
import type { AiUsageRow } from './events.ts';
import { formatProblem, missingColumns, readCsvRecords, type SourceProblem } from './source-problems.ts';
import { parseJsonText, validateJson } from './json-source.ts';

/**
 * Amazon Q Developer's user activity report: one CSV row per user per day, `UserId`, `Date` and a
 * column per metric (`Chat_AICodeLines`, `Inline_SuggestionsCount`, `Inline_AcceptanceCount`,
 * `CodeFix_*`, `Dev_*`, ...). Every metric column is kept in `details`; the headline figures are
 * inline suggestions and acceptances, chat messages sent, and AI code lines: the accepted lines
 * of chat, inline, inline chat, /review fixes, /dev and /test.
 */
const AI_LINE_COLUMNS = ['chat_aicodelines', 'inline_aicodelines', 'inlinechat_acceptedlineadditions', 'codefix_acceptedlines', 'dev_acceptedlines', 'testgeneration_acceptedlines'];

export function parseAmazonQCsv(bytes: Uint8Array, file: string): { value: AiUsageRow[] } | { problems: string[] } {
  const read = readCsvRecords(bytes);
  if ('problems' in read) return { problems: read.problems.map((p) => formatProblem(file, p)) };
  const problems: SourceProblem[] = missingColumns(read.header, ['userid', 'date'], 'an Amazon Q user activity report');
  if (problems.length) return { problems: problems.map((p) => formatProblem(file, p)) };
  const metricColumns = read.header.filter((h) => h !== 'userid' && h !== 'date');
  const rows: AiUsageRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of read.records) {
    const user = cells.get('userid')!;
    if (!user) problems.push({ line, column: 'UserId', reason: 'is empty' });
    const day = reportDay(cells.get('date')!);
    if (!day) problems.push({ line, column: 'Date', reason: `${JSON.stringify(cells.get('date'))} is not a date (YYYY-MM-DD or MM-DD-YYYY)` });
    const details: Record<string, number> = {};
    for (const column of metricColumns) {
      const text = cells.get(column)!;
      if (text === '') continue;
      const value = Number(text);
      if (!Number.isFinite(value) || value < 0) problems.push({ line, column, reason: `${JSON.stringify(text)} is not a count` });
      else details[column] = value;
    }
    const key = `${user}|${day}`;
    if (seen.has(key)) problems.push({ line, column: 'UserId', reason: `${user} on ${day} repeats line ${seen.get(key)}` });
    seen.set(key, line);
    if (!user || !day) continue;
    rows.push({
      source: 'amazon-q',
      day,
      userKey: user,
      activeUsers: 1,
      suggestions: details.inline_suggestionscount ?? 0,
      acceptances: details.inline_acceptancecount ?? 0,
      aiCodeLines: AI_LINE_COLUMNS.reduce((sum, c) => sum + (details[c] ?? 0), 0),
      chatMessages: details.chat_messagessent ?? 0,
      details,
    });
  }
  return problems.length ? { problems: problems.map((p) => formatProblem(file, p)) } : { value: rows };
}

/** `YYYY-MM-DD` or the report's `MM-DD-YYYY`, as `YYYY-MM-DD`; null otherwise. */
export function reportDay(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  const us = /^(\d{2})-(\d{2})-(\d{4})$/u.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : [];
  if (!year) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const out = date.toISOString().slice(0, 10);
  return out === `${year}-${month}-${day}` ? out : null;
}

const count = z.number().int().nonnegative();
const languages = z.array(
  z.object({ total_code_suggestions: count.optional(), total_code_acceptances: count.optional(), total_code_lines_accepted: count.optional() }).loose(),
);
const copilotDay = z
  .object({
    date: z.string().refine((d) => /^\d{4}-\d{2}-\d{2}$/u.test(d) && reportDay(d) === d, 'is not a date (YYYY-MM-DD)'),
    total_active_users: count.optional(),
    total_engaged_users: count.optional(),
    copilot_ide_code_completions: z
      .object({ editors: z.array(z.object({ models: z.array(z.object({ languages: languages.optional() }).loose()).optional() }).loose()).optional() })
      .loose()
      .nullish(),
    copilot_ide_chat: z.object({ editors: z.array(z.object({ models: z.array(z.object({ total_chats: count.optional() }).loose()).optional() }).loose()).optional() }).loose().nullish(),
    copilot_dotcom_chat: z.object({ models: z.array(z.object({ total_chats: count.optional() }).loose()).optional() }).loose().nullish(),
  })
  .loose();

/**
 * GitHub Copilot's metrics API (GET /orgs/{org}/copilot/metrics): one object per day for the
 * whole organisation (no per-user data), so each day is one organisation-level row.
 */
export function parseCopilotMetrics(text: string, file: string): { value: AiUsageRow[] } | { problems: string[] } {
  const json = parseJsonText(text);
  const valid = 'value' in json ? validateJson(text, json.value, z.array(copilotDay)) : json;
  if ('problems' in valid) return { problems: valid.problems.map((p) => formatProblem(file, p)) };
  return {
    value: valid.value.map((d) => {
      const completions = (d.copilot_ide_code_completions?.editors ?? []).flatMap((e) => e.models ?? []).flatMap((m) => m.languages ?? []);
      const sum = (pick: (l: z.infer<typeof languages>[number]) => number | undefined) => completions.reduce((s, l) => s + (pick(l) ?? 0), 0);
      const chats =
        (d.copilot_ide_chat?.editors ?? []).flatMap((e) => e.models ?? []).reduce((s, m) => s + (m.total_chats ?? 0), 0) +
        (d.copilot_dotcom_chat?.models ?? []).reduce((s, m) => s + (m.total_chats ?? 0), 0);
      const details = {
        total_active_users: d.total_active_users ?? 0,
        total_engaged_users: d.total_engaged_users ?? 0,
        total_code_suggestions: sum((l) => l.total_code_suggestions),
        total_code_acceptances: sum((l) => l.total_code_acceptances),
        total_code_lines_accepted: sum((l) => l.total_code_lines_accepted),
        total_chats: chats,
      };
      return {
        source: 'copilot' as const,
        day: d.date,
        userKey: '',
        activeUsers: details.total_active_users,
        suggestions: details.total_code_suggestions,
        acceptances: details.total_code_acceptances,
        aiCodeLines: details.total_code_lines_accepted,
        chatMessages: chats,
        details,
      };
    }),
  };
}
