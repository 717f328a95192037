// Tests for the import plan: the clinic sheets end to end, nothing lost, duplicates, history, chunks, undo.
import {
  beginChunk,
  type CellValue,
  cellText,
  clientIdRange,
  commitChunk,
  type DuplicatePolicy,
  type ExistingCard,
  type ImportEnv,
  type ImportMapping,
  type ImportPlan,
  type ImportUndoChunk,
  importIdAt,
  isFromImport,
  type PlanInput,
  planImport,
  planUndo,
  proposeMapping,
  readSourceTable,
  resolveJournal,
  resumeProgress,
  type SourceCell,
  type SourceTable,
  startProgress,
  undoRecord,
} from '../../../src/domain/import';
import { markValue } from '../../../src/domain/import/vocabulary';
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
} from './fixtures';

const IMPORT = 'IMP-20260310-120000';

function prepare(grid: SourceCell[][], env: ImportEnv) {
  const table = readSourceTable(grid);
  return { table, mapping: proposeMapping(table, env) };
}

function plan(
  table: SourceTable,
  mapping: ImportMapping,
  env: ImportEnv,
  extra: Partial<PlanInput> = {},
  duplicates: DuplicatePolicy = 'merge',
): ImportPlan {
  return planImport({
    importId: IMPORT,
    table,
    mapping,
    existing: [],
    options: { duplicates },
    env,
    by: 'reception@clinic.ru',
    now: '2026-03-10T12:00',
    ...extra,
  });
}

/** A sheet in memory: cards with IDs and journal rows, the way the adapters will apply a plan. */
interface Sheet {
  cards: ExistingCard[];
  journal: Array<Record<string, CellValue>>;
  nextId: number;
}

function apply(p: ImportPlan, sheet: Sheet): ImportUndoChunk {
  const first = `C-${String(sheet.nextId).padStart(6, '0')}`;
  const ids = p.newClients.length ? clientIdRange(first, p.newClients.length) : [];
  p.newClients.forEach((c, i) => {
    sheet.cards.push({ id: ids[i], values: { ...c.values, id: ids[i] }, extra: { ...c.extra } });
  });
  for (const m of p.merges) {
    const card = sheet.cards.find((c) => c.id === m.targetId)!;
    Object.assign(card.values, m.patch);
    card.extra = { ...card.extra, ...m.extraPatch };
  }
  sheet.journal.push(...resolveJournal(p, ids).map((e) => ({ ...e.values })));
  sheet.nextId += ids.length;
  return undoRecord(p, first);
}

const clone = (cards: ExistingCard[]): ExistingCard[] =>
  cards.map((c) => ({ id: c.id, values: { ...c.values }, extra: { ...(c.extra ?? {}) } }));

/** A source cell can be found among the places: as text, as the same digits (a phone), or as the same date. */
function appears(cell: SourceCell, places: string[], order: 'dmy' | 'mdy'): boolean {
  const text = cellText(cell).toLowerCase();
  const lowered = places.map((p) => p.toLowerCase());
  if (lowered.some((p) => p.includes(text))) return true;
  // A name whose words are all in a fuller spelling of it ('emily JOHNSON' in 'Emily Rose Johnson').
  const words = text.split(/\s+/);
  if (words.length >= 2 && lowered.some((p) => words.every((w) => p.split(/\s+/).includes(w)))) return true;
  const digits = text.replace(/\D/g, '');
  if (digits.length >= 7 && places.some((p) => p.replace(/\D/g, '').endsWith(digits.slice(-10)))) return true;
  const d = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:\s+(\d{1,2}:\d{2}))?$/.exec(text);
  if (d) {
    const [day, month] = order === 'dmy' ? [d[1], d[2]] : [d[2], d[1]];
    const iso = `${d[3]}-${month.padStart(2, '0')}-${day.padStart(2, '0')}${d[4] ? `T${d[4].padStart(5, '0')}` : ''}`;
    return places.some((p) => p.includes(iso));
  }
  return false;
}

