// The import sidebar's own Russian and English texts.
import type { Lang } from '../../src/i18n';

const ru = {
  source: 'Лист с данными',
  noSources:
    'Нет листа для импорта. Вставьте данные на новый лист или откройте файл: Файл → Импорт → «Вставить новые листы».',
  rows: '{rows} {rows:строка|строки|строк}',
  check: 'Показать сопоставление',
  found: 'Лист «{sheet}»: строк с данными {rows}, заголовок в строке {headerRow}. В базе сейчас карточек: {clients}.',
  noHeader: 'Лист «{sheet}»: строк с данными {rows}, без заголовка. В базе сейчас карточек: {clients}.',
  columns: 'Столбцы и поля',
  columnsHint: 'Проверьте, куда попадёт каждый столбец. Ничего не теряется: лишние столбцы станут отдельными.',
  goesTo: 'Куда: {header}',
  checkIt: 'проверьте',
  yours: 'ваш выбор',
  duplicates: 'Если клиент уже есть',
  merge: 'Объединять: дополнить карточку пустыми полями, различия — в заметки',
  keepApart: 'Оставлять отдельно: новая карточка, сходство — в отчёт',
  skip: 'Пропускать такие строки (они будут в отчёте)',
  sample:
    'Первые строки ({rows}): новых карточек {newClients}, дубликатов {duplicates}, значений оставлено как было {unreadable}',
  problems: 'Что найдено в первых строках ({n})',
  problemRow: 'строка {row}',
  lists: 'Новые значения для списков настроек',
  addToLists: 'Добавить их в списки настроек',
  importRows: 'Импортировать {rows} {rows:строку|строки|строк}',
  importing: 'Импортируется строк: {rows}… Не закрывайте панель.',
  continuing:
    'Импортировано {done} из {total} {total:строки|строк|строк}; остальное продолжится само примерно через минуту.',
  done: 'Готово',
  counts:
    'Новых карточек: {newClients} · дополнено: {merged} · в журнал: {journal} · пропущено: {skipped} · оставлено как было: {unreadable}',
  reportHint: 'Все проблемы и решения по дубликатам — на листе «{tab}».',
  undo: 'Отменить этот импорт',
  undoSure: 'Удалить карточки и записи журнала этого импорта и вернуть дополненные карточки?',
  undoYes: 'Да, отменить',
  another: 'Импортировать ещё',
  undone: 'Импорт отменён',
  last: 'Последний импорт: {importId} с листа «{sheet}» — {state}',
  stateRunning: 'идёт',
  stateDone: 'завершён',
  stateFailed: 'остановлен',
  stateUndone: 'отменён',
};

const en: typeof ru = {
  source: 'Tab with the data',
  noSources:
    'No tab to import from. Paste the data on a new tab, or open a file: File → Import → "Insert new sheet(s)".',
  rows: '{rows} {rows:row|rows|rows}',
  check: 'Show the mapping',
  found: 'Tab "{sheet}": {rows} data rows, the header in row {headerRow}. The base holds {clients} cards now.',
  noHeader: 'Tab "{sheet}": {rows} data rows, no header. The base holds {clients} cards now.',
  columns: 'Columns and fields',
  columnsHint: 'Check where each column goes. Nothing is lost: columns without a field become columns of their own.',
  goesTo: 'Goes to: {header}',
  checkIt: 'check',
  yours: 'your choice',
  duplicates: 'When the client is already there',
  merge: 'Merge: fill the empty fields of the card, differences go to the notes',
  keepApart: 'Keep apart: a new card, the likeness goes to the report',
  skip: 'Skip such rows (they are listed in the report)',
  sample:
    'First {rows} {rows:row|rows|rows}: {newClients} new cards, {duplicates} duplicates, {unreadable} values kept as they were',
  problems: 'Found in the first rows ({n})',
  problemRow: 'row {row}',
  lists: 'New values for the Settings lists',
  addToLists: 'Add them to the Settings lists',
  importRows: 'Import {rows} {rows:row|rows|rows}',
  importing: 'Importing {rows} {rows:row|rows|rows}… Keep this panel open.',
  continuing: '{done} of {total} rows imported; the rest continues by itself in about a minute.',
  done: 'Done',
  counts:
    'New cards: {newClients} · filled in: {merged} · journal: {journal} · skipped: {skipped} · kept as they were: {unreadable}',
  reportHint: 'Every problem and duplicate decision is on the "{tab}" tab.',
  undo: 'Undo this import',
  undoSure: 'Remove the cards and journal entries of this import and put back the cards it filled in?',
  undoYes: 'Yes, undo',
  another: 'Import another',
  undone: 'Import undone',
  last: 'Last import: {importId} from tab "{sheet}" — {state}',
  stateRunning: 'running',
  stateDone: 'finished',
  stateFailed: 'stopped',
  stateUndone: 'undone',
};

export type ImportKey = keyof typeof ru;

/** The form of a word for n: one (1, 21), few (2–4, 22–24) or many (5–20, 25…), by Russian rules; English by n = 1. */
export function pluralForm(lang: Lang, n: number, forms: [string, string, string]): string {
  const abs = Math.abs(n);
  if (lang === 'en') return abs === 1 ? forms[0] : forms[2];
  const mod10 = abs % 10;
  const mod100 = abs % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

/** The text for key with {name} filled and {name:one|few|many} as the word's form for that number. */
export function imt(lang: Lang, key: ImportKey, params: Record<string, string | number> = {}): string {
  const text = (lang === 'ru' ? ru : en)[key];
  return text
    .replace(/\{(\w+):([^|}]*)\|([^|}]*)\|([^}]*)\}/g, (m, name: string, one: string, few: string, many: string) =>
      name in params ? pluralForm(lang, Number(params[name]), [one, few, many]) : m,
    )
    .replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
