// Tab names Sheets allows and Excel refuses (* ? : \ / [ ], a leading or trailing apostrophe) written with look-alike
// characters in .xlsx files, formulas naming such a tab following it, and read back under the tab's own name.
import { quoteSheetName } from './a1';

const SWAPS: Array<[string, string]> = [
  [':', '\u2236'],
  ['*', '\u2217'],
  ['?', '\uff1f'],
  ['/', '\u2215'],
  ['\\', '\u29f5'],
  ['[', '\uff3b'],
  [']', '\uff3d'],
];
const EDGE_APOSTROPHE = '\u02bc';

/** The name an .xlsx file can hold for a tab ('Сегменты: сводка' → 'Сегменты∶ сводка'). */
export function excelSheetName(name: string): string {
  let out = name;
  for (const [from, to] of SWAPS) out = out.split(from).join(to);
  return out.replace(/^'|'$/g, EDGE_APOSTROPHE);
}

/** The tab's own name for a name read from an .xlsx file (the inverse of excelSheetName). */
export function sheetsSheetName(name: string): string {
  let out = name.replace(new RegExp(`^${EDGE_APOSTROPHE}|${EDGE_APOSTROPHE}$`, 'g'), "'");
  for (const [from, to] of SWAPS) out = out.split(to).join(from);
  return out;
}

/** Formula text with each `'old name'!` reference renamed (pairs of old → new tab names). */
export function renameSheetRefs(text: string, names: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [from, to] of names) out = out.split(`${quoteSheetName(from)}!`).join(`${quoteSheetName(to)}!`);
  return out;
}

/** Old → new pairs for the names that change. */
export function changedNames(names: Iterable<string>, rename: (name: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of names) if (rename(name) !== name) out.set(name, rename(name));
  return out;
}