/**
 * Every non-empty source cell is on the card its row went to (fields, extra columns) or in that card's journal
 * rows; the only cells not found are "no" marks of channel columns and the numbers of otherwise empty rows.
 */
function expectNothingLost(table: SourceTable, mapping: ImportMapping, p: ImportPlan): number {
  let checked = 0;
  table.rows.forEach((cells, i) => {
    const sheetRow = table.firstDataRow + i;
    const at = p.newClients.findIndex((c) => c.sourceRows.includes(sheetRow));
    const lost: string[] = [];
    for (const m of mapping.columns) {
      const cell = cells[m.column];
      if (cellText(cell) === '') continue;
      const isChannel = m.target.kind === 'channel';
      if (isChannel && markValue(cell) === false) continue;
      if (at < 0) {
        // Not a card: the row held only its number (and blank marks).
        if (!(m.target.kind === 'extra' && m.target.rowNumber) && !isChannel)
          lost.push(`${m.header}=${cellText(cell)}`);
        continue;
      }
      const card = p.newClients[at];
      const journal = p.journal.filter((j) => 'newIndex' in j.client && j.client.newIndex === at);
      const places = [
        ...Object.values(card.values),
        ...Object.values(card.extra),
        ...journal.flatMap((j) => Object.values(j.values)),
      ].map(String);
      checked++;
      if (m.target.kind === 'extra' && m.target.rowNumber) {
        const kept = card.extra[m.extraHeader!] === cell || String(card.values.notes).includes(`${m.header}: ${cell}`);
        if (!kept) lost.push(`${m.header}=${cellText(cell)}`);
      } else if (isChannel && markValue(cell) === true) {
        if (!places.some((x) => x.includes((m.target as { channel: string }).channel))) lost.push(`${m.header}=+`);
      } else if (!appears(cell, places, m.dateOrder ?? 'dmy')) lost.push(`${m.header}=${cellText(cell)}`);
    }
    expect({ row: sheetRow, lost }).toEqual({ row: sheetRow, lost: [] });
  });
  return checked;
}

/** Card C-000001 as the base has it before the import: the patient of the sheet's first row, with fewer details. */
function petrova(): ExistingCard {
  return {
    id: 'C-000001',
    values: {
      id: 'C-000001',
      fullName: 'Петрова Анна Сергеевна',
      phone: '+79123456789',
      email: '',
      notes: 'Аллергия на лидокаин',
      stage: 'Новый лид',
      createdOn: '2026-02-20',
      purchases: 0,
      totalSpent: 0,
      lastContactOn: '',
    },
    extra: {},
  };
}

const card = (p: ImportPlan, name: string) => {
  const found = p.newClients.find((c) => String(c.values.fullName).includes(name));
  if (!found) throw new Error(`no card for ${name}`);
  return found;
};

