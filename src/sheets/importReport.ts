// The Import report tab for an import: opened by its tags, or created with its columns, format and protection when
// the database was set up before the tab existed.

import { IMPORT_REPORT_TAB } from '../domain/import/reportTab';
import type { Lang } from '../i18n';
import { NotSetUpError, openTab, type RecordsTab } from './records';
import { setupTabs } from './setup';
import { ensureTab } from './tabs';

export function importReportTab(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  env: { lang: Lang; locale: string; timeZone: string; today: string },
): RecordsTab {
  try {
    return openTab(ss, IMPORT_REPORT_TAB);
  } catch (e) {
    if (!(e instanceof NotSetUpError)) throw e;
  }
  ensureTab(ss, IMPORT_REPORT_TAB, env.lang, ss.getSheets().length);
  const { lang, locale, timeZone, today } = env;
  setupTabs({ ss, lang, locale, timeZone, today, progress: () => {} }, [IMPORT_REPORT_TAB]);
  return openTab(ss, IMPORT_REPORT_TAB);
}
