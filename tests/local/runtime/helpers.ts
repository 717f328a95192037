// Shared set-up for runtime tests: a workbook without a spreadsheet model and an add-on from inline source.
import { type AddonSource, Workbook, type WorkbookOptions } from '../../../local/runtime/workbook';

export function workbookWith(code: string, opts: WorkbookOptions = {}, source: Partial<AddonSource> = {}) {
  const wb = new Workbook({
    timeZone: 'Europe/Moscow',
    locale: 'ru_RU',
    now: '2026-03-15T09:00:00',
    user: 'anna@clinic.test',
    ...opts,
  });
  const addon = wb.loadAddon({ code, ...source });
  return { wb, addon };
}