describe('planImport: the typical clinic sheet, Russian and English, every wording', () => {
  const cases: Array<[string, Variant, Patient[], ImportEnv]> = [
    ...ruVariants.map((v) => [v.name, v, ruPatients, ruEnv] as [string, Variant, Patient[], ImportEnv]),
    ...enVariants.map((v) => [v.name, v, enPatients, enEnv] as [string, Variant, Patient[], ImportEnv]),
  ];

  it.each(cases)('%s: every source cell appears in the result', (_, variant, patients, env) => {
    const { table, mapping } = prepare(gridOf(variant, patients), env);
    const p = plan(table, mapping, env);
    // A sheet without a "№" column has no trace of the empty 7th patient; one with it has a numbered empty row.
    const numbered = mapping.columns.some((c) => c.target.kind === 'extra' && c.target.rowNumber);
    expect(table.rows).toHaveLength(numbered ? 7 : 6);
    expect(p.counts).toMatchObject({ rows: table.rows.length, emptyRows: numbered ? 1 : 0, newClients: 5 });
    expect(p.counts).toMatchObject({ mergedInFile: 1, unreadable: 3 });
    expect(expectNothingLost(table, mapping, p)).toBeGreaterThan(50);
  });

  it.each(cases)('%s: phones, dates, names come out normalised', (_, variant, patients, env) => {
    const { table, mapping } = prepare(gridOf(variant, patients), env);
    const p = plan(table, mapping, env);
    const ru = env.lang === 'ru';
    const first = card(p, ru ? 'Петрова' : 'Johnson');
    expect(first.values).toMatchObject({
      phone: ru ? '+7 912 345-67-89' : '+1 415 555 2671',
      email: ru ? 'anna.petrova@mail.ru' : 'emily.johnson@example.com',
      birthDate: '1985-03-14',
      firstContactOn: '2026-01-12',
      nextAppointmentOn: '2026-03-20T00:00',
      createdOn: '2026-01-12',
      source: ru ? 'Яндекс.Директ' : 'Google Ads',
    });
    expect(p.newClients.map((c) => c.values.phone)).toEqual(
      ru
        ? ['+7 912 345-67-89', '+7 912 111-22-33', '+7 912 345-67-80', '+7 912 345-67-00', '+7 912 000-11-22']
        : ['+1 415 555 2671', '+1 415 555 2672', '+1 415 555 2673', '+1 415 555 2674', '+1 415 555 2699'],
    );
    expect(card(p, ru ? 'Козлов' : 'Williams').values.birthDate).toBe('2001-11-05');
    expect(card(p, ru ? 'Иванов' : 'Smith').values.fullName).toBe(ru ? 'Иванов Сергей Петрович' : 'Michael Smith');
  });

  it.each(cases)('%s: unreadable dates and emails are reported and kept as text', (_, variant, patients, env) => {
    const { table, mapping } = prepare(gridOf(variant, patients), env);
    const p = plan(table, mapping, env);
    const ru = env.lang === 'ru';
    const bad = card(p, ru ? 'Сидорова' : 'Garcia');
    expect(bad.values.birthDate).toBe(ru ? '31.02.1990' : '02/31/1990');
    expect(bad.values.email).toBe(ru ? 'sidorova@@mail' : 'maria.garcia@@example');
    expect(bad.flagged.sort()).toEqual(['birthDate', 'email']);
    const problems = p.report.filter((r) => r.level === 'warning').map((r) => [r.sourceRow, r.value, r.code]);
    const row = (n: number) => table.firstDataRow + n - 1;
    expect(problems).toEqual([
      [row(3), ru ? '31.02.1990' : '02/31/1990', 'date.noSuchDay'],
      [row(3), ru ? 'sidorova@@mail' : 'maria.garcia@@example', 'email.invalid'],
      [row(6), ru ? 'в начале года' : 'early this year', 'date.invalid'],
    ]);
    expect(card(p, ru ? 'Новикова' : 'Miller').values.firstContactOn).toBe(ru ? 'в начале года' : 'early this year');
  });

  it.each(cases)('%s: first contacts become journal history and the funnel stage', (_, variant, patients, env) => {
    const { table, mapping } = prepare(gridOf(variant, patients), env);
    const p = plan(table, mapping, env);
    const ru = env.lang === 'ru';
    const first = p.journal.find((j) => 'newIndex' in j.client && j.client.newIndex === 0)!;
    expect(first.values).toMatchObject({
      at: '2026-01-12T00:00',
      clientName: p.newClients[0].values.fullName,
      type: ru ? 'Звонок' : 'Call',
      summary: ru ? 'Импорт: первое обращение' : 'Import: first contact',
      item: ru ? 'Кариес' : 'Cavity',
      source: ru ? 'Яндекс.Директ' : 'Google Ads',
    });
    expect(isFromImport(first.values.by, IMPORT)).toBe(true);
    expect(p.newClients.map((c) => c.values.stage)).toEqual(
      ru
        ? ['Первый контакт', 'Первый контакт', 'Первый контакт', 'Первый контакт', 'Новый лид']
        : ['First contact', 'First contact', 'First contact', 'First contact', 'New lead'],
    );
    // The duplicate row's later contact is logged too, as a plain contact, and counts for the last contact.
    expect(card(p, ru ? 'Петрова' : 'Johnson').values.lastContactOn).toBe('2026-02-03');
  });
});

