// Generated bad input (fast-check, seeded) thrown at every server entry of the built add-on, as google.script.run
// would deliver it (JSON parsed inside the script, own "__proto__" keys included): no entry throws, a refusal is a
// localized sentence (never "something went wrong"), and a refusal writes nothing — the sheet is compared before and
// after each call.
import fc from 'fast-check';
import { addClients, clinic } from '../server/trustWorld';

const RUNS = 100;

const junkText = fc.oneof(
  fc.string(),
  fc.constantFrom('=1+1', "'=A1", '\u202eevil', '__proto__', 'C-000001', 'c-000001', '1e-7', 'abc', '12abc', '', ' '),
  fc.stringMatching(/^[\d .,'\-+()₽e]{0,14}$/),
);
const junk = fc.oneof(
  junkText,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(junkText),
  fc.object(),
);
const fieldKeys = fc.constantFrom(
  'fullName',
  'phone',
  'email',
  'birthDate',
  'notes',
  'address',
  'stage',
  'source',
  'nextAppointmentOn',
  'tags',
  'id',
  'totalSpent',
  '__proto__',
  'constructor',
);
const payload = fc.oneof(junk, fc.dictionary(fieldKeys, junk, { maxKeys: 5 }));

const ENTRIES: Array<[string, fc.Arbitrary<unknown[]>]> = [
  ['addClient', fc.tuple(payload)],
  ['updateClient', fc.tuple(fc.oneof(junk, fc.constant('C-000001')), payload)],
  [
    'logContact',
    fc.tuple(
      fc.oneof(
        payload,
        fc.record(
          {
            clientId: fc.oneof(junk, fc.constant('C-000001')),
            type: fc.oneof(junk, fc.constant('Покупка')),
            amount: junk,
            at: junk,
          },
          { requiredKeys: [] },
        ),
      ),
    ),
  ],
  ['getClientCard', fc.tuple(junk)],
  ['searchClients', fc.tuple(junk)],
  ['checkDuplicates', fc.tuple(payload)],
  ['mergeClients', fc.tuple(fc.oneof(junk, fc.constant('C-000001')), fc.oneof(junk, fc.constant('C-000002')))],
  [
    'updateSettings',
    fc.tuple(
      fc.oneof(
        junk,
        fc.record(
          {
            lists: fc.oneof(
              junk,
              fc.dictionary(fc.constantFrom('services', 'stages', 'contactTypes', 'admins', 'x'), fc.array(junk)),
            ),
            values: fc.oneof(junk, fc.dictionary(fc.constantFrom('currency', 'regularPurchases', '__proto__'), junk)),
          },
          { requiredKeys: [] },
        ),
      ),
    ),
  ],
  [
    'saveReminderSettings',
    fc.tuple(
      fc.oneof(
        junk,
        fc.dictionary(
          fc.constantFrom('hour', 'recipients', 'clientRules', 'birthdayDaysAhead', 'feb29', 'senderName', '__proto__'),
          junk,
          { maxKeys: 4 },
        ),
      ),
    ),
  ],
  ['enableReminders', fc.tuple(fc.oneof(junk, fc.record({ takeOver: junk }, { requiredKeys: [] })))],
  ['segmentMembers', fc.tuple(fc.oneof(junk, fc.constantFrom('Потенциальные', 'Постоянные', 'Купили: нет такой')))],
  ['previewImport', fc.tuple(fc.oneof(junk, fc.constant('Клиенты')), fc.oneof(junk, fc.object()))],
  ['importClients', fc.tuple(fc.oneof(junk, fc.constant('Журнал')), fc.oneof(junk, fc.object()))],
  ['undoImport', fc.tuple(junk)],
];

describe('every server entry under generated input', () => {
  const c = clinic();
  addClients(c, [{ fullName: 'Петрова Анна', phone: '+7 912 345-67-89' }, { fullName: 'Иванов Пётр' }]);
  const tried: Record<string, number> = {};
  // What a refusal must leave as it was: the tabs the entries write.
  const state = () => JSON.stringify(['Клиенты', 'Журнал', 'Настройки'].map((t) => c.wb.values(t)));

  it.each(ENTRIES)('%s: no throw, a localized refusal, nothing written on a refusal', (name, args) => {
    tried[name] = 0;
    fc.assert(
      fc.property(args, (raw) => {
        tried[name]++;
        const before = state();
        let r: any;
        expect(() => {
          r = c.callJson(name, JSON.stringify(raw));
        }).not.toThrow();
        expect(r && typeof r.ok).toBe('boolean');
        if (r.ok) return;
        const messages = Object.values(r.errors ?? {}) as unknown[];
        if (!r.duplicates) expect(messages.length).toBeGreaterThan(0);
        for (const m of messages) {
          expect(typeof m).toBe('string');
          expect(m).not.toMatch(/Что-то пошло не так|Something went wrong/);
        }
        expect(state()).toBe(before);
      }),
      { numRuns: RUNS, seed: 15 },
    );
    expect(tried[name]).toBe(RUNS);
  });
});
