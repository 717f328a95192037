// Formula injection through every write path of the built add-on: sidebars' entries, settings, merge, the edit
// trigger's stamping and the audit log. Each payload is stored as the text typed, and no cell becomes a formula.
import { col } from '../server/helpers';
import { addClients, clinic } from '../server/trustWorld';
import { FORMULA_PAYLOADS } from './payloads';

const C = 'Клиенты';
const J = 'Журнал';
const PLAIN_TABS = ['Клиенты', 'Журнал', 'Настройки', 'Аудит', 'Снимок базы'];
const TEXT_FIELDS = [
  'address',
  'company',
  'callHours',
  'notes',
  'interests',
  'familyDates',
  'plannedGesture',
  'nextStep',
];

/** What a payload is stored as: the text, tidied as any text field is (trimmed, one kind of line break). */
const stored = (p: string) => p.replace(/\r\n?/g, '\n').trim();

function noFormulas(c: ReturnType<typeof clinic>) {
  for (const tab of PLAIN_TABS) {
    const formulas = c.wb.formulas(tab).flat();
    expect({ tab, formulas: formulas.filter((f) => f !== '') }).toEqual({ tab, formulas: [] });
  }
}

describe('formula injection', () => {
  it(`stores ${FORMULA_PAYLOADS.length} payloads as text through addClient and updateClient, in every text field`, () => {
    const c = clinic();
    for (const p of FORMULA_PAYLOADS) {
      const fields = Object.fromEntries(TEXT_FIELDS.map((k) => [k, p]));
      const added = c.call('addClient', { fullName: 'Петрова Анна', ...fields, interest: p, allowDuplicate: true });
      expect(added.ok).toBe(true);
      const row = c.values(C)[added.row - 1];
      expect(row[col(c.values(C), 'Адрес')]).toBe(stored(p));
      expect(row[col(c.values(C), 'Заметки и предупреждения')]).toBe(stored(p));
      expect(c.call('updateClient', added.id, { company: `${p} `, tags: p }).ok).toBe(true);
      expect(c.cell(C, 'Компания', added.row)).toBe(stored(p));
    }
    noFormulas(c);
  });

  it('stores them as text through logContact, updateSettings, merge and the audit log', () => {
    const c = clinic();
    const [a, b] = addClients(c, [{ fullName: 'Петрова Анна' }, { fullName: 'Петрова Анна Сергеевна' }]);
    for (const p of FORMULA_PAYLOADS) {
      const r = c.call('logContact', { clientId: a, type: 'Звонок', summary: p, item: p, nextStep: p });
      expect(r.ok).toBe(true);
      const j = c.values(J);
      expect(j[j.length - 1][col(j, 'Что было')]).toBe(stored(p));
    }
    const items = FORMULA_PAYLOADS.map(stored).filter((p, i, all) => p && all.indexOf(p) === i);
    const saved = c.call('updateSettings', { lists: { services: items, staff: items, lostReasons: items } });
    expect(saved.ok).toBe(true);
    expect(c.call('getSettings').settings.lists.staff).toEqual(items);
    c.call('updateClient', b, { notes: FORMULA_PAYLOADS.join('\n'), address: '=1+1' });
    expect(c.call('mergeClients', a, b).ok).toBe(true);
    c.call('checkIntegrity');
    expect(c.call('verifyAudit').intact).toBe(true);
    noFormulas(c);
  });

  it('the edit trigger’s stamps on a row typed by hand never turn a Settings label into a formula', () => {
    const c = clinic();
    const stages = [
      { label: '=1+1', milestone: 'lead' },
      { label: '+Клиент', milestone: 'client' },
      { label: '@Отказ', milestone: 'lost' },
    ];
    expect(c.call('updateSettings', { lists: { stages } }).ok).toBe(true);
    const v = c.values(C);
    c.wb.edit(C, `${String.fromCharCode(65 + col(v, 'ФИО'))}2`, 'Кузнецова Ольга');
    expect(c.cell(C, 'Стадия', 2)).toBe('=1+1');
    expect(String(c.cell(C, 'ID', 2))).toMatch(/^C-\d{6}$/);
    noFormulas(c);
  });
});