describe('planImport: details of a row', () => {
  it('puts a client marked in several channel columns on the first, and names the others in the notes', () => {
    const { table, mapping } = prepare(gridOf(ruVariants[0], ruPatients), ruEnv);
    const p = plan(table, mapping, ruEnv, {}, 'keepApart');
    const both = p.newClients.find((c) => c.sourceRows.includes(table.firstDataRow + 4))!;
    expect(both.values.source).toBe('Яндекс.Директ');
    expect(both.values.notes).toBe('Другие источники: Instagram');
  });

  it('keeps a channel or a doctor the Settings do not list and offers them for the lists', () => {
    const { table, mapping } = prepare(
      [
        ['ФИО', 'Врач', 'Источник: Листовки у метро', 'Источник: Instagram'],
        ['Петрова Анна', 'Смирнова О.В.', '+', ''],
        ['Иванов Сергей', 'Смирнова О.В.', '', '+'],
      ],
      ruEnv,
    );
    const p = plan(table, mapping, ruEnv);
    expect(p.newClients.map((c) => c.values.source)).toEqual(['Листовки у метро', 'Instagram']);
    expect(p.listAdditions).toEqual({ staff: ['Смирнова О.В.'], channels: ['Листовки у метро'] });
  });

  it('joins surname, name and patronymic into the full name', () => {
    const { table, mapping } = prepare(gridOf(ruVariants[1], ruPatients), ruEnv);
    const p = plan(table, mapping, ruEnv);
    expect(p.newClients.map((c) => c.values.fullName)).toEqual([
      'Петрова Анна Сергеевна',
      'Иванов Сергей Петрович',
      'Сидорова Мария Ивановна',
      'Козлов Дмитрий Андреевич',
      'Новикова Елена',
    ]);
    expect(card(p, 'Иванов').extra).toEqual({ '№': 2, 'Телефон 2': '+7 342 212-85-06' });
    expect(p.extraColumns).toEqual([
      { header: '№', as: 'number' },
      { header: 'Телефон 2', as: 'phone' },
    ]);
  });

  it('turns visits, purchases and money into journal rows, milestones, stage and totals', () => {
    const { table, mapping } = prepare(
      [
        ['ФИО', 'Телефон', 'Первый визит', 'Последний визит', 'Сумма покупок', 'Статус'],
        ['Петрова Анна', '89123456789', '10.01.2025', '01.03.2026', '15 000', ''],
        ['Иванов Сергей', '89121112233', '', '05.02.2026', '', 'Отказ'],
        ['Козлов Дмитрий', '89123456700', '', '', '', 'Клиент'],
        ['Новикова Елена', '89120001122', '', '', '', 'VIP'],
      ],
      ruEnv,
    );
    const p = plan(table, mapping, ruEnv);
    const [anna, sergey, dmitry, elena] = p.newClients;
    expect(anna.values).toMatchObject({
      visitOn: '2025-01-10',
      firstContactOn: '2025-01-10',
      firstPurchaseOn: '2026-03-01',
      createdOn: '2025-01-10',
      stage: 'Клиент',
      purchases: 1,
      totalSpent: 15000,
      lastContactOn: '2026-03-01',
      lastPurchaseOn: '2026-03-01',
      frequency: 'Разовый',
      loyaltyPoints: 750,
    });
    const annaJournal = p.journal.filter((j) => 'newIndex' in j.client && j.client.newIndex === 0).map((j) => j.values);
    expect(annaJournal.map((v) => [v.at, v.type, v.summary, v.amount])).toEqual([
      ['2025-01-10T00:00', 'Визит', 'Импорт: первый визит', ''],
      ['2026-03-01T00:00', 'Визит', 'Импорт: последний визит', ''],
      ['2026-03-01T00:00', 'Покупка', 'Импорт: покупки до переноса в Картотеку', 15000],
    ]);
    // A lost client stays lost; a visit still fills the milestones.
    expect(sergey.values).toMatchObject({ stage: 'Отказ', visitOn: '2026-02-05', firstContactOn: '2026-02-05' });
    // A stage without dates: contact and visit get the import day, as a card saved today would; a first purchase
    // is only ever the day of a real purchase, so it stays empty (the funnel counts the client by the stage).
    expect(dmitry.values).toMatchObject({ stage: 'Клиент', firstContactOn: '2026-03-10', visitOn: '2026-03-10' });
    expect(dmitry.values.firstPurchaseOn).toBeUndefined();
    // A stage Settings does not know: the funnel stage follows the dates, the original goes to the notes.
    expect(elena.values).toMatchObject({ stage: 'Новый лид', notes: 'Статус: VIP', createdOn: '2026-03-10' });
    expect(p.report.map((r) => r.code)).toEqual(['stage.unknown']);
  });

  it('reports a column the user chose not to import, once', () => {
    const { table, mapping } = prepare(gridOf(ruVariants[2], ruPatients), ruEnv);
    const skipped: ImportMapping = {
      ...mapping,
      columns: mapping.columns.map((c) => (c.header === '15. Пол' ? { ...c, target: { kind: 'skip' } } : c)),
    };
    const p = plan(table, skipped, ruEnv);
    expect(p.report.filter((r) => r.code === 'column.skipped')).toEqual([
      {
        sourceRow: 1,
        column: '15. Пол',
        value: '',
        problem: 'Столбец «15. Пол» не импортирован по вашему выбору',
        code: 'column.skipped',
        level: 'info',
      },
    ]);
    expect(p.newClients.some((c) => Object.values(c.extra).includes('ж'))).toBe(false);
  });

  it('reports a row without a name and still keeps it as a card', () => {
    const { table, mapping } = prepare(
      [
        ['ФИО', 'Телефон'],
        ['Петрова Анна', '89123456789'],
        ['', '89121112233'],
      ],
      ruEnv,
    );
    const p = plan(table, mapping, ruEnv);
    expect(p.newClients[1].values.phone).toBe('+7 912 111-22-33');
    expect(p.report).toEqual([expect.objectContaining({ sourceRow: 3, code: 'name.missing', level: 'warning' })]);
  });
});

