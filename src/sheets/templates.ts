// The Email templates tab (settings-like: one row per rule, seeded by setup in the sheet's language), read as rows.
import type { MailingTemplateRow } from '../domain/mailings';
import type { TemplateRow } from '../domain/reminders';
import { TEMPLATES_TAB } from '../domain/tabs';
import { readTabByName } from './fastRead';
import { NotSetUpError } from './records';

/** The template rows people keep in the tab; null when the tab does not exist (the defaults apply). */
export function readTemplateRows(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  tz: string,
): Array<TemplateRow & MailingTemplateRow> | null {
  try {
    const { rows } = readTabByName(ss, TEMPLATES_TAB, tz);
    // segment and the button are the marketing templates' (an older tab without those columns reads them as '').
    return rows.map((r) => ({
      row: r.row,
      rule: r.rule,
      subject: r.subject,
      body: r.body,
      segment: r.segment ?? '',
      buttonText: r.buttonText ?? '',
      buttonUrl: r.buttonUrl ?? '',
    }));
  } catch (e) {
    if (e instanceof NotSetUpError) return null;
    throw e;
  }
}
