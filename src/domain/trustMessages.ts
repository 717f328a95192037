// Russian and English texts of the trust features: integrity stops, roles, the audit log, the daily check, restore.
import type { Lang } from '../i18n';

const ru = {
  'purchase.amountRequired': '{field}: для покупки укажите сумму, например: 1 500',
  'id.duplicate':
    'ID {id} стоит в нескольких строках вкладки «{tab}» (строки {rows}) — ничего не записано. Оставьте ID только у одной строки (у копии очистите ячейку ID: пересчёт даст ей новый) и повторите.',
  'layout.missingColumn':
    'На вкладке «{tab}» пропал столбец «{column}» — ничего не изменено. Отмените удаление (Ctrl+Z) или выполните Картотека → Настроить / восстановить базу: столбец вернётся на место.',
  'layout.headerMissing':
    'На вкладке «{tab}» пропала строка заголовков (в строке 1 данные) — ничего не изменено. Отмените удаление (Ctrl+Z) или выполните Картотека → Настроить / восстановить базу: заголовки вернутся.',
  'layout.settingsBroken':
    'Вкладка «Настройки» потеряла списки или значения — ничего не сохранено. Выполните Картотека → Настроить / восстановить базу.',
  'role.refused':
    'Это может только владелец таблицы ({owner}) или администратор из списка «Администраторы» в Настройках: {action}. Ничего не изменено.',
  'role.unknownUser':
    'Картотека не видит ваш адрес Google, поэтому не может проверить права: {action}. Ничего не изменено.',
  'action.settings': 'менять настройки',
  'action.merge': 'объединять карточки',
  'action.setup': 'настраивать и восстанавливать базу',
  'action.triggers': 'включать и выключать триггеры и рассылку',
  'action.restore': 'восстанавливать клиентов',
  'action.undoImport': 'отменять импорт',
  'action.audit': 'проверять журнал изменений',
  'settings.listTooLong': '{field}: не больше {max} строк (сейчас {count})',
  'settings.itemTooLong': '{field}: строка {n} длиннее {max} символов',
  'settings.itemNotText': '{field}: строка {n} — не текст',
  'recompute.duplicates': 'Повторяющиеся ID (эти строки не пересчитаны): {list}.',
  'recompute.orphans': 'Строки журнала с неизвестным клиентом: {rows}.',
  'recompute.unreadable': 'Суммы в журнале, которые не читаются как число (не учтены): строки {rows}.',
  'note.invalidEmail': 'Картотека: это не адрес почты — исправьте.',
  'note.duplicatePhone': 'Картотека: такой же телефон у {id} (строка {row}) — возможно, это один человек.',
  'note.duplicateId': 'Картотека: ID {id} уже есть в строке {row}. Очистите ID копии — пересчёт даст новый.',
  'warning.duplicatePhone': 'Такой же телефон у {id} ({name}) — возможно, это один человек.',
  'warning.invalidEmail': 'Адрес почты «{value}» не похож на адрес — исправьте.',
  'audit.ok': 'Журнал изменений цел: {count} записей, цепочка не нарушена.',
  'audit.altered': 'запись в строке {row} изменена',
  'audit.missing': 'удалены записи перед строкой {row}',
  'audit.truncated': 'удалены последние записи (ожидалось {expected}, есть {count})',
  'audit.broken': 'Журнал изменений повреждён: {problems}.',
  'audit.handEdit': 'правка вручную',
  'audit.paste': 'вставка вручную',
  'audit.rowsRemoved': 'удалены строки вручную',
  'audit.columnsRemoved': 'удалены столбцы вручную',
  'audit.summary': '{count} изменений',
  'integrity.title': 'Проверка базы',
  'integrity.ok': 'Проверка базы: {count} клиентов, ничего не пропало.',
  'integrity.first': 'Проверка базы: снимок {count} клиентов сохранён — с завтрашнего дня Картотека сравнивает с ним.',
  'integrity.vanished': 'Пропали клиенты ({count}): {list}. Вернуть: Картотека → Восстановить пропавших клиентов.',
  'integrity.blanked': 'У клиентов стёрты имя или контакты ({count}): {list}.',
  'integrity.duplicates': 'Повторяющиеся ID: {list}.',
  'integrity.triggers': 'Триггеры правок не установлены: выполните Картотека → Настроить / восстановить базу.',
  'restore.done': 'Восстановлено клиентов: {count} ({list}).',
  'restore.none': 'Восстанавливать некого: все клиенты из снимка на месте.',
  'restore.ids': 'ID возвращены строкам по снимку и журналу: {count}.',
  'menu.checkIntegrity': 'Проверить базу',
  'menu.restore': 'Восстановить пропавших клиентов',
  'menu.verifyAudit': 'Проверить журнал изменений',
  'protect.ownerOnly': 'Картотека: править эту вкладку могут только владелец и администраторы.',
  'conflict.changed':
    'Карточку успели изменить (объединение или другой сотрудник): {fields}. Ничего не сохранено — откройте карточку заново и повторите.',
  'tab.audit': 'Аудит',
  'tab.snapshot': 'Снимок базы',
};