describe('planImport: duplicates against existing cards', () => {
  const base = petrova();
  const existing: ExistingCard[] = [
    {
      ...base,
      values: {
        ...base.values,
        address: '',
        birthDate: '1985-03-14',
        responsible: 'Кузнецов И.П.',
        firstContactOn: '',
      },
    },
    {
      id: 'C-000002',
      values: { id: 'C-000002', fullName: 'Козлов Дмитрий', phone: '', email: '', stage: 'Новый лид' },
    },
    {
      id: 'C-000003',
      values: { id: 'C-000003', fullName: 'Иванов Пётр', phone: '+79121112233', email: '', stage: 'Клиент' },
    },
  ];
  const source = () => prepare(gridOf(ruVariants[0], ruPatients), ruEnv);

  it('merge: fills only empty fields, puts conflicts in the notes and keeps every value it replaces', () => {
    const { table, mapping } = source();
    const p = plan(table, mapping, ruEnv, { existing });
    expect(p.counts).toMatchObject({ newClients: 4, mergedIntoExisting: 2, mergedInFile: 0 });
    expect(p.merges).toHaveLength(1);
    const m = p.merges[0];
    expect(m.targetId).toBe('C-000001');
    expect(m.sourceRows).toEqual([2, 6]);
    expect(m.patch).toMatchObject({
      email: 'anna.petrova@mail.ru',
      address: 'г. Пермь, ул. Ленина, д. 5, кв. 12',
      firstContactOn: '2026-01-12',
      createdOn: '2026-01-12',
      stage: 'Первый контакт',
      interest: 'Кариес',
      lastContactOn: '2026-02-03',
    });
    expect(String(m.patch.notes).split('\n')).toEqual([
      'Аллергия на лидокаин',
      'Из импорта IMP-20260310-120000 (строка 2): Ответственный: Смирнова О.В.',
      'Другие источники: Instagram',
      'Из импорта IMP-20260310-120000 (строка 6): Услуга (первый запрос): Отбеливание; Ответственный: Смирнова О.В.; ' +
        'Следующая запись: 2026-04-02T10:30; Что на записи: Отбеливание, второй сеанс; № п/п: 5',
    ]);
    // The card's own values are never overwritten: only empty cells, appended notes, earlier milestones, a later stage.
    for (const key of Object.keys(m.patch)) {
      const was = String(m.before[key]);
      const allowed = ['notes', 'createdOn', 'stage', 'lastContactOn', 'purchases', 'totalSpent'];
      if (was !== '' && was !== '0') expect(allowed).toContain(key);
    }
    expect(m.before).toMatchObject({
      email: '',
      notes: 'Аллергия на лидокаин',
      stage: 'Новый лид',
      createdOn: '2026-02-20',
    });
    expect(m.before.responsible).toBeUndefined();
    // The card's phone in the older stored form ('+79123456789') is the same number as the row's: no conflict.
    expect(m.patch.phone).toBeUndefined();
    expect(String(m.patch.notes)).not.toMatch(/Телефон/);
    expect(p.report.filter((r) => r.code === 'dup.merged').map((r) => [r.sourceRow, r.problem, r.clientId])).toEqual([
      [2, 'Добавлено к карточке C-000001 (телефон, имя)', 'C-000001'],
      [6, 'Добавлено к карточке C-000001 (телефон, имя)', 'C-000001'],
    ]);
    const notes = p.journal.filter((j) => 'id' in j.client && j.values.type === 'Заметка').map((j) => j.values.summary);
    expect(notes).toEqual([
      'Импорт IMP-20260310-120000: строка 2 добавлена к карточке (телефон, имя)',
      'Импорт IMP-20260310-120000: строка 6 добавлена к карточке (телефон, имя)',
    ]);
  });

  it('keepApart: a new card for each row, each decision in the report', () => {
    const { table, mapping } = source();
    const p = plan(table, mapping, ruEnv, { existing }, 'keepApart');
    expect(p.counts).toMatchObject({ newClients: 6, mergedIntoExisting: 0, keptApart: 2 });
    expect(p.merges).toEqual([]);
    expect(p.report.filter((r) => r.code === 'dup.keptApart').map((r) => r.problem)).toEqual([
      'Похож на C-000001 «Петрова Анна Сергеевна» (телефон, имя) — оставлен отдельной карточкой по вашему выбору',
      'Похож на C-000001 «Петрова Анна Сергеевна» (телефон, имя) — оставлен отдельной карточкой по вашему выбору',
    ]);
  });

  it('skip: the rows that match a card are left out and listed', () => {
    const { table, mapping } = source();
    const p = plan(table, mapping, ruEnv, { existing }, 'skip');
    expect(p.counts).toMatchObject({ newClients: 4, skipped: 2 });
    expect(p.newClients.some((c) => String(c.values.fullName).startsWith('Петрова'))).toBe(false);
    expect(p.report.filter((r) => r.code === 'dup.skipped').map((r) => r.sourceRow)).toEqual([2, 6]);
  });

  it('keeps apart a relative who shares the phone, and flags a namesake that may be the same person', () => {
    const { table, mapping } = source();
    const p = plan(table, mapping, ruEnv, { existing });
    // 'Иванов Сергей' has the phone of card 'Иванов Пётр' (a parent's phone on a child's card).
    expect(card(p, 'Иванов Сергей').values.phone).toBe('+7 912 111-22-33');
    expect(p.report.find((r) => r.code === 'dup.otherPerson')).toMatchObject({
      sourceRow: 3,
      clientId: 'C-000003',
      problem: 'Тот же контакт, что у C-000003 «Иванов Пётр» (телефон), но другое имя — оставлен отдельной карточкой',
    });
    // 'Козлов Дмитрий Андреевич' looks like card 'Козлов Дмитрий', which has no phone or birth date to tell.
    expect(p.report.find((r) => r.code === 'dup.possible')).toMatchObject({
      sourceRow: 5,
      level: 'warning',
      clientId: 'C-000002',
    });
  });
});

