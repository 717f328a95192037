// The first steps of an import: which tabs can be imported, the request the sidebar sends checked, and the mapping
// proposed for a tab with samples, what planning its first rows finds, and the new values for the Settings lists.
import { columnLetter } from '../domain/formulas';
import {
  applyMappingOverrides,
  describeTarget,
  type ImportMapping,
  importText,
  previewImport as planPreview,
  proposeMapping,
  readSourceTable,
  type SourceCell,
  type SourceTable,
  targetChoices,
  targetKey,
  targetOf,
} from '../domain/import';
import { formatIsoDate } from '../domain/normalize/dateOrder';
import { LIST_HEADERS, type SimpleListKey } from '../domain/settings';
import type { DuplicatePolicy, ImportPreviewView, ImportRequest } from '../shared/import';
import { readColumns } from '../sheets/clients';
import { isOwnTabName, listSourceTabs, readSourceGrid, sourceSheet } from '../sheets/importSource';
import { type Ctx, UserError } from './context';

const POLICIES: DuplicatePolicy[] = ['merge', 'keepApart', 'skip'];
const PROBLEMS_SHOWN = 50;

export interface CheckedRequest {
  headerRow?: number;
  overrides: Array<{ column: number; target: string }>;
  duplicates: DuplicatePolicy;
  addToLists: boolean;
}

/** A sample as the sheet shows it: a date cell in the locale's order ('12.01.2026', '01/12/2026 10:30'). */
function sampleText(sample: string, locale: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$/.exec(sample);
  return m ? [formatIsoDate(m[1], locale), m[2]].filter(Boolean).join(' ') : sample;
}

/** The sidebar's request checked field by field; a wrong one is refused with localized errors, nothing changed. */
export function checkRequest(ctx: Ctx, input: unknown): CheckedRequest {
  const out: CheckedRequest = { overrides: [], duplicates: 'merge', addToLists: false };
  if (input === undefined || input === null) return out;
  const errors: Record<string, string> = {};
  if (typeof input !== 'object' || Array.isArray(input))
    throw new UserError({ _: importText(ctx.lang, 'error.overrides') });
  const r = input as ImportRequest & Record<string, unknown>;
  if (r.headerRow !== undefined) {
    if (Number.isInteger(r.headerRow) && r.headerRow >= 0 && r.headerRow <= 1000) out.headerRow = r.headerRow;
    else errors.headerRow = importText(ctx.lang, 'error.headerRow');
  }
  if (r.overrides !== undefined) {
    const ok =
      Array.isArray(r.overrides) &&
      r.overrides.every(
        (o) =>
          o && typeof o === 'object' && Number.isInteger(o.column) && o.column >= 0 && typeof o.target === 'string',
      );
    if (ok) out.overrides = r.overrides.map((o) => ({ column: o.column, target: o.target }));
    else errors.overrides = importText(ctx.lang, 'error.overrides');
  }
  if (r.duplicates !== undefined) {
    if (POLICIES.includes(r.duplicates)) out.duplicates = r.duplicates;
    else errors.duplicates = importText(ctx.lang, 'error.duplicates');
  }
  if (r.addToLists !== undefined) {
    if (typeof r.addToLists === 'boolean') out.addToLists = r.addToLists;
    else errors.addToLists = importText(ctx.lang, 'error.overrides');
  }
  if (Object.keys(errors).length) throw new UserError({ _: Object.values(errors).join('; '), ...errors });
  return out;
}

/** The source tab by name; a missing tab or one of Kartoteka's own is refused. */
export function openSource(ctx: Ctx, name: unknown): GoogleAppsScript.Spreadsheet.Sheet {
  const text = typeof name === 'string' ? name : '';
  if (isOwnTabName(text)) throw new UserError({ _: importText(ctx.lang, 'error.ownTab', { name: text }) });
  const sheet = text ? sourceSheet(ctx.ss, text) : null;
  if (!sheet) throw new UserError({ _: importText(ctx.lang, 'error.noSheet', { name: text }) });
  return sheet;
}

/** Where the data sits and where each column goes: the proposal with the user's choices applied. */
export function mappingFor(
  ctx: Ctx,
  grid: readonly SourceCell[][],
  req: CheckedRequest,
): { table: SourceTable; mapping: ImportMapping } {
  const table = readSourceTable(grid, { headerRow: req.headerRow });
  const proposed = proposeMapping(table, ctx);
  if (!req.overrides.length) return { table, mapping: proposed };
  const applied = applyMappingOverrides(
    proposed,
    req.overrides.map((o) => ({ column: o.column, target: targetOf(o.target) })),
    ctx,
  );
  if (!applied.ok) throw new UserError({ _: applied.errors.join('; '), overrides: applied.errors.join('; ') });
  return { table, mapping: applied.mapping };
}

export function importSources(ctx: Ctx) {
  const { tabs, active } = listSourceTabs(ctx.ss);
  return {
    ok: true as const,
    sources: tabs.map((t) => ({ name: t.name, rows: t.rows, columns: t.columns })),
    active,
  };
}

/** The mapping sidebar's view of a tab: nothing is written. */
export function previewImport(ctx: Ctx, name: unknown, input: unknown) {
  const req = checkRequest(ctx, input);
  const sheet = openSource(ctx, name);
  const grid = readSourceGrid(sheet, ctx.timeZone);
  const { mapping } = mappingFor(ctx, grid, req);
  // Duplicates are judged by name, phone, email and birth date: only those columns of the cards are read.
  const keys = ['id', 'fullName', 'phone', 'email', 'birthDate'];
  const existing = readColumns(ctx.ss, keys, ctx.timeZone)
    .rows.filter((r) => r.id)
    .map((r) => ({ id: String(r.id), values: r }));
  const p = planPreview(grid, ctx, existing, { headerRow: req.headerRow, mapping });
  const lang = ctx.lang;
  const labelOf = (m: ImportMapping['columns'][number]) => describeTarget(m.target, lang, m.extraHeader ?? m.header);
  const view: ImportPreviewView = {
    sheetName: String(name),
    headerRow: p.table.headerRow,
    headerRows: p.table.headerRows,
    firstDataRow: p.table.firstDataRow,
    lastRow: p.table.lastRow,
    rows: Math.max(0, p.table.lastRow - p.table.firstDataRow + 1),
    columns: p.mapping.columns.map((m) => ({
      column: m.column,
      letter: columnLetter(m.column + 1),
      header: m.header,
      target: targetKey(m.target),
      label: labelOf(m),
      confidence: m.confidence,
      reason: m.reason,
      samples: m.samples.map((x) => sampleText(x, ctx.locale)),
    })),
    choices: targetChoices(lang, '').map((c) => ({
      target: targetKey(c.target),
      label: c.target.kind === 'extra' ? importText(lang, 'target.extraGeneric') : c.label,
    })),
    warnings: [...p.mapping.warnings],
    sample: {
      rows: p.sample.counts.rows,
      counts: p.sample.counts,
      problems: p.sample.report.slice(0, PROBLEMS_SHOWN).map((r) => ({
        row: r.sourceRow,
        column: r.column,
        value: r.value,
        problem: r.problem,
        level: r.level,
      })),
    },
    listAdditions: (Object.entries(p.sample.listAdditions) as Array<[SimpleListKey, string[]]>)
      .filter(([, values]) => values.length)
      .map(([list, values]) => ({ list: LIST_HEADERS[list]?.[lang] ?? list, values })),
    existingClients: existing.length,
  };
  if (view.rows === 0) view.warnings.push(importText(lang, 'error.empty', { name: view.sheetName }));
  return { ok: true as const, preview: view };
}
