// Import through the built add-on on the emulated sheet: the typical clinic sheet in Russian and English wordings
// imported with no manual mapping, nothing lost, values normalised, problems in the Import report, duplicates merged
// or kept apart, and Undo last import putting every tab back as it was, cell for cell.
import { wallToInstant } from '../../local/playground/workbook';
import { CLIENT_FIELDS } from '../../src/domain/fields';
import { computeFunnel } from '../../src/domain/funnelReport/compute';
import { monthKey } from '../../src/domain/funnelReport/model';
import { readTable, reportFigures, rounded } from '../domain/funnelReport/read';
import {
  enEnv,
  enPatients,
  enVariants,
  gridOf,
  type Patient,
  ruEnv,
  ruPatients,
  ruVariants,
  type Variant,
} from '../domain/import/fixtures';
import { spreadsheetCalls } from './helpers';
import { csvTab, everyTab, type ImportWorld, importWorld, records, TABS, tabText } from './importWorld';

void ruEnv;
void enEnv;

const SOURCE = { ru: 'Пациенты', en: 'Patients' };

interface Imported {
  w: ImportWorld;
  preview: any;
  result: any;
}

function importVariant(variant: Variant, patients: Patient[], options: Record<string, unknown> = {}): Imported {
  const w = importWorld(variant.lang);
  csvTab(w, SOURCE[variant.lang], gridOf(variant, patients));
  const preview = w.call('previewImport', SOURCE[variant.lang]);
  expect(preview.ok).toBe(true);
  const result = w.call('importClients', SOURCE[variant.lang], options);
  expect(result).toMatchObject({ ok: true, done: true });
  return { w, preview: preview.preview, result };
}

const digits = (s: string) => s.replace(/\D/g, '');

/**
 * Whether a source cell (as the tab holds it) is among the texts of its card and the card's journal rows: as text
 * (any case), as the same phone digits, as a name whose words are all there, or as the same date.
 */
function found(cell: string, places: string[]): boolean {
  const text = cell.trim().toLowerCase();
  const lowered = places.map((p) => p.toLowerCase());
  if (lowered.some((p) => p.includes(text))) return true;
  const words = text.split(/\s+/);
  if (words.length >= 2 && lowered.some((p) => words.every((w) => p.split(/[\s,.:;]+/).includes(w)))) return true;
  const d = digits(text);
  if (d.length >= 7 && !/^\d{4}-\d\d-\d\d/.test(text) && places.some((p) => digits(p).endsWith(d.slice(-10))))
    return true;
  return false;
}

/** Every non-empty source cell is on its card (fields and extra columns) or in the card's journal rows. */
function expectNothingLost(i: Imported): number {
  const { w, preview } = i;
  const tabs = TABS[w.lang];
  const source = tabText(w, SOURCE[w.lang]);
  const clients = tabText(w, tabs.clients);
  const journal = tabText(w, tabs.journal);
  const jHead = journal[0];
  const idAt = clients[0].indexOf('ID');
  const jId = jHead.indexOf(w.lang === 'ru' ? 'ID клиента' : 'Client ID');
  const phoneAt = preview.columns.find((c: any) => c.target === 'phone').column;
  const phoneCol = clients[0].indexOf(w.lang === 'ru' ? 'Телефон' : 'Phone');
  let checked = 0;
  for (let r = preview.firstDataRow - 1; r < source.length; r++) {
    const cells = source[r];
    const phone = digits(cells[phoneAt] ?? '').slice(-10);
    if (!phone) continue;
    const card = clients.find((row, k) => k > 0 && digits(row[phoneCol]).endsWith(phone));
    expect({ row: r + 1, card: Boolean(card) }).toEqual({ row: r + 1, card: true });
    const rows = journal.filter((j) => j[jId] === card![idAt]);
    const places = [...card!, ...rows.flat()];
    const lost: string[] = [];
    for (const c of preview.columns) {
      const cell = cells[c.column] ?? '';
      if (!cell.trim()) continue;
      checked++;
      if (c.target.startsWith('channel:')) {
        // A mark ('+', 'да', 'x', 1) says the client came from the column's channel; 0 or '' says nothing.
        if (['0', 'нет', 'no'].includes(cell.trim().toLowerCase())) continue;
        if (!places.some((p) => p.includes(c.target.slice('channel:'.length)))) lost.push(`${c.header}=${cell}`);
      } else if (!found(cell, places)) lost.push(`${c.header}=${cell}`);
    }
    expect({ row: r + 1, lost }).toEqual({ row: r + 1, lost: [] });
  }
  return checked;
}

