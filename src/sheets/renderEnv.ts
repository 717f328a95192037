// What generated tabs are rendered from: where each records tab and every Settings value and list lives now.
import type { SettingsRefs } from '../domain/formulas';
import { cleanList, defaultSettings, type SettingsData } from '../domain/settings';
import type { RenderEnv } from '../domain/tabs';
import { fieldTabs } from '../domain/tabs';
import type { Lang } from '../i18n';
import { locate } from './layout';
import { verifiedTab } from './records';
import { findSettingsSheet, LIST_COLUMNS, readRawSettings, type SettingsRead } from './settingsTab';

/** Settings cells as read: each value's row, each list's column and the rows of its items (blanks and repeats out). */
export function settingsRefsOf(sheetName: string, read: SettingsRead): SettingsRefs {
  const listItems: SettingsRefs['listItems'] = {};
  for (const key of LIST_COLUMNS) {
    const column = read.layout.lists[key];
    if (!column) continue;
    const seen = new Set<string>();
    const items: Array<{ row: number; text: string }> = [];
    (read.raw.lists[key] ?? []).forEach((cell, i) => {
      const [text] = cleanList([cell]);
      if (!text || seen.has(text.toLowerCase())) return;
      seen.add(text.toLowerCase());
      items.push({ row: i + 2, text });
    });
    listItems[key] = items;
  }
  return {
    sheetName,
    valueColumn: 2,
    valueRows: { ...read.valueRows },
    listColumns: { ...read.layout.lists },
    listItems,
  };
}

/** Refs for a spreadsheet without a Settings tab: formulas fall back to the values as validated. */
export function noSettingsRefs(): SettingsRefs {
  return { sheetName: '', valueColumn: 2, valueRows: {}, listColumns: {}, listItems: {} };
}

export interface RenderContext {
  lang: Lang;
  locale: string;
  today: string;
  settings: SettingsData;
}

/** The render environment read from the spreadsheet now: records tabs' names and columns, Settings cells. */
export function readRenderEnv(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, ctx: RenderContext): RenderEnv {
  const sources: RenderEnv['sources'] = {};
  for (const def of fieldTabs()) {
    const found = locate(ss, def);
    if (!found) continue;
    // The cached layout, checked against the header row (columns moved since are read again).
    const tab = verifiedTab({ ...found, def });
    sources[def.key] = { sheetName: tab.sheet.getName(), columns: tab.layout.columns };
  }
  const sheet = findSettingsSheet(ss);
  const settingsRefs = sheet ? settingsRefsOf(sheet.getName(), readRawSettings(sheet)) : noSettingsRefs();
  return { ...ctx, defaults: defaultSettings(ctx.lang, ctx.locale), settingsRefs, sources };
}
