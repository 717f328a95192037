// What people read about an import: the Import report tab's rows, the closing summary, and the preview.
import type { Lang } from '../../i18n';
import { proposeMapping, readSourceTable } from './mapping';
import { importText } from './messages';
import { planImport } from './plan';
import type {
  ExistingCard,
  ImportCounts,
  ImportEnv,
  ImportMapping,
  ImportPlan,
  ReportRow,
  SourceCell,
  SourceTable,
} from './types';

/** The Import report tab's header row. */
export function reportHeaders(lang: Lang): string[] {
  return (
    ['report.importId', 'report.row', 'report.column', 'report.value', 'report.problem', 'report.client'] as const
  ).map((k) => importText(lang, k));
}

/** One report row as the tab's cells, in the order of reportHeaders. */
export function reportCells(importId: string, r: ReportRow): Array<string | number> {
  return [importId, r.sourceRow, r.column, r.value, r.problem, r.clientId ?? ''];
}

/** The closing line of an import (or of every chunk so far). */
export function importSummary(lang: Lang, importId: string, c: ImportCounts): string {
  const parts = [
    importText(lang, 'summary.done', {
      importId,
      rows: c.rows - c.emptyRows,
      newClients: c.newClients,
      merged: c.mergedIntoExisting,
      journalEntries: c.journalEntries,
    }),
  ];
  if (c.skipped) parts.push(importText(lang, 'summary.skipped', { skipped: c.skipped }));
  if (c.unreadable) parts.push(importText(lang, 'summary.unreadable', { unreadable: c.unreadable }));
  return parts.join('; ');
}

/** How many rows a preview plans to show what the import would find. */
export const PREVIEW_ROWS = 200;

export interface ImportPreview {
  table: Pick<SourceTable, 'headerRow' | 'headerRows' | 'firstDataRow'> & { lastRow: number };
  mapping: ImportMapping;
  /** What the first PREVIEW_ROWS rows would give: counts, report (unreadable values, duplicates), new list values. */
  sample: { counts: ImportCounts; report: ReportRow[]; listAdditions: ImportPlan['listAdditions'] };
}

/**
 * The mapping sidebar's first look at a source tab: where the header is, what each column maps to (with samples),
 * and what planning the first rows finds. Nothing is written. `mapping` replaces the proposal (after the user's
 * overrides) so the preview can be refreshed as columns are changed.
 */
export function previewImport(
  grid: readonly SourceCell[][],
  env: ImportEnv,
  existing: readonly ExistingCard[],
  opts: { headerRow?: number; mapping?: ImportMapping } = {},
): ImportPreview {
  const table = readSourceTable(grid, { headerRow: opts.headerRow });
  const mapping = opts.mapping ?? proposeMapping(table, env);
  const plan = planImport({
    importId: '',
    table,
    mapping,
    existing,
    options: { duplicates: 'merge' },
    env,
    by: '',
    now: `${env.today}T00:00`,
    maxRows: PREVIEW_ROWS,
  });
  return {
    table: {
      headerRow: table.headerRow,
      headerRows: table.headerRows,
      firstDataRow: table.firstDataRow,
      lastRow: table.firstDataRow + table.rows.length - 1,
    },
    mapping,
    sample: { counts: plan.counts, report: plan.report, listAdditions: plan.listAdditions },
  };
}
