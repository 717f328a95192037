// The trust rules as plain data: required columns, a vanished header row, duplicate IDs, the snapshot comparison,
// ID recovery, roles, the audit hash chain, and the hardened payload validation.
import { createHash } from 'node:crypto';
import { AUDIT_TAB, chainEntries, verifyChain } from '../../../src/domain/audit';
import { CLIENT_FIELDS, TABS } from '../../../src/domain/fields';
import {
  compareSnapshot,
  duplicateIds,
  headerRowMissing,
  recoverIds,
  requiredKeys,
  unreadableAmount,
} from '../../../src/domain/integrity';
import { roundMoney } from '../../../src/domain/normalize/amount';
import { adminEmails, mayDo, roleOf } from '../../../src/domain/roles';
import { defaultSettings } from '../../../src/domain/settings';
import { validateClient, validateContact } from '../../../src/domain/validate';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const env = {
  lang: 'ru' as const,
  settings: defaultSettings('ru', 'ru_RU'),
  timeZone: 'Europe/Moscow',
  locale: 'ru_RU',
  today: '2026-03-15',
  now: '2026-03-15T09:00',
};

describe('integrity rules', () => {
  it('the columns a tab cannot live without: IDs, required fields, history amounts', () => {
    expect(requiredKeys(TABS.clients)).toEqual(['fullName', 'id']);
    expect(requiredKeys(TABS.journal)).toEqual(['at', 'clientId', 'type', 'amount']);
  });

  it('row 1 holding data, not headers, is told from renamed headers', () => {
    const columns = { fullName: 1, id: 2, createdOn: 3 };
    expect(headerRowMissing(TABS.clients, columns, ['Петрова Анна', 'C-000001', new Date()])).toBe(true);
    expect(headerRowMissing(TABS.clients, columns, ['ФИО клиента', 'ID', 'Создан'])).toBe(false);
    expect(headerRowMissing(TABS.clients, columns, ['Имя', 'Код', 'Когда'], { fullName: 'Имя' })).toBe(false);
  });

  it('duplicate IDs with their rows; unreadable amounts', () => {
    expect([
      ...duplicateIds([
        { row: 2, id: 'C-1' },
        { row: 5, id: 'C-1' },
        { row: 3, id: 'C-2' },
      ]),
    ]).toEqual([['C-1', [2, 5]]]);
    expect(['abc', '12abc', '1e-7'].map(unreadableAmount)).toEqual([true, true, true]);
    expect(['', 1500, '1 500,50', "1'500"].map(unreadableAmount)).toEqual([false, false, false, false]);
  });

  it('the snapshot comparison: vanished, blanked and changed clients', () => {
    const prev = [
      { id: 'C-1', fullName: 'Анна', phone: '+7', email: '', data: '{}' },
      { id: 'C-2', fullName: 'Пётр', phone: '', email: 'p@x.ru', data: '{}' },
      { id: 'C-3', fullName: 'Мария', phone: '', email: '', data: '{}' },
    ];
    const now = [
      { row: 2, id: 'C-2', fullName: '', phone: '', email: '' },
      { row: 3, id: 'C-3', fullName: 'Мария Ивановна', phone: '', email: '' },
      { row: 4, id: 'C-4', fullName: 'Новый', phone: '', email: '' },
    ];
    const d = compareSnapshot(prev, now);
    expect(d.vanished.map((v) => v.id)).toEqual(['C-1']);
    expect(d.blanked.map((b) => [b.before.id, b.row])).toEqual([['C-2', 2]]);
    expect(d.changed.map((c) => c.id)).toEqual(['C-2', 'C-3', 'C-4']);
  });

  it('IDs recovered only where exactly one known client matches', () => {
    const rows = [
      { row: 2, id: '', fullName: 'Петрова Анна', phone: '+7912' },
      { row: 3, id: '', fullName: 'Иванов Пётр' },
      { row: 4, id: 'C-000009', fullName: 'Сидоров' },
      { row: 5, id: '', fullName: 'Двойной' },
    ];
    const known = [
      { id: 'C-000001', fullName: 'Петрова Анна', phone: '+7912' },
      { id: 'C-000002', fullName: 'Иванов Пётр' },
      { id: 'C-000007', fullName: 'Двойной' },
      { id: 'C-000008', fullName: 'Двойной' },
    ];
    expect([...recoverIds(rows, known)]).toEqual([
      [2, 'C-000001'],
      [3, 'C-000002'],
    ]);
  });
});

