// The Import report tab as data: one row per problem or decision of an import, and the rows undo reads back to put
// merged cards as they were (their old values kept as JSON in a column of their own).
import { CLIENT_FIELDS, type FieldDef, type FieldType } from '../fields';
import type { RecordsTabSpec } from '../tabs';
import { importText } from './messages';
import type { CellValue, ExtraValue, ImportPlan, ReportRow } from './types';
import type { ImportUndoChunk } from './undo';

const field = (key: string, type: FieldType, header: Record<'ru' | 'en', string>, width: number): FieldDef => ({
  key,
  type,
  header,
  group: 'system',
  width,
  ...(key === 'importId' ? { required: true } : {}),
});

const both = (key: Parameters<typeof importText>[1]) => ({ ru: importText('ru', key), en: importText('en', key) });

/** Every import's problems and decisions, newest import last; people read it, undo reads its `undo` cells. */
export const IMPORT_REPORT_TAB: RecordsTabSpec = {
  kind: 'records',
  key: 'importReport',
  name: { ru: 'Отчёт импорта', en: 'Import report' },
  protect: 'history',
  fields: [
    field('importId', 'text', both('report.importId'), 170),
    field('row', 'count', both('report.row'), 60),
    field('column', 'text', both('report.column'), 180),
    field('value', 'text', both('report.value'), 200),
    field('problem', 'longtext', both('report.problem'), 420),
    field('clientId', 'text', both('report.client'), 90),
    field('undo', 'longtext', both('report.undo'), 120),
  ],
};

/** A report row as the tab's record. */
export function reportRecord(importId: string, r: ReportRow): Record<string, string | number> {
  return {
    importId,
    row: r.sourceRow,
    column: r.column,
    value: r.value,
    problem: r.problem,
    clientId: r.clientId ?? '',
    undo: '',
  };
}

const HEADER = new Map(CLIENT_FIELDS.map((f) => [f.key, f.header]));

/** What one merge changed, as its report row keeps it for undo. */
interface MergeUndo {
  before: Record<string, CellValue>;
  after: Record<string, CellValue>;
  extraBefore: Record<string, ExtraValue>;
  extraAfter: Record<string, ExtraValue>;
}

/**
 * The records a chunk adds to the report: its problems and decisions, then one row per card it filled in, naming
 * the fields and keeping what they held before (undo puts it back from there).
 */
export function reportRecords(plan: ImportPlan, lang: 'ru' | 'en'): Array<Record<string, string | number>> {
  const rows = plan.report.map((r) => reportRecord(plan.importId, r));
  for (const m of plan.merges) {
    const fields = [...Object.keys(m.patch).map((k) => HEADER.get(k)?.[lang] ?? k), ...Object.keys(m.extraPatch)];
    if (!fields.length) continue;
    const undo: MergeUndo = { before: m.before, after: m.patch, extraBefore: m.extraBefore, extraAfter: m.extraPatch };
    rows.push({
      importId: plan.importId,
      row: m.sourceRows[0] ?? 0,
      column: '',
      value: '',
      problem: importText(lang, 'report.filled', { id: m.targetId, fields: fields.join(', ') }),
      clientId: m.targetId,
      undo: JSON.stringify(undo),
    });
  }
  return rows;
}

/**
 * The merges of an import's report rows, for planUndo (rows without undo data are the problems and decisions);
 * `broken` names the cards whose undo cell no longer reads (edited by hand): they are not restored.
 */
export function mergesFromReport(
  rows: ReadonlyArray<Record<string, unknown>>,
  importId: string,
): { merges: ImportUndoChunk['merges']; broken: string[] } {
  const out: ImportUndoChunk['merges'] = [];
  const broken: string[] = [];
  for (const r of rows) {
    if (String(r.importId ?? '') !== importId || !r.undo) continue;
    try {
      const u = JSON.parse(String(r.undo)) as MergeUndo;
      out.push({
        id: String(r.clientId ?? ''),
        before: u.before ?? {},
        after: u.after ?? {},
        extraBefore: u.extraBefore ?? {},
        extraAfter: u.extraAfter ?? {},
      });
    } catch (_e) {
      broken.push(String(r.clientId ?? ''));
    }
  }
  return { merges: out, broken };
}