const cases: Array<[string, Variant, Patient[]]> = [
  ...ruVariants.map((v) => [v.name, v, ruPatients] as [string, Variant, Patient[]]),
  ...enVariants.map((v) => [v.name, v, enPatients] as [string, Variant, Patient[]]),
];

describe('the typical clinic sheet through the built add-on, Russian and English, every wording', () => {
  it.each(cases)('%s: mapped with no manual change; nothing lost, values normalised, problems reported', (_, v, p) => {
    const i = importVariant(v, p);
    const { w, result } = i;
    const ru = w.lang === 'ru';
    const t = TABS[w.lang];
    const col = (ruName: string, enName: string) => (ru ? ruName : enName);
    // Every column has a place: a field, a name part, a channel, history, or its own column — none is skipped.
    expect(i.preview.columns.filter((c: any) => c.target === 'skip')).toEqual([]);
    expect(i.preview.warnings).toEqual([]);
    const targets = i.preview.columns.map((c: any) => c.target);
    for (const k of ['phone', 'email', 'birthDate', 'address', 'firstContactOn', 'nextAppointmentOn'])
      expect(targets).toContain(k);
    expect(targets.filter((k: string) => k.startsWith('channel:'))).toHaveLength(4);
    // Samples show the date cells as the sheet does, in its order.
    const firstContact = i.preview.columns.find((c: any) => c.target === 'firstContactOn');
    expect(firstContact.samples[0]).toBe(ru ? '12.01.2026' : '01/12/2026');
    expect(result.counts).toMatchObject({ newClients: 5, mergedInFile: 1, unreadable: 3 });
    expect(expectNothingLost(i)).toBeGreaterThan(50);

    // Phones in mixed formats and dd.mm.yyyy (mm/dd/yyyy) dates come out normalised, dates as real date cells.
    const cards = records(w, t.clients);
    expect(cards.map((c) => c[col('Телефон', 'Phone')])).toEqual(
      ru
        ? ['+7 912 345-67-89', '+7 912 111-22-33', '+7 912 345-67-80', '+7 912 345-67-00', '+7 912 000-11-22']
        : ['+1 415 555 2671', '+1 415 555 2672', '+1 415 555 2673', '+1 415 555 2674', '+1 415 555 2699'],
    );
    expect(cards[0]).toMatchObject({
      [col('Дата рождения', 'Birth date')]: '1985-03-14',
      [col('Первый контакт', 'First contact')]: '2026-01-12',
      [col('Следующая запись', 'Next appointment')]: '2026-03-20',
      Email: ru ? 'anna.petrova@mail.ru' : 'emily.johnson@example.com',
      ID: 'C-000001',
    });
    const clients = w.wb.values(t.clients);
    const birth = clients[0].indexOf(col('Дата рождения', 'Birth date'));
    expect(Object.prototype.toString.call(clients[1][birth])).toBe('[object Date]');

    // What could not be read stays as it was on the card and is listed in the report with its row and column.
    expect(cards[2][col('Дата рождения', 'Birth date')]).toBe(ru ? '31.02.1990' : '02/31/1990');
    expect(cards[2].Email).toBe(ru ? 'sidorova@@mail' : 'maria.garcia@@example');
    // Each such cell carries a note saying so; the cells that were read have none.
    const sheet = (w.wb.model.spreadsheet as any).getSheetByName(t.clients);
    const notes: string[][] = sheet.getRange(2, 1, 5, clients[0].length).getNotes();
    const noted = notes.flatMap((row, r) => row.flatMap((n, c) => (n ? [[r + 2, clients[0][c]]] : [])));
    expect(noted).toEqual([
      [4, 'Email'],
      [4, col('Дата рождения', 'Birth date')],
      [6, col('Первый контакт', 'First contact')],
    ]);
    expect(notes[2][birth]).toBe(
      ru
        ? `Импорт ${result.importId}: значение не прочитано и оставлено как было — см. лист «Отчёт импорта»`
        : `Import ${result.importId}: the value could not be read and was kept as it was — see the "Import report" tab`,
    );
    const report = records(w, t.report);
    expect(report.map((r) => r[col('Значение', 'Value')])).toEqual(
      expect.arrayContaining([
        ru ? '31.02.1990' : '02/31/1990',
        ru ? 'sidorova@@mail' : 'maria.garcia@@example',
        ru ? 'в начале года' : 'early this year',
      ]),
    );
    expect(report.every((r) => r[col('Импорт', 'Import')] === result.importId)).toBe(true);
    // The in-file duplicate (the same patient again, five rows down) is a decision in the report too.
    const problem = col('Что не так / что сделано', 'Problem / what was done');
    expect(report.filter((r) => /Та же карточка, что в строке|The same card as row/.test(r[problem]))).toHaveLength(1);

    // First contacts are journal history, marked with the import ID.
    const journal = records(w, t.journal);
    expect(journal.length).toBe(result.counts.journalEntries);
    expect(journal.every((j) => String(j[col('Кто записал', 'Logged by')]).includes(result.importId))).toBe(true);
    expect(new Set(journal.map((j) => j[col('ID клиента', 'Client ID')]))).toEqual(
      new Set(['C-000001', 'C-000002', 'C-000003', 'C-000004']),
    );
  });
});

