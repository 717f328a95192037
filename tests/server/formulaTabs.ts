// Kept apart from helpers.ts (which finds dist/ by __dirname) so the bench, run as ES modules, can use it too.

/**
 * Removes the tabs that hold formulas (segments, funnel) and returns their names: the emulator recalculates them
 * after every write, which costs host time only — what the add-on calls and writes does not depend on them.
 */
export function dropFormulaTabs(wb: { model: { spreadsheet: unknown } }): string[] {
  const ss = wb.model.spreadsheet as GoogleAppsScript.Spreadsheet.Spreadsheet;
  const removed: string[] = [];
  for (const sheet of ss.getSheets()) {
    const formulas = sheet.getDataRange().getFormulas();
    if (!formulas.some((row) => row.some((f) => f !== ''))) continue;
    removed.push(sheet.getName());
    ss.deleteSheet(sheet);
  }
  return removed;
}
