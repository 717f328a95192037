// Fills a workbook with the sample clinic: the add-on's own setupDatabase, then clients and a year of contacts.
import { fieldForHeader, TABS, type TabDef } from '../../src/domain/fields';
import { formatPhone } from '../../src/domain/normalize/phone';
import { generateClinic, type SampleClinic, type SampleLang, type StageKey, TEAM } from './sample';
import { type PlaygroundWorkbook, wallTime, wallToInstant } from './workbook';

export interface SeedOptions {
  lang: SampleLang;
  clients?: number;
  seed?: number;
}

export interface SeedSummary {
  clients: number;
  contacts: number;
  spendRows: number;
  /** The generated data, e.g. for an "Ad spend" tab the add-on does not have yet. */
  clinic: SampleClinic;
}

type Result = { ok: boolean; errors?: Record<string, string>; [key: string]: unknown };

const MILESTONE_OF: Record<StageKey, string> = {
  new: 'lead',
  contacted: 'contact',
  visited: 'visit',
  bought: 'client',
  lost: 'lost',
};

const SPEND_TAB = /^(расходы на рекламу|рекламные расходы|ad spend|advertising spend)$/i;

function call(wb: PlaygroundWorkbook, fn: string, ...args: unknown[]): Result {
  if (!wb.addon) throw new Error('seedClinic needs a workbook with the add-on loaded (wb.loadAddon).');
  const result = wb.addon.call(fn, ...args) as Result;
  if (result?.ok !== true) throw new Error(`${fn} failed: ${JSON.stringify(result)}`);
  return result;
}

function merge(existing: unknown, extra: string[]): string[] {
  const list = Array.isArray(existing) ? existing.map(String) : [];
  const seen = new Set(list.map((s) => s.toLowerCase()));
  for (const item of extra) if (!seen.has(item.toLowerCase())) list.push(item);
  return list;
}

/** Text a script writes so Sheets keeps it as typed (no formula, no number): Sheets' leading apostrophe. */
function asText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) || /^[\d\s.,:/()+-]+$/.test(s) ? `'${s}` : s;
}

interface TabWriter {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  columns: Map<string, number>;
  width: number;
}

function tabWriter(wb: PlaygroundWorkbook, def: TabDef, lang: SampleLang): TabWriter {
  const ss = wb.model.spreadsheet;
  const sheet = ss.getSheetByName(def.name[lang]) ?? ss.getSheetByName(def.name[lang === 'ru' ? 'en' : 'ru']);
  if (!sheet) throw new Error(`setupDatabase made no ${def.name[lang]} tab`);
  const width = sheet.getLastColumn();
  const headers = sheet.getRange(1, 1, 1, width).getDisplayValues()[0];
  const columns = new Map<string, number>();
  headers.forEach((text, i) => {
    const field = fieldForHeader(def, text);
    if (field && !columns.has(field.key)) columns.set(field.key, i + 1);
  });
  return { sheet, columns, width };
}

/** Appends rows of field → value below the data, in one setValues, each value where its header says. */
function appendRecords(tab: TabWriter, def: TabDef, records: Array<Record<string, unknown>>, timeZone: string): number {
  if (!records.length) return tab.sheet.getLastRow() + 1;
  const types = new Map(def.fields.map((f) => [f.key, f.type]));
  const grid = records.map((rec) => {
    const row: unknown[] = new Array(tab.width).fill('');
    for (const [key, value] of Object.entries(rec)) {
      const column = tab.columns.get(key);
      if (!column || value === '' || value === null || value === undefined) continue;
      const type = types.get(key);
      if ((type === 'date' || type === 'datetime') && typeof value === 'string') {
        row[column - 1] = wallToInstant(value, timeZone);
      } else if (typeof value === 'string') row[column - 1] = asText(value);
      else row[column - 1] = value;
    }
    return row;
  });
  const first = Math.max(tab.sheet.getLastRow(), 1) + 1;
  if (tab.sheet.getMaxRows() < first + grid.length - 1) {
    tab.sheet.insertRowsAfter(tab.sheet.getMaxRows(), first + grid.length - 1 - tab.sheet.getMaxRows());
  }
  tab.sheet.getRange(first, 1, grid.length, tab.width).setValues(grid);
  return first;
}

/** 'yyyy-mm-dd' n days after day. */
function plusDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * The morning run has something to show at the first "Next morning 9:00": three clients with consent have their
 * birthday tomorrow and one is booked for the day after (her reminder goes tomorrow).
 */
function showcaseMorning(clinic: SampleClinic, today: string): void {
  const withEmail = clinic.clients.filter((c) => c.email);
  const tomorrow = plusDays(today, 1);
  for (const c of withEmail.slice(0, 3)) {
    c.consent = true;
    c.birthDate = `${tomorrow.endsWith('02-29') ? '1988' : (c.birthDate || '1985').slice(0, 4)}${tomorrow.slice(4)}`;
  }
  const booked = withEmail[3];
  if (booked) {
    booked.consent = true;
    booked.nextVisit = plusDays(today, 2);
    booked.nextVisitWork = booked.nextVisitWork || booked.service;
  }
}

/**
 * Seeds the sample clinic into a workbook whose add-on is loaded. Deterministic for a given seed and virtual date.
 * The tabs come from the add-on's setupDatabase; clients and the journal are written in bulk in that layout
 * (hundreds of addClient/logContact executions would take minutes), then recomputeClients derives the totals.
 */
