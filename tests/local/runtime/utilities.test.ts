// Utilities as Apps Script offers it: Java date patterns in real zones, parsing, digests, signatures, base64, blobs.
import { formatDate, parseDate } from '../../../local/runtime/dateformat';
import { workbookWith } from './helpers';

const at = (iso: string) => new Date(iso);

describe('Utilities.formatDate', () => {
  const d = at('2026-03-15T06:30:05.123Z');

  it.each([
    ['yyyy-MM-dd HH:mm:ss', '2026-03-15 09:30:05'],
    ['dd.MM.yyyy', '15.03.2026'],
    ['EEE, d MMM yyyy HH:mm:ss Z', 'Sun, 15 Mar 2026 09:30:05 +0300'],
    ['EEEE d MMMM', 'Sunday 15 March'],
    ['h:mm a', '9:30 AM'],
    ['HH:mm:ss.SSS', '09:30:05.123'],
    ['z XXX', 'MSK +03:00'],
    ["'Дата:' d.M.yy", 'Дата: 15.3.26'],
    ["D w u ''", "74 12 7 '"],
  ])('Europe/Moscow %s → %s', (pattern, expected) => {
    expect(formatDate(d, 'Europe/Moscow', pattern)).toBe(expected);
  });

  it.each([
    ['yyyy-MM-dd HH:mm', '2026-03-15 16:30'],
    ['z Z X', 'VLAT +1000 +10'],
    ['dd.MM.yyyy', '15.03.2026'],
  ])('Asia/Vladivostok %s → %s', (pattern, expected) => {
    expect(formatDate(d, 'Asia/Vladivostok', pattern)).toBe(expected);
  });

  it('America/Los_Angeles puts the same instant on the previous day, in daylight time', () => {
    expect(formatDate(d, 'America/Los_Angeles', 'yyyy-MM-dd HH:mm z')).toBe('2026-03-14 23:30 PDT');
    expect(formatDate(d, 'America/Los_Angeles', 'MM/dd/yy hh:mm a XXX')).toBe('03/14/26 11:30 PM -07:00');
  });

  it('America/Los_Angeles crosses the spring and autumn DST changes', () => {
    expect(formatDate(at('2026-03-08T09:59:59Z'), 'America/Los_Angeles', 'HH:mm:ss z')).toBe('01:59:59 PST');
    expect(formatDate(at('2026-03-08T10:00:00Z'), 'America/Los_Angeles', 'HH:mm:ss z')).toBe('03:00:00 PDT');
    expect(formatDate(at('2026-11-01T08:30:00Z'), 'America/Los_Angeles', 'HH:mm Z')).toBe('01:30 -0700');
    expect(formatDate(at('2026-11-01T09:30:00Z'), 'America/Los_Angeles', 'HH:mm Z')).toBe('01:30 -0800');
  });

  it('accepts GMT offsets and falls back to GMT for an unknown zone, like Java', () => {
    expect(formatDate(d, 'GMT+3', 'HH:mm')).toBe('09:30');
    expect(formatDate(d, 'Mars/Olympus', 'HH:mm z')).toBe('06:30 GMT');
  });

  it('rejects a pattern letter Java does not know', () => {
    expect(() => formatDate(d, 'UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
  });
});

describe('Utilities.parseDate', () => {
  it('reads a Russian date as midnight in the given zone', () => {
    expect(parseDate('15.03.2026', 'Europe/Moscow', 'dd.MM.yyyy').toISOString()).toBe('2026-03-14T21:00:00.000Z');
    expect(parseDate('15.03.2026', 'Asia/Vladivostok', 'dd.MM.yyyy').toISOString()).toBe('2026-03-14T14:00:00.000Z');
  });

  it('reads times, month names, AM/PM and explicit offsets', () => {
    expect(parseDate('2026-03-15 09:30', 'Europe/Moscow', 'yyyy-MM-dd HH:mm').toISOString()).toBe(
      '2026-03-15T06:30:00.000Z',
    );
    expect(parseDate('15 Mar 2026 9:30 PM', 'America/Los_Angeles', 'd MMM yyyy h:mm a').toISOString()).toBe(
      '2026-03-16T04:30:00.000Z',
    );
    expect(parseDate('2026-03-15T09:30:00+0500', 'UTC', "yyyy-MM-dd'T'HH:mm:ssZ").toISOString()).toBe(
      '2026-03-15T04:30:00.000Z',
    );
  });

  it('moves a wall time skipped by DST forward, as Java does', () => {
    expect(parseDate('2026-03-08 02:30', 'America/Los_Angeles', 'yyyy-MM-dd HH:mm').toISOString()).toBe(
      '2026-03-08T10:30:00.000Z',
    );
  });

  it('is lenient with out-of-range fields and strict about text that does not fit', () => {
    expect(parseDate('32.01.2026', 'UTC', 'dd.MM.yyyy').toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(() => parseDate('soon', 'UTC', 'dd.MM.yyyy')).toThrow('Unparseable date: "soon"');
  });
});

const CODE = `
function hmac() { return Utilities.computeHmacSha256Signature('what do ya want for nothing?', 'Jefe'); }
function hex(bytes) { return bytes.map(function (b) { return ('0' + (b & 0xff).toString(16)).slice(-2); }).join(''); }
function hmacHex() { return hex(hmac()); }
function md5() { return Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, ''); }
function sha256Hex(s) { return hex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, s, Utilities.Charset.UTF_8)); }
function b64(s) { return [Utilities.base64Encode(s), Utilities.base64EncodeWebSafe('??>'), Utilities.newBlob(Utilities.base64Decode(Utilities.base64Encode(s))).getDataAsString()]; }
function blob() { var b = Utilities.newBlob('Привет', 'text/plain', 'hi.txt'); return [b.getName(), b.getContentType(), b.getBytes().length, b.getDataAsString()]; }
function uuid() { return Utilities.getUuid(); }
function fmt() { return Utilities.formatString('%s: %d шт, %.2f ₽, %05d', 'Итого', 3.7, 1234.5, 42); }
function sleepy() { var t0 = Date.now(); Utilities.sleep(1500); return Date.now() - t0; }
function inZone() { return Utilities.formatDate(new Date(), Session.getScriptTimeZone(), 'yyyy-MM-dd HH:mm'); }
`;

describe('Utilities in the add-on', () => {
  it('signs with HMAC-SHA256 as Java signed bytes (RFC 4231 test case 2)', () => {
    const { addon } = workbookWith(CODE);
    const bytes = addon.call('hmac') as number[];
    expect(bytes.slice(0, 4)).toEqual([91, -36, -63, 70]);
    expect(bytes.every((b) => b >= -128 && b <= 127)).toBe(true);
    expect(addon.call('hmacHex')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('computes digests of strings (UTF-8)', () => {
    const { addon } = workbookWith(CODE);
    expect((addon.call('md5') as number[]).slice(0, 4)).toEqual([-44, 29, -116, -39]);
    expect(addon.call('sha256Hex', 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('encodes base64 (web-safe keeps padding) and blobs round-trip UTF-8', () => {
    const { addon } = workbookWith(CODE);
    expect(addon.call('b64', 'Анна')).toEqual(['0JDQvdC90LA=', 'Pz8-', 'Анна']);
    expect(addon.call('blob')).toEqual(['hi.txt', 'text/plain', 12, 'Привет']);
  });

  it('gives UUIDs shaped like version 4, the same for the same seed', () => {
    const one = workbookWith(CODE).addon.call('uuid') as string;
    expect(one).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(workbookWith(CODE).addon.call('uuid')).toBe(one);
  });

  it('formats strings like Java String.format', () => {
    expect(workbookWith(CODE).addon.call('fmt')).toBe('Итого: 3 шт, 1234.50 ₽, 00042');
  });

  it('sleep advances the virtual clock the add-on reads', () => {
    expect(workbookWith(CODE).addon.call('sleepy')).toBeGreaterThanOrEqual(1500);
  });

  it('formats in the script time zone from the manifest or options', () => {
    const { addon } = workbookWith(CODE, { scriptTimeZone: 'Asia/Vladivostok' });
    expect(addon.call('inZone')).toBe('2026-03-15 16:00');
  });
});
