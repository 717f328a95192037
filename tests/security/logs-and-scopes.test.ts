// Logs carry no personal data, whatever an entry meets; the manifest asks for exactly the scopes SECURITY.md lists.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { col } from '../server/helpers';
import { addClients, clinic } from '../server/trustWorld';

const PEOPLE = [
  { fullName: 'Шестакова Евдокия Поликарповна', phone: '+7 916 555-01-23', email: 'evdokia.private@mail.test' },
  { fullName: 'Zbigniew Quarterman', phone: '+1 415 555 2671', email: 'zq.secret@example.test' },
];
const PII = [
  ...PEOPLE.flatMap((p) => [p.fullName, p.email]),
  'Шестакова',
  'Quarterman',
  '9165550123',
  '4155552671',
  '555-01-23',
];

describe('logs', () => {
  it('hold no name, phone or email from any entry, on success, refusal or failure', () => {
    const c = clinic('ru');
    const [a, b] = addClients(c, PEOPLE);
    const calls: Array<[string, ...unknown[]]> = [
      ['addClient', { ...PEOPLE[0], email: 'not an email' }],
      ['addClient', PEOPLE[0]],
      ['updateClient', a, { notes: PEOPLE[1].fullName, phone: 'abc' }],
      ['logContact', { clientId: a, type: 'Покупка', amount: '12abc', summary: PEOPLE[1].email }],
      ['logContact', { clientId: a, type: 'Звонок', summary: PEOPLE[1].phone }],
      ['getClientCard', a],
      ['searchClients', 'Шестакова'],
      ['checkDuplicates', PEOPLE[1]],
      ['updateSettings', { lists: { admins: [PEOPLE[1].email] } }],
      ['recomputeClients'],
      ['checkIntegrity'],
      ['verifyAudit'],
      ['nightly'],
      ['onEditInstalled', { range: {} }],
    ];
    for (const [fn, ...args] of calls) c.call(fn, ...args);
    // Failures too: a deleted ID column, a duplicated ID, a refusal of a teammate.
    const v = c.values('Клиенты');
    c.wb.edit('Клиенты', `${String.fromCharCode(65 + col(v, 'ID'))}3`, a);
    c.call('updateClient', a, { notes: PEOPLE[0].phone });
    c.wb.deleteColumns('Клиенты', col(v, 'ID') + 1, 1);
    c.call('addClient', PEOPLE[1]);
    c.call('nightly');
    c.wb.as('boris@clinic.test');
    c.call('mergeClients', a, b);
    const text = JSON.stringify(c.wb.logs);
    for (const secret of PII) expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
  });
});

describe('scopes', () => {
  it('the manifest asks for exactly the scopes SECURITY.md lists and explains', () => {
    const root = path.join(__dirname, '../..');
    const manifest = JSON.parse(readFileSync(path.join(root, 'appsscript.json'), 'utf8'));
    const doc = readFileSync(path.join(root, 'SECURITY.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Scopes'), doc.indexOf('\n## ', doc.indexOf('## Scopes') + 3));
    const listed = [...section.matchAll(/`(https:\/\/www\.googleapis\.com\/auth\/[\w.]+)`/g)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...manifest.oauthScopes].sort());
  });
});
