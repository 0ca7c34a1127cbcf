import type { OlrPolicy } from './olr.schema.ts';

/**
 * A policy's OV matrix as the Markdown table docs/calibration.md shows, highest performance
 * first. The docs test compares against this, so the published matrix cannot drift from the
 * preset; the humane preset's "published matrix" can be rendered the same way for employees.
 */
export function matrixTable(olr: OlrPolicy): string {
  const potential = olr.scales.potential.levels;
  const rows = [...olr.scales.performance.levels].reverse().map((p) => {
    const cells = potential.map((q) => olr.ovMatrix[String(p.value)]?.[String(q.value)] ?? '?');
    return `| ${p.value} ${p.label} (${olr.forteSummary[String(p.value)]}) | ${cells.join(' | ')} |`;
  });
  return [`| performance (Forte summary) | ${potential.map((q) => `${q.value} ${q.label}`).join(' | ')} |`, `|---|${potential.map(() => '---|').join('')}`, ...rows].join('\n');
}
