// How full the spreadsheet is (cells of every tab's grid, as Google counts them) and where a row's link points.

/** Cells of all tabs: rows × columns of each grid, empty cells included (Google's 10 million limit counts them). */
export function cellsUsed(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): number {
  return ss.getSheets().reduce((sum, sheet) => sum + sheet.getMaxRows() * sheet.getMaxColumns(), 0);
}

/** The spreadsheet's URL and a tab's gid: a link to `${url}#gid=${gid}&range=A5` opens row 5 of that tab. */
export function linkBase(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
): { url: string; gid: number } {
  return { url: ss.getUrl(), gid: sheet.getSheetId() };
}