type Key = keyof typeof ru;

const en: Record<Key, string> = {
  'purchase.amountRequired': '{field}: a purchase needs its amount, e.g. 1,500',
  'id.duplicate':
    'ID {id} is in several rows of the tab "{tab}" (rows {rows}): nothing was written. Keep the ID in one row only (clear the copy\'s ID cell: recompute gives it a new one) and try again.',
  'layout.missingColumn':
    'The column "{column}" of the tab "{tab}" is gone: nothing was changed. Undo the deletion (Ctrl+Z), or run Kartoteka → Set up / repair database to put it back.',
  'layout.headerMissing':
    'The header row of the tab "{tab}" is gone (row 1 holds data): nothing was changed. Undo the deletion (Ctrl+Z), or run Kartoteka → Set up / repair database to restore the headers.',
  'layout.settingsBroken':
    'The Settings tab has lost its lists or values: nothing was saved. Run Kartoteka → Set up / repair database.',
  'role.refused':
    'Only the owner of the spreadsheet ({owner}) or an admin listed under "Admins" in Settings may {action}. Nothing was changed.',
  'role.unknownUser':
    'Kartoteka cannot see your Google address, so it cannot check who may {action}. Nothing was changed.',
  'action.settings': 'change Settings',
  'action.merge': 'merge client cards',
  'action.setup': 'set up or repair the database',
  'action.triggers': 'turn triggers and reminders on or off',
  'action.restore': 'restore clients',
  'action.undoImport': 'undo an import',
  'action.audit': 'verify the audit log',
  'settings.listTooLong': '{field}: {max} items at most (this list has {count})',
  'settings.itemTooLong': '{field}: item {n} is longer than {max} characters',
  'settings.itemNotText': '{field}: item {n} is not text',
  'recompute.duplicates': 'Duplicate IDs (these rows were not recomputed): {list}.',
  'recompute.orphans': 'Journal rows of unknown clients: {rows}.',
  'recompute.unreadable': 'Journal amounts that are not numbers (not counted): rows {rows}.',
  'note.invalidEmail': 'Kartoteka: this is not an email address — please fix it.',
  'note.duplicatePhone': 'Kartoteka: {id} (row {row}) has the same phone — maybe the same person.',
  'note.duplicateId': "Kartoteka: ID {id} is already in row {row}. Clear the copy's ID — recompute gives it a new one.",
  'warning.duplicatePhone': '{id} ({name}) has the same phone — maybe the same person.',
  'warning.invalidEmail': 'The email "{value}" does not look like an address — please fix it.',
  'audit.ok': 'The audit log is intact: {count} entries, the chain is unbroken.',
  'audit.altered': 'the entry in row {row} was changed',
  'audit.missing': 'entries before row {row} were deleted',
  'audit.truncated': 'the last entries were deleted ({expected} expected, {count} present)',
  'audit.broken': 'The audit log was tampered with: {problems}.',
  'audit.handEdit': 'edited by hand',
  'audit.paste': 'pasted by hand',
  'audit.rowsRemoved': 'rows removed by hand',
  'audit.columnsRemoved': 'columns removed by hand',
  'audit.summary': '{count} changes',
  'integrity.title': 'Database check',
  'integrity.ok': 'Database check: {count} clients, nothing vanished.',
  'integrity.first':
    'Database check: a snapshot of {count} clients was saved; from tomorrow Kartoteka compares with it.',
  'integrity.vanished': 'Clients vanished ({count}): {list}. To bring them back: Kartoteka → Restore vanished clients.',
  'integrity.blanked': 'Clients whose name or contacts were blanked ({count}): {list}.',
  'integrity.duplicates': 'Duplicate IDs: {list}.',
  'integrity.triggers': 'The edit triggers are not installed: run Kartoteka → Set up / repair database.',
  'restore.done': 'Clients restored: {count} ({list}).',
  'restore.none': 'Nobody to restore: every client of the snapshot is in place.',
  'restore.ids': 'IDs given back to rows from the snapshot and the journal: {count}.',
  'menu.checkIntegrity': 'Check the database',
  'menu.restore': 'Restore vanished clients',
  'menu.verifyAudit': 'Verify the audit log',
  'protect.ownerOnly': 'Kartoteka: only the owner and the admins may edit this tab.',
  'conflict.changed':
    'The card was changed meanwhile (a merge or a teammate): {fields}. Nothing was saved — reopen the card and try again.',
  'tab.audit': 'Audit',
  'tab.snapshot': 'Database snapshot',
};

export type TrustKey = Key;

/** The text for key in lang with {name} placeholders filled from params. */
export function trustText(lang: Lang, key: TrustKey, params: Record<string, string | number> = {}): string {
  const template = (lang === 'ru' ? ru : en)[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A short list for a message: the first few items and how many more. */
export function shortList(items: Array<string | number>, max = 10, lang: Lang = 'en'): string {
  const shown = items.slice(0, max).join(', ');
  const more = items.length - max;
  if (more <= 0) return shown;
  return lang === 'ru' ? `${shown} и ещё ${more}` : `${shown} and ${more} more`;
}
