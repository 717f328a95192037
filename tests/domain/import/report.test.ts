// Tests for what people read about an import: the report tab's rows, the summary line, the preview.
import {
  applyMappingOverrides,
  importSummary,
  planImport,
  previewImport,
  reportCells,
  reportHeaders,
} from '../../../src/domain/import';
import { enEnv, enPatients, enVariants, gridOf, ruEnv, ruPatients, ruVariants } from './fixtures';

describe('the Import report tab', () => {
  it('has one localized header row and one row per problem or decision', () => {
    expect(reportHeaders('ru')).toEqual([
      'Импорт',
      'Строка',
      'Столбец',
      'Значение',
      'Что не так / что сделано',
      'Карточка',
    ]);
    expect(reportHeaders('en')).toEqual(['Import', 'Row', 'Column', 'Value', 'Problem / what was done', 'Card']);
    const preview = previewImport(gridOf(ruVariants[0], ruPatients), ruEnv, []);
    expect(preview.sample.report.map((r) => reportCells('IMP-1', r))).toEqual([
      [
        'IMP-1',
        4,
        'Дата рождения',
        '31.02.1990',
        'Дата рождения: такого дня нет в календаре — проверьте число и месяц; оставлено как было',
        '',
      ],
      [
        'IMP-1',
        4,
        'E-mail',
        'sidorova@@mail',
        'E-mail: не похоже на адрес почты — пример: anna@example.ru; оставлено как было',
        '',
      ],
      [
        'IMP-1',
        6,
        '',
        'Петрова Анна Сергеевна',
        'Та же карточка, что в строке 2 (телефон, имя) — данные объединены',
        '',
      ],
      ['IMP-1', 7, 'Дата первого обращения', 'в начале года', expect.stringContaining('не похоже на дату'), ''],
    ]);
  });
});

describe('importSummary', () => {
  it('says in one line what the import did, in the sheet language', () => {
    const preview = previewImport(gridOf(enVariants[0], enPatients), enEnv, []);
    expect(importSummary('en', 'IMP-1', preview.sample.counts)).toBe(
      'Import IMP-1: 6 rows, 5 new cards, 0 cards filled in, 5 journal entries; 3 values kept as they were (see the report)',
    );
    expect(
      importSummary('ru', 'IMP-2', {
        rows: 10,
        emptyRows: 0,
        newClients: 7,
        mergedIntoExisting: 1,
        mergedInFile: 0,
        keptApart: 0,
        skipped: 2,
        journalEntries: 9,
        unreadable: 0,
      }),
    ).toBe(
      'Импорт IMP-2: строк 10, новых карточек 7, дополнено карточек 1, записей в журнал 9; пропущено дубликатов 2',
    );
  });
});

describe('previewImport', () => {
  it('shows where the data is, the mapping with samples, and what the first rows would give, writing nothing', () => {
    const grid = gridOf(ruVariants[1], ruPatients);
    const before = JSON.stringify(grid);
    const preview = previewImport(grid, ruEnv, []);
    expect(preview.table).toEqual({ headerRow: 3, headerRows: 1, firstDataRow: 4, lastRow: 10 });
    expect(preview.mapping.columns.find((c) => c.header === 'Д.р.')!.samples).toEqual([
      '14.03.1985',
      '01.07.1979',
      '31.02.1990',
    ]);
    expect(preview.sample.counts).toMatchObject({ rows: 7, newClients: 5, mergedInFile: 1, unreadable: 3 });
    expect(JSON.stringify(grid)).toBe(before);
  });

  it('follows the header row and the mapping the user chose', () => {
    const grid = gridOf(ruVariants[0], ruPatients);
    const first = previewImport(grid, ruEnv, []);
    const changed = applyMappingOverrides(first.mapping, [{ column: 10, target: { kind: 'skip' } }], ruEnv);
    if (!changed.ok) throw new Error(changed.errors.join());
    const again = previewImport(grid, ruEnv, [], { mapping: changed.mapping });
    expect(again.sample.report.filter((r) => r.code === 'column.skipped').map((r) => r.column)).toEqual([
      'Адрес проживания',
    ]);
    // Row 2 as the header: the first patient is read as the header and the rest as data.
    expect(previewImport(grid, ruEnv, [], { headerRow: 2 }).table).toMatchObject({ headerRow: 2, firstDataRow: 3 });
  });

  it('plans at most the first rows of a long tab', () => {
    const grid = gridOf(
      ruVariants[0],
      Array.from({ length: 300 }, (_, i) => ({
        ...ruPatients[1],
        n: i + 1,
        phone: `8912${String(i).padStart(7, '0')}`,
        email: '',
      })),
    );
    const preview = previewImport(grid, ruEnv, []);
    expect(preview.table.lastRow).toBe(301);
    expect(preview.sample.counts.rows).toBe(200);
    const whole = planImport({
      importId: 'IMP-1',
      table: { headerRow: 1, headerRows: 1, headers: grid[0] as string[], rows: grid.slice(1), firstDataRow: 2 },
      mapping: preview.mapping,
      existing: [],
      options: { duplicates: 'keepApart' },
      env: ruEnv,
      by: '',
      now: '2026-03-10T12:00',
    });
    expect(whole.counts.rows).toBe(300);
  });
});
