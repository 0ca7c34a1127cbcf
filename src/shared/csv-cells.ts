// A cell that starts with one of these is read by spreadsheet programs as a formula (OWASP's
// "CSV injection" list, ASVS 5.0 V1.2.10): `=`, `+`, `-` and `@`, and tab, carriage return and
// NUL, which some of them skip before looking for one.
const FORMULA_START = /^[=+\-@\t\r\0]/u;

/** The text a spreadsheet shows as text: a leading quote disarms a formula start. */
export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One RFC 4180 cell, always quoted, safe to open in a spreadsheet; null is an empty cell. */
export function csvCell(value: string | number | null): string {
  const text = value === null ? '' : typeof value === 'number' ? String(value) : spreadsheetSafe(value);
  return `"${text.replaceAll('"', '""')}"`;
}