describe('imported clients in the funnel and the morning run, as clients added by hand', () => {
  it('the Funnel tab counts them in the months of their first contact; the digest lists tomorrow’s appointment', () => {
    const { w } = importVariant(ruVariants[0], ruPatients);
    const settings = w.call('getSettings').settings;
    const funnel = w.wb.values('Воронка');
    const cards = records(w, TABS.ru.clients).map((r) =>
      Object.fromEntries(CLIENT_FIELDS.map((f) => [f.key, r[f.header.ru] ?? ''])),
    );
    const report = computeFunnel({ cards, spend: [], settings, endMonth: monthKey('2026-03-10') });
    const sheet = readTable(funnel, settings.lists.channels.length);
    expect(rounded(sheet.monthTotals)).toEqual(rounded(report.monthTotals.map(reportFigures)));
    // Months newest first, from March. January: the four patients first seen then, each counted as contacted; the
    // fifth's first contact ('в начале года') could not be read, so her card came in on the day of the import.
    const [march, , january] = report.monthTotals;
    expect([january.leads, january.contacts]).toEqual([4, 4]);
    expect(march.leads).toBe(1);
    expect(report.total.leads).toBe(5);

    // The morning before Петрова's next appointment (20.03.2026, from the sheet) the team's digest names her.
    expect(w.call('saveReminderSettings', { recipients: ['team@clinic.test'] }).ok).toBe(true);
    w.wb.clock.set(wallToInstant('2026-03-19T08:00', w.tz));
    const preview = w.call('previewToday').preview;
    expect(preview.digest.body).toMatch(/Петрова Анна Сергеевна/);
    // No letter to her: the sheet recorded no consent to emails.
    expect(preview.excluded.map((x: any) => [x.name, x.rule])).toContainEqual([
      'Петрова Анна Сергеевна',
      'appointment',
    ]);
  });
});

describe('duplicates against cards already in the base', () => {
  function withPetrova(policy: string) {
    const w = importWorld('ru');
    const added = w.call('addClient', { fullName: 'Петрова Анна Сергеевна', phone: '89123456789' });
    expect(added.ok).toBe(true);
    csvTab(w, SOURCE.ru, gridOf(ruVariants[0], ruPatients));
    const result = w.call('importClients', SOURCE.ru, { duplicates: policy });
    expect(result.ok).toBe(true);
    return { w, result, report: records(w, TABS.ru.report) };
  }

  it('merge: the rows of Петрова fill her card, and the report says so for each row', () => {
    const { w, result, report } = withPetrova('merge');
    expect(result.counts).toMatchObject({ newClients: 4, mergedIntoExisting: 2 });
    const cards = records(w, TABS.ru.clients);
    expect(cards).toHaveLength(5);
    expect(cards[0]).toMatchObject({
      ID: 'C-000001',
      Email: 'anna.petrova@mail.ru',
      Адрес: 'г. Пермь, ул. Ленина, д. 5, кв. 12',
    });
    const merged = report.filter((r) => /Добавлено к карточке C-000001/.test(r['Что не так / что сделано']));
    expect(merged.map((r) => r.Строка)).toEqual(['2', '6']);
  });

  it('keep apart: a card for every row, each likeness in the report', () => {
    const { result, report } = withPetrova('keepApart');
    expect(result.counts).toMatchObject({ newClients: 6, keptApart: 2 });
    expect(
      report.filter((r) => /оставлен отдельной карточкой по вашему выбору/.test(r['Что не так / что сделано'])),
    ).toHaveLength(2);
  });

  it('skip: her rows are left out and listed', () => {
    const { w, result } = withPetrova('skip');
    expect(result.counts).toMatchObject({ newClients: 4, skipped: 2 });
    expect(records(w, TABS.ru.clients)).toHaveLength(5);
  });
});

