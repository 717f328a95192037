// The scoreboard as Markdown: budgets of every section first, then each section's tables.
import type { BenchBudget, BenchSection, BenchTable } from '../types';

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function cell(v: string | number): string {
  const text = typeof v === 'number' ? (Number.isFinite(v) ? number.format(v) : '—') : v;
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderTable(t: BenchTable): string {
  const lines = [`### ${t.title}`, ''];
  lines.push(`| ${t.columns.map(cell).join(' | ')} |`);
  lines.push(`| ${t.columns.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const row of t.rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  let previous = '';
  for (const note of t.notes ?? []) {
    // Consecutive list items stay one list.
    if (!(note.startsWith('- ') && previous.startsWith('- '))) lines.push('');
    lines.push(note);
    previous = note;
  }
  return lines.join('\n');
}

export function renderBudget(b: BenchBudget): string {
  return `- ${b.met ? '**met**' : '**NOT met**'} — ${b.label}: ${b.detail}`;
}

/** What a section produced, or why it did not. */
export type SectionOutcome =
  | { name: string; ok: true; section: BenchSection; seconds: number; peakRssMb: number }
  | { name: string; ok: false; error: string; seconds: number };

export function renderScoreboard(header: string[], outcomes: SectionOutcome[]): string {
  const out = ['# Kartoteka benchmarks', '', ...header, '', '## Budgets', ''];
  for (const o of outcomes) {
    if (!o.ok) out.push(`- **section failed** — ${o.name}: see below`);
    else for (const b of o.section.budgets) out.push(renderBudget(b));
  }
  for (const o of outcomes) {
    out.push('');
    if (!o.ok) {
      out.push(`## ${o.name} — FAILED`, '', `After ${o.seconds.toFixed(0)} s:`, '', '```', o.error.trim(), '```');
      continue;
    }
    out.push(`## ${o.section.title}`, '');
    out.push(`_tests/bench/sections/${o.name}.ts — ${o.seconds.toFixed(0)} s, peak RSS ${o.peakRssMb.toFixed(0)} MB_`);
    for (const t of o.section.tables) out.push('', renderTable(t));
    if (o.section.budgets.length) out.push('', ...o.section.budgets.map(renderBudget));
  }
  return `${out.join('\n')}\n`;
}
