// What an edit event touched, read from the event's range: the Settings tab, the header row, or rows of Clients
// (and whether their stage, name or phone cells).
import { CLIENTS_TAB, fieldTabs, SETTINGS_TAB } from '../domain/tabs';
import { forgetRowCount } from './clients';
import { cachedLayout, forgetLayout, relocate } from './layout';
import type { RecordsTab } from './records';
import { findTabOf } from './tabs';

export type EditScope =
  | { kind: 'settings' }
  | {
      kind: 'clients';
      tab: RecordsTab;
      firstRow: number;
      lastRow: number;
      stage: boolean;
      name: boolean;
      phone: boolean;
    }
  | { kind: 'header' }
  | { kind: 'other' };

/** Where a person's edit landed, for the installable onEdit trigger. */
export function editScope(range: GoogleAppsScript.Spreadsheet.Range): EditScope {
  const sheet = range.getSheet();
  const ss = sheet.getParent();
  const settings = findTabOf(ss, SETTINGS_TAB);
  if (settings && settings.getSheetId() === sheet.getSheetId()) return { kind: 'settings' };
  const header = range.getRow() === 1;
  if (header) forgetLayouts();
  // Layouts are forgotten after structural changes and header edits; the next edit reads the layout again.
  const layout = cachedLayout(CLIENTS_TAB.key) ?? relocate(ss, CLIENTS_TAB)?.layout;
  if (!layout || layout.sheetName !== sheet.getName()) return header ? { kind: 'header' } : { kind: 'other' };
  const firstCol = range.getColumn();
  const lastCol = firstCol + range.getNumColumns() - 1;
  const firstRow = Math.max(range.getRow(), 2);
  const lastRow = range.getRow() + range.getNumRows() - 1;
  const touches = (key: string) => layout.columns[key] >= firstCol && layout.columns[key] <= lastCol;
  if (lastRow < 2 || (!touches('stage') && !touches('fullName') && !touches('phone')))
    return header ? { kind: 'header' } : { kind: 'other' };
  return {
    kind: 'clients',
    tab: { sheet, layout, def: CLIENTS_TAB },
    firstRow,
    lastRow,
    stage: touches('stage'),
    name: touches('fullName'),
    phone: touches('phone'),
  };
}

/** Columns or rows were inserted, removed or moved: every cached layout and the remembered row count may be wrong. */
export function forgetLayouts(): void {
  for (const def of fieldTabs()) forgetLayout(def.key);
  forgetRowCount();
}