describe('Undo last import', () => {
  /** A base with a client of its own, her contact, and the sheet to import; every tab's values before importing. */
  function prepared(lang: 'ru' | 'en') {
    const w = importWorld(lang);
    const ru = lang === 'ru';
    const added = w.call('addClient', {
      fullName: ru ? 'Петрова Анна Сергеевна' : 'Emily Rose Johnson',
      phone: ru ? '89123456789' : '(415) 555-2671',
      notes: ru ? 'Аллергия на лидокаин' : 'Allergic to lidocaine',
    });
    expect(added.ok).toBe(true);
    expect(w.call('logContact', { clientId: added.id, type: ru ? 'Звонок' : 'Call', summary: 'x' }).ok).toBe(true);
    const variant = ru ? ruVariants[1] : enVariants[1];
    csvTab(w, SOURCE[lang], gridOf(variant, ru ? ruPatients : enPatients));
    return { w, before: everyTab(w) };
  }

  it.each(['ru', 'en'] as const)(
    '%s: puts every tab back as it was, cell for cell, after a merge, extra columns and list values',
    (lang) => {
      const { w, before } = prepared(lang);
      const result = w.call('importClients', SOURCE[lang], { duplicates: 'merge', addToLists: true });
      expect(result).toMatchObject({ ok: true, done: true });
      expect(result.counts.mergedIntoExisting).toBeGreaterThan(0);
      const after = everyTab(w);
      expect(after).not.toEqual(before);
      // The import added columns for what has no field ('№', 'Телефон 2') and the doctors to the Settings lists.
      expect(after[TABS[lang].clients][0].length).toBeGreaterThan(before[TABS[lang].clients][0].length);
      expect(after[TABS[lang].settings]).not.toEqual(before[TABS[lang].settings]);
      const undone = w.call('undoImport', result.importId);
      expect(undone).toMatchObject({ ok: true, summary: { importId: result.importId, conflicts: [] } });
      expect(undone.summary.clientsRemoved).toBe(result.counts.newClients);
      expect(undone.summary.cardsRestored).toBe(1);
      expect(everyTab(w)).toEqual(before);
      // Once is enough.
      expect(w.call('undoImport', result.importId)).toMatchObject({ ok: false });
    },
  );

  it('leaves a cell changed since the import as the person made it, and says so', () => {
    const { w } = prepared('ru');
    const result = w.call('importClients', SOURCE.ru, { duplicates: 'merge' });
    const clients = w.wb.values(TABS.ru.clients);
    const email = clients[0].indexOf('Email');
    w.wb.edit(TABS.ru.clients, `${String.fromCharCode(65 + email)}2`, 'anna@new.ru');
    const undone = w.call('undoImport', result.importId);
    expect(undone.ok).toBe(true);
    expect(undone.summary.conflicts).toEqual([
      'Карточка C-000001: «email» изменено после импорта — оставлено как есть',
    ]);
    const cards = records(w, TABS.ru.clients);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ Email: 'anna@new.ru', 'Заметки и предупреждения': 'Аллергия на лидокаин' });
  });

  it('refuses an import that is not the last one, with nothing changed', () => {
    const { w } = prepared('ru');
    const first = w.call('importClients', SOURCE.ru, {});
    const state = everyTab(w);
    const r = w.call('undoImport', 'IMP-20200101-000000');
    expect(r).toMatchObject({ ok: false, errors: { _: `Отменить можно только последний импорт: ${first.importId}` } });
    expect(everyTab(w)).toEqual(state);
  });
});