describe('roles', () => {
  it('the owner and the admins named in Settings; a hidden address is an editor', () => {
    expect(adminEmails(['Boris@Clinic.test, vera@clinic.test', 'not an email'])).toEqual([
      'boris@clinic.test',
      'vera@clinic.test',
    ]);
    expect(roleOf('anna@clinic.test', 'Anna@clinic.test', [])).toBe('owner');
    expect(roleOf('boris@clinic.test', 'anna@clinic.test', ['boris@clinic.test'])).toBe('admin');
    expect(roleOf('', '', [])).toBe('editor');
    expect(mayDo('editor', 'merge')).toBe(false);
    expect(mayDo('admin', 'settings')).toBe(true);
  });
});

describe('the audit hash chain', () => {
  const entry = (i: number) => ({
    at: `2026-03-15 09:00:0${i}`,
    who: 'anna@clinic.test',
    action: 'updateClient',
    clientId: 'C-000001',
    tab: 'Клиенты',
    sheetRow: 2,
    field: 'notes',
    before: `было ${i}`,
    after: `стало ${i}`,
  });
  const rowsOf = (records: ReturnType<typeof chainEntries>['records']) =>
    records.map(
      (r, i) =>
        ({ ...(r as unknown as Record<string, unknown>), row: i + 2 }) as Record<string, unknown> & { row: number },
    );

  it('numbers and chains entries; continues from the head', () => {
    const first = chainEntries({ count: 0, hash: '' }, [entry(1), entry(2)], sha);
    const next = chainEntries(first.head, [entry(3)], sha);
    const all = rowsOf([...first.records, ...next.records]);
    expect(all.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(verifyChain(all, sha, next.head)).toEqual([]);
    expect(AUDIT_TAB.fields.map((f) => f.key)).toContain('hash');
  });

  it('finds an altered entry, a deleted one and deleted last ones', () => {
    const { records, head } = chainEntries({ count: 0, hash: '' }, [1, 2, 3, 4, 5].map(entry), sha);
    const rows = rowsOf(records);
    expect(
      verifyChain(
        rows.map((r) => (r.row === 3 ? { ...r, after: 'подделка' } : r)),
        sha,
        head,
      ),
    ).toEqual([{ kind: 'altered', row: 3 }]);
    expect(
      verifyChain(
        rows.filter((r) => r.row !== 4),
        sha,
        head,
      ),
    ).toEqual([{ kind: 'missing', row: 5 }]);
    expect(verifyChain(rows.slice(0, 3), sha, head)).toEqual([{ kind: 'truncated', expected: 5, count: 3 }]);
  });
});

describe('hardened payloads', () => {
  it('an own "__proto__" key is refused under its own key; the prototype is untouched', () => {
    const r = validateClient(JSON.parse('{"fullName":"Иван Петров","__proto__":{"x":1}}'), env, { partial: false });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(Object.keys(r.errors)).toEqual(['__proto__']);
      expect(Object.getPrototypeOf(r.errors)).toBe(Object.prototype);
    }
  });

  it('money rounding never builds NaN; a purchase needs its amount; a contact keeps its time', () => {
    expect(roundMoney(1e-7)).toBe(0);
    expect(roundMoney(1.005)).toBe(1.01);
    expect(roundMoney(123456789.125)).toBe(123456789.13);
    const purchase = validateContact({ clientId: 'C-000001', type: 'Покупка', amount: '' }, env);
    expect(purchase.ok).toBe(false);
    const at = validateContact({ clientId: 'c-000001', type: 'Звонок', at: '2026-03-15T06:30:00+00:00' }, env);
    expect(at.ok && at.values).toMatchObject({ clientId: 'C-000001', at: '2026-03-15T09:30' });
  });

  it('text limits, bidi controls and dates that cannot be', () => {
    const long = validateClient({ notes: 'x'.repeat(50_001) }, env, { partial: true });
    expect(long.ok).toBe(false);
    const ok = validateClient({ address: 'ул.\u202e Ленина\u200b, 1' }, env, { partial: true });
    expect(ok.ok && ok.values.address).toBe('ул. Ленина, 1');
    for (const birthDate of ['2027-01-01', '1899-12-31', '2200-01-01'])
      expect(validateClient({ birthDate }, env, { partial: true }).ok).toBe(false);
    expect(validateClient({ nextAppointmentOn: '2030-01-01T10:00' }, env, { partial: true }).ok).toBe(true);
    expect(CLIENT_FIELDS.length).toBeGreaterThan(30);
  });
});