describe('planImport: chunks and the cursor', () => {
  it('imports in chunks with a cursor, each row once, to the same cards as one pass', () => {
    const { table, mapping } = prepare(gridOf(ruVariants[0], ruPatients), ruEnv);
    const whole: Sheet = { cards: [], journal: [], nextId: 1 };
    apply(plan(table, mapping, ruEnv), whole);

    const chunked: Sheet = { cards: [], journal: [], nextId: 1 };
    let progress = startProgress(IMPORT, table.firstDataRow, table.firstDataRow + table.rows.length - 1);
    const seen: number[] = [];
    let chunks = 0;
    while (!progress.done) {
      // Each execution reads the cards as they are now and plans the next two source rows.
      const p = plan(table, mapping, ruEnv, { existing: clone(chunked.cards), fromRow: progress.nextRow, maxRows: 2 });
      for (const c of p.newClients) seen.push(...c.sourceRows);
      for (const m of p.merges) seen.push(...m.sourceRows);
      progress = beginChunk(progress, p, `C-${String(chunked.nextId).padStart(6, '0')}`);
      apply(p, chunked);
      progress = commitChunk(progress);
      chunks++;
    }
    expect(chunks).toBe(4);
    expect(seen.sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(progress.counts).toMatchObject({ rows: 7, emptyRows: 1, newClients: 5, mergedIntoExisting: 1 });
    const without = (cards: ExistingCard[]) => cards.map((c) => ({ ...c.values, notes: undefined }));
    expect(without(chunked.cards)).toEqual(without(whole.cards));
    const contacts = (s: Sheet) =>
      s.journal
        .filter((j) => j.type !== 'Заметка')
        .map((j) => `${j.clientId} ${j.at} ${j.summary}`)
        .sort();
    expect(contacts(chunked)).toEqual(contacts(whole));
  });

  it('plans only the rows asked for and says where the next chunk starts', () => {
    const { table, mapping } = prepare(gridOf(ruVariants[0], ruPatients), ruEnv);
    const p = plan(table, mapping, ruEnv, { fromRow: 3, maxRows: 2 });
    expect(p.newClients.flatMap((c) => c.sourceRows)).toEqual([3, 4]);
    expect(p.cursor).toEqual({ nextRow: 5, done: false });
    // A table holding only one chunk of a longer source: the cursor knows the whole source's last row.
    const slice: SourceTable = { ...table, rows: table.rows.slice(5, 7), firstDataRow: 7 };
    expect(plan(slice, mapping, ruEnv, { lastRow: 8 }).cursor).toEqual({ nextRow: 9, done: true });
    expect(plan(slice, mapping, ruEnv, { lastRow: 20 }).cursor).toEqual({ nextRow: 9, done: false });
  });

  it('resumes after a stop mid-chunk without planning a written chunk again', () => {
    const { table, mapping } = prepare(gridOf(ruVariants[0], ruPatients), ruEnv);
    const start = startProgress(IMPORT, 2, 8);
    const p = plan(table, mapping, ruEnv, { fromRow: 2, maxRows: 3 });
    const pending = beginChunk(start, p, 'C-000001');
    expect(resumeProgress(pending, true)).toMatchObject({ nextRow: 5, done: false, counts: { newClients: 3 } });
    expect(resumeProgress(pending, false)).toEqual(start);
  });

  it('makes an import ID from the moment it starts', () => {
    expect(importIdAt('2026-03-15T10:12:30')).toBe('IMP-20260315-101230');
  });
});

/** Cards as cells: a field missing from a record and an empty cell are the same cell. */
const cells = (cards: ExistingCard[]) =>
  cards.map((c) => ({
    id: c.id,
    values: Object.fromEntries(Object.entries(c.values).filter(([, v]) => v !== '')),
    extra: Object.fromEntries(Object.entries(c.extra ?? {}).filter(([, v]) => v !== '')),
  }));

describe('planUndo', () => {
  const original: ExistingCard[] = [
    { ...petrova(), extra: { '№': '' } },
    { id: 'C-000002', values: { id: 'C-000002', fullName: 'Орлова Ирина', phone: '+79995550000', stage: 'Клиент' } },
  ];

  function imported() {
    const sheet: Sheet = {
      cards: clone(original),
      journal: [{ clientId: 'C-000002', by: 'anna', summary: 'звонок' }],
      nextId: 3,
    };
    const { table, mapping } = prepare(gridOf(ruVariants[0], ruPatients), ruEnv);
    // Two chunks, so the card is merged into twice.
    const chunks = [
      apply(plan(table, mapping, ruEnv, { existing: clone(sheet.cards), fromRow: 2, maxRows: 3 }), sheet),
      apply(plan(table, mapping, ruEnv, { existing: clone(sheet.cards), fromRow: 5, maxRows: 10 }), sheet),
    ];
    return { sheet, chunks };
  }

  function undo(sheet: Sheet, u: ReturnType<typeof planUndo>) {
    sheet.cards = sheet.cards.filter((c) => !u.removeClientIds.includes(c.id));
    sheet.journal = sheet.journal.filter((j) => !isFromImport(j.by, u.journalMarker));
    for (const r of u.restore) {
      const c = sheet.cards.find((x) => x.id === r.id)!;
      Object.assign(c.values, r.values);
      Object.assign(c.extra!, r.extra);
    }
  }

  it('removes exactly the imported cards and journal rows and restores the merged card cell for cell', () => {
    const { sheet, chunks } = imported();
    expect(sheet.cards).toHaveLength(2 + 4);
    expect(sheet.cards[0].values.email).toBe('anna.petrova@mail.ru');
    const u = planUndo(chunks, sheet.cards, 'ru');
    expect(u.removeClientIds).toEqual(['C-000003', 'C-000004', 'C-000005', 'C-000006']);
    expect(u.conflicts).toEqual([]);
    undo(sheet, u);
    expect(cells(sheet.cards)).toEqual(cells(original));
    expect(sheet.cards[0].values).toEqual({ ...original[0].values, ...u.restore[0].values });
    expect(sheet.journal).toEqual([{ clientId: 'C-000002', by: 'anna', summary: 'звонок' }]);
  });

  it('leaves a cell someone changed after the import as they made it, and says so', () => {
    const { sheet, chunks } = imported();
    sheet.cards[0].values.email = 'anna@new.ru';
    sheet.cards[0].values.lastContactOn = '2026-03-09';
    const u = planUndo(chunks, sheet.cards, 'ru');
    expect(u.conflicts.map((c) => c.message)).toEqual([
      'Карточка C-000001: «email» изменено после импорта — оставлено как есть',
    ]);
    expect(u.recomputeIds).toEqual(['C-000001']);
    undo(sheet, u);
    expect(sheet.cards[0].values).toMatchObject({
      email: 'anna@new.ru',
      stage: 'Новый лид',
      notes: 'Аллергия на лидокаин',
    });
  });
});