describe('requests that cannot be done change nothing and say why', () => {
  it('a missing tab, a Kartoteka tab, a field chosen twice, an unknown policy', () => {
    const w = importWorld('ru');
    csvTab(w, SOURCE.ru, gridOf(ruVariants[0], ruPatients));
    const state = everyTab(w);
    expect(w.call('importClients', 'Нет такого')).toMatchObject({ ok: false, errors: { _: 'Нет листа «Нет такого»' } });
    expect(w.call('importClients', 'Клиенты').errors._).toBe(
      'Лист «Клиенты» — лист Картотеки; выберите лист с вашими данными',
    );
    const twice = w.call('importClients', SOURCE.ru, {
      overrides: [
        { column: 11, target: 'phone' },
        { column: 12, target: 'phone' },
      ],
    });
    expect(twice.ok).toBe(false);
    expect(twice.errors._).toMatch(/выбрано для двух столбцов/);
    const policy = w.call('importClients', SOURCE.ru, { duplicates: 'maybe' });
    expect(policy.errors.duplicates).toBe(
      'Выберите, что делать с дубликатами: объединять, оставлять отдельно или пропускать',
    );
    expect(everyTab(w)).toEqual(state);
  });

  it('in English: a tab with only its header, a Kartoteka tab, nothing to undo, an unreadable request', () => {
    const w = importWorld('en');
    csvTab(w, 'Empty', [['Name', 'Phone']]);
    csvTab(w, SOURCE.en, gridOf(enVariants[0], enPatients));
    const state = everyTab(w);
    expect(w.call('importClients', 'Empty').errors._).toBe('Tab "Empty" has no rows to import');
    expect(w.call('importClients', 'Clients').errors._).toBe(
      'Tab "Clients" is one of Kartoteka\'s own; choose the tab with your data',
    );
    expect(w.call('undoImport', 'IMP-20260310-100000').errors._).toBe('There is no import to undo');
    expect(w.call('importClients', SOURCE.en, { overrides: 'phone' }).errors._).toBe(
      'The column choices could not be read: a list like [{ column, target }] is expected',
    );
    expect(everyTab(w)).toEqual(state);
  });

  it('a column the user points elsewhere goes there; the field it had keeps its values as an extra column', () => {
    const w = importWorld('en');
    csvTab(w, SOURCE.en, gridOf(enVariants[0], enPatients));
    const preview = w.call('previewImport', SOURCE.en).preview;
    const work = preview.columns.find((c: any) => c.header === 'Work planned at next appointment');
    const result = w.call('importClients', SOURCE.en, { overrides: [{ column: work.column, target: 'notes' }] });
    expect(result.ok).toBe(true);
    const cards = records(w, TABS.en.clients);
    expect(cards[0]['Notes and warnings']).toContain('Filling, lower left molar');
  });
});

describe('Spreadsheet calls of an import', () => {
  it('are the same for 1,000 and 10,000 rows: a bulk read or write per tab, never per row', () => {
    const calls = [1000, 10_000].map((n) => {
      const w = importWorld('ru');
      const grid: unknown[][] = [['ФИО', 'Телефон', 'Email', 'Дата первого обращения', 'Дата рождения', 'Комментарий']];
      for (let i = 1; i <= n; i++) {
        grid.push([
          `Фамилия${i} Имя${i % 97} Отчество${i % 13}`,
          `+7900${String(i).padStart(7, '0')}`,
          `client${i}@mail.test`,
          `${String(1 + (i % 28)).padStart(2, '0')}.01.2026`,
          i % 500 === 0 ? '31.02.1990' : `${String(1 + (i % 28)).padStart(2, '0')}.05.1980`,
          `заметка ${i}`,
        ]);
      }
      csvTab(w, SOURCE.ru, grid as string[][]);
      w.wb.resetCalls();
      const r = w.call('importClients', SOURCE.ru, {});
      expect(r).toMatchObject({ ok: true, done: true, counts: { newClients: n, unreadable: n / 500 } });
      return spreadsheetCalls(w.wb.calls);
    });
    expect(calls[1]).toBe(calls[0]);
    expect(calls[0]).toBeLessThanOrEqual(23);
  }, 300_000);
});