export function seedClinic(wb: PlaygroundWorkbook, opts: SeedOptions): SeedSummary {
  const ss = wb.model.spreadsheet;
  const timeZone = ss.getSpreadsheetTimeZone();
  // History ends before the virtual now: no call is logged later today than the clock says.
  const [today, time] = wallTime(wb.clock.now(), timeZone).wall.split('T');
  const clinic = generateClinic({ lang: opts.lang, clients: opts.clients, seed: opts.seed, today, time });
  showcaseMorning(clinic, today);

  call(wb, 'setupDatabase');
  const current = call(wb, 'getSettings').settings as { lists: Record<string, unknown> };
  call(wb, 'updateSettings', {
    lists: {
      services: merge(current.lists.services, clinic.services),
      channels: merge(current.lists.channels, clinic.sources),
      lostReasons: merge(current.lists.lostReasons, clinic.lostReasons),
      staff: merge(
        current.lists.staff,
        clinic.staff.filter((s) => !s.email).map((s) => s.name),
      ),
    },
  });
  // The funnel and segment tabs list the Settings channels and services: rebuilt for the clinic's own.
  call(wb, 'rebuildSegments');
  const settings = call(wb, 'getSettings').settings as {
    lists: {
      stages: Array<{ label: string; milestone: string }>;
      contactTypes: Array<{ label: string; kind: string }>;
    };
  };
  const stageLabel = (k: StageKey) => settings.lists.stages.find((s) => s.milestone === MILESTONE_OF[k])?.label ?? '';
  const typeLabel = (kind: string) =>
    settings.lists.contactTypes.find((t) => t.kind === kind)?.label ??
    settings.lists.contactTypes.find((t) => t.kind === 'note')?.label ??
    '';

  // Milestone dates come from each client's own history.
  const firstOf = (i: number, kinds: string[]) =>
    clinic.contacts.find((c) => c.client === i && kinds.includes(c.kind))?.at.slice(0, 10) ?? '';
  const clientsTab = tabWriter(wb, TABS.clients, opts.lang);
  const firstRow = appendRecords(
    clientsTab,
    TABS.clients,
    clinic.clients.map((c, i) => ({
      fullName: c.fullName,
      // Stored as the add-on stores phones: the readable international form ('+7 912 345-67-89').
      phone: `'${formatPhone(`+${c.phone.replace(/\D/g, '')}`)}`,
      email: c.email,
      stage: stageLabel(c.stage),
      firstContactOn: c.firstContact,
      visitOn: firstOf(i, ['visit', 'purchase']),
      firstPurchaseOn: firstOf(i, ['purchase']),
      lostReason: c.lostReason,
      source: c.source,
      interest: c.service,
      responsible: c.doctor,
      nextAppointmentOn: c.nextVisit ? `${c.nextVisit}T${String(9 + (i % 9)).padStart(2, '0')}:00` : '',
      nextAppointmentWork: c.nextVisitWork,
      birthDate: c.birthDate,
      preferredChannel: c.preferredChannel,
      notes: c.notes,
      emailConsentOn: c.consent && c.email ? c.firstContact : '',
      createdOn: c.firstContact,
    })),
    timeZone,
  );

  // recomputeClients gives every new row its ID; the journal refers to clients by ID.
  call(wb, 'recomputeClients');
  const idColumn = clientsTab.columns.get('id');
  if (!idColumn) throw new Error('the Clients tab has no ID column');
  const ids = clientsTab.sheet
    .getRange(firstRow, idColumn, clinic.clients.length, 1)
    .getValues()
    .map((r) => String(r[0]));

  const journalTab = tabWriter(wb, TABS.journal, opts.lang);
  appendRecords(
    journalTab,
    TABS.journal,
    clinic.contacts.map((c) => ({
      at: c.at.slice(0, 16),
      clientId: ids[c.client],
      clientName: clinic.clients[c.client].fullName,
      type: typeLabel(c.kind),
      summary: c.kind === 'purchase' ? '' : c.summary,
      item: c.kind === 'purchase' ? c.summary : '',
      amount: c.amount ?? '',
      source: c.source,
      by: c.by,
      nextStep: c.nextStep,
      nextStepOn: c.nextDate,
    })),
    timeZone,
  );
  call(wb, 'recomputeClients');

  let spendRows = 0;
  const spendSheet = ss.getSheets().find((s) => SPEND_TAB.test(s.getName()));
  if (spendSheet) {
    const width = Math.max(spendSheet.getLastColumn(), 1);
    const headers = spendSheet
      .getRange(1, 1, 1, width)
      .getDisplayValues()[0]
      .map((h) => h.toLowerCase());
    const col = (re: RegExp) => headers.findIndex((h) => re.test(h));
    const month = col(/месяц|month/);
    const channel = col(/канал|источник|channel|source/);
    const amount = col(/сумма|расход|amount|spend|cost/);
    if (month >= 0 && channel >= 0 && amount >= 0) {
      const grid = clinic.spend.map((s) => {
        const row: unknown[] = new Array(width).fill('');
        row[month] = wallToInstant(`${s.month}-01`, timeZone);
        row[channel] = s.channel;
        row[amount] = s.amount;
        return row;
      });
      spendSheet.getRange(Math.max(spendSheet.getLastRow(), 1) + 1, 1, grid.length, width).setValues(grid);
      spendRows = grid.length;
    }
  }
  // Reminders on: the team gets the digest every morning at 9:00, clients who agreed get their letters.
  call(wb, 'saveReminderSettings', { recipients: [...TEAM] });
  call(wb, 'enableReminders');
  // The clinic opens on its client list.
  ss.setActiveSheet(clientsTab.sheet);
  return { clients: clinic.clients.length, contacts: clinic.contacts.length, spendRows, clinic };
}
