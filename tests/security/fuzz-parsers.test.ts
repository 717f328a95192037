// Generated bad input (fast-check, seeded) thrown at every parser of typed-in values and at the payload validators:
// none throws, each answers with a value or a known error code, and what it accepts is stored safely.
import fc from 'fast-check';
import { parseAmount, roundMoney } from '../../src/domain/normalize/amount';
import { parseDateInput } from '../../src/domain/normalize/date';
import { normalizeEmail } from '../../src/domain/normalize/email';
import { normalizeMessages } from '../../src/domain/normalize/messages';
import { cleanName, normalizeName } from '../../src/domain/normalize/name';
import { normalizePhone } from '../../src/domain/normalize/phone';
import { asSheetText, cleanText, INVISIBLE } from '../../src/domain/normalize/text';
import { defaultSettings } from '../../src/domain/settings';
import { validateClient, validateContact, validateSettingsLists } from '../../src/domain/validate';

const RUNS = 300;
const opts = (seed: number) => ({ numRuns: RUNS, seed });
const CODES = new Set(Object.keys(normalizeMessages.en));

/** Anything a JSON payload or a cell can carry, weighted towards strings that look almost right. */
const junk = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.stringMatching(/^[\d .,'\-+()₽$€e]{0,20}$/),
  fc.stringMatching(/^[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{1,4}([T ][0-9]{1,2}:[0-9]{2}(Z|[+-][0-9]{2}:?[0-9]{2})?)?$/),
  fc.double(),
  fc.constantFrom('__proto__', 'constructor', '\u202e', '\u2066x\u2069', '\u200b', '', ' ', null, undefined, [], {}),
);

const known = (r: { ok: boolean; code?: string }) => r.ok || CODES.has(String(r.code));

describe('parsers under generated input', () => {
  it('parseAmount: a finite amount rounded to cents, or a known code; never NaN', () => {
    fc.assert(
      fc.property(junk, (x) => {
        const r = parseAmount(x);
        expect(known(r)).toBe(true);
        if (r.ok && r.value !== null) {
          expect(Number.isFinite(r.value)).toBe(true);
          expect(roundMoney(r.value)).toBe(r.value);
          expect(r.value === 0 || Math.abs(r.value) >= 0.01).toBe(true);
        }
      }),
      opts(101),
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e11, max: 1e11 }), (n) => {
        expect(Number.isNaN(roundMoney(n))).toBe(false);
      }),
      opts(102),
    );
  });

  it('parseDateInput: a calendar date between 1900 and 2200, or a known code', () => {
    fc.assert(
      fc.property(junk, (x) => {
        const r = parseDateInput(x, { timeZone: 'Europe/Moscow', locale: 'ru_RU', today: '2026-03-15' });
        expect(known(r)).toBe(true);
        if (r.ok && r.value) expect(r.value).toMatch(/^(19\d\d|2[01]\d\d|2200)-\d\d-\d\d$/);
      }),
      opts(103),
    );
  });

  it('normalizePhone, normalizeEmail, normalizeName: a value or a known code; names carry no invisible characters', () => {
    fc.assert(
      fc.property(junk, (x) => {
        expect(known(normalizePhone(x, 'RU'))).toBe(true);
        expect(known(normalizeEmail(x))).toBe(true);
        const n = normalizeName(x);
        expect(known(n)).toBe(true);
        if (n.ok) {
          expect(n.value).not.toMatch(INVISIBLE);
          expect(n.value).not.toMatch(/\u200c|\u200d|\p{Cc}/u);
        }
        expect(typeof cleanName(x)).toBe('string');
      }),
      opts(104),
    );
  });

  it('cleanText and asSheetText: text without controls, and never a cell Sheets would run or retype', () => {
    fc.assert(
      fc.property(junk, (x) => {
        const t = cleanText(x);
        expect(typeof t).toBe('string');
        expect(t).not.toMatch(INVISIBLE);
        const cell = asSheetText(t);
        // A formula start, or a plain number or date Sheets would retype: kept as text by Sheets' text prefix.
        if (/^[=+\-@']/.test(t) || /^\d+([.,/-]\d+)*$/.test(t)) expect(cell.startsWith("'")).toBe(true);
        else if (!/^\d/.test(t) && !/^\s*(true|false|истина|ложь)\s*$/i.test(t) && !/\d/.test(t)) expect(cell).toBe(t);
      }),
      opts(105),
    );
  });
});

describe('payload validators under generated input', () => {
  const env = {
    lang: 'ru' as const,
    settings: defaultSettings('ru', 'ru_RU'),
    timeZone: 'Europe/Moscow',
    locale: 'ru_RU',
    today: '2026-03-15',
    now: '2026-03-15T09:00',
  };
  const payload = fc.oneof(
    junk,
    fc.dictionary(fc.constantFrom('fullName', 'phone', 'email', 'notes', 'birthDate', '__proto__', 'x'), junk),
    fc.record({ fullName: junk, phone: junk, email: junk, birthDate: junk, notes: junk }, { requiredKeys: [] }),
  );

  it('validateClient and validateContact: values of the right types, or localized errors, never a throw', () => {
    fc.assert(
      fc.property(payload, fc.boolean(), (p, partial) => {
        const r = validateClient(p, env, { partial });
        if (r.ok) {
          for (const v of Object.values(r.values)) expect(['string', 'number']).toContain(typeof v);
        } else {
          expect(Object.keys(r.errors).length).toBeGreaterThan(0);
          for (const m of Object.values(r.errors)) expect(typeof m).toBe('string');
        }
      }),
      opts(106),
    );
    fc.assert(
      fc.property(
        fc.oneof(payload, fc.record({ clientId: junk, type: junk, amount: junk, at: junk }, { requiredKeys: [] })),
        (p) => {
          const r = validateContact(p, env);
          if (r.ok) expect(Number.isNaN(Number(r.values.amount || 0))).toBe(false);
          else for (const m of Object.values(r.errors)) expect(typeof m).toBe('string');
        },
      ),
      opts(107),
    );
  });

  it('validateSettingsLists: every list item is text of a bounded length, or there is an error', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('services', 'staff', 'stages', 'admins'), fc.array(junk)), (lists) => {
        const errors = validateSettingsLists(lists, 'en');
        for (const [key, items] of Object.entries(lists)) {
          const bad = (items as unknown[]).some((item) => {
            const text = key === 'stages' ? (item as { label?: unknown } | null)?.label : item;
            return (typeof text !== 'string' && typeof text !== 'number') || String(text).length > 200;
          });
          expect(Boolean(errors[key])).toBe(bad);
        }
      }),
      opts(108),
    );
  });
});
