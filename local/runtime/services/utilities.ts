// Utilities and Blob: dates in real zones, digests and signatures as Java byte arrays, base64, UUIDs, sleep.
import { createHash, createHmac } from 'node:crypto';
import { parse as parseCsvText } from 'csv-parse/sync';
import { formatDate, parseDate } from '../dateformat';
import { type EnumValue, makeEnum } from '../enums';
import type { Runtime } from '../execution';

export const DigestAlgorithm = makeEnum('DigestAlgorithm', [
  'MD2',
  'MD5',
  'SHA_1',
  'SHA_256',
  'SHA_384',
  'SHA_512',
] as const);
export const MacAlgorithm = makeEnum('MacAlgorithm', [
  'HMAC_MD5',
  'HMAC_SHA_1',
  'HMAC_SHA_256',
  'HMAC_SHA_384',
  'HMAC_SHA_512',
] as const);
export const Charset = makeEnum('Charset', ['US_ASCII', 'UTF_8'] as const);

const NODE_HASH: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

/** Java bytes are signed: 200 → -56. */
export const toSigned = (buf: Uint8Array): number[] => Array.from(buf, (b) => (b > 127 ? b - 256 : b));
const fromBytes = (bytes: number[]): Buffer => Buffer.from(bytes.map((b) => b & 0xff));

function toBuffer(value: unknown, charset?: unknown): Buffer {
  if (Array.isArray(value)) return fromBytes(value as number[]);
  if (value instanceof Blob) return fromBytes(value.getBytes());
  const enc = String(charset) === 'US_ASCII' ? 'latin1' : 'utf8';
  return Buffer.from(String(value), enc);
}

export class Blob {
  constructor(
    private _bytes: Buffer,
    private _contentType: string | null,
    private _name: string | null,
  ) {}
  getBytes(): number[] {
    return toSigned(this._bytes);
  }
  getDataAsString(charset?: string): string {
    return this._bytes.toString(charset && /ascii|latin|8859/i.test(String(charset)) ? 'latin1' : 'utf8');
  }
  setDataFromString(string: string, charset?: string): Blob {
    this._bytes = toBuffer(string, charset);
    return this;
  }
  setBytes(data: number[]): Blob {
    this._bytes = fromBytes(data);
    return this;
  }
  getContentType(): string | null {
    return this._contentType;
  }
  setContentType(contentType: string): Blob {
    this._contentType = contentType === null ? null : String(contentType);
    return this;
  }
  getName(): string | null {
    return this._name;
  }
  setName(name: string): Blob {
    this._name = String(name);
    return this;
  }
  copyBlob(): Blob {
    return new Blob(Buffer.from(this._bytes), this._contentType, this._name);
  }
  getBlob(): Blob {
    return this;
  }
  isGoogleType(): boolean {
    return false;
  }
}

/** CRLF, LF and CR all end a row, mixed in one text too. */
const LINE_ENDS = ['\r\n', '\n', '\r'];

/** Java's String.format subset Apps Script scripts use: %s %d %f %.Nf %% and widths. */
export function formatString(template: string, args: unknown[]): string {
  let i = 0;
  return String(template).replace(/%(-)?(0)?(\d+)?(?:\.(\d+))?([sdf%])/g, (m, left, zero, width, prec, kind) => {
    if (kind === '%') return '%';
    if (i >= args.length) throw new Error(`Missing format argument for ${m}`);
    const v = args[i++];
    let s: string;
    if (kind === 'd') s = String(Math.trunc(Number(v)));
    else if (kind === 'f') s = Number(v).toFixed(prec === undefined ? 6 : Number(prec));
    else s = prec === undefined ? String(v) : String(v).slice(0, Number(prec));
    if (width && s.length < Number(width))
      s = left ? s.padEnd(Number(width)) : s.padStart(Number(width), zero ? '0' : ' ');
    return s;
  });
}

export class Utilities {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;
  readonly Charset = Charset;
  private _uuids = 0;
  constructor(private readonly _rt: Runtime) {}

  formatDate(date: Date, timeZone: string, format: string): string {
    if (Object.prototype.toString.call(date) !== '[object Date]') throw new Error('Invalid argument: date');
    return formatDate(date, String(timeZone), String(format));
  }
  parseDate(date: string, timeZone: string, format: string): Date {
    return parseDate(String(date), String(timeZone), String(format), this._rt.now());
  }
  formatString(template: string, ...args: unknown[]): string {
    return formatString(template, args);
  }
  /** Deterministic per workbook seed, shaped like a version-4 UUID. */
  getUuid(): string {
    const h = createHash('sha256')
      .update(`${this._rt.options.seed ?? 0}:${++this._uuids}`)
      .digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  sleep(milliseconds: number): void {
    const ms = Number(milliseconds);
    if (!(ms >= 0) || ms > 300000) throw new Error('Invalid argument: milliseconds');
    this._rt.current()?.charge(ms);
  }
  computeDigest(algorithm: EnumValue, value: unknown, charset?: unknown): number[] {
    const alg = NODE_HASH[String(algorithm)];
    if (!alg) throw new Error(`not emulated: DigestAlgorithm.${String(algorithm)}`);
    return toSigned(createHash(alg).update(toBuffer(value, charset)).digest());
  }
  computeHmacSignature(algorithm: EnumValue, value: unknown, key: unknown, charset?: unknown): number[] {
    const alg = NODE_HASH[String(algorithm).replace(/^HMAC_/, '')];
    if (!alg) throw new Error('Invalid argument: algorithm');
    return toSigned(createHmac(alg, toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
  }
  computeHmacSha256Signature(value: unknown, key: unknown, charset?: unknown): number[] {
    return toSigned(createHmac('sha256', toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
  }
  base64Encode(data: unknown, charset?: unknown): string {
    return toBuffer(data, charset).toString('base64');
  }
  base64EncodeWebSafe(data: unknown, charset?: unknown): string {
    // Java's URL-safe encoder keeps the '=' padding.
    return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string, charset?: unknown): number[] {
    void charset;
    return toSigned(Buffer.from(String(encoded), 'base64'));
  }
  base64DecodeWebSafe(encoded: string, charset?: unknown): number[] {
    void charset;
    return toSigned(Buffer.from(String(encoded).replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }
  newBlob(data: unknown, contentType?: string, name?: string): Blob {
    return new Blob(toBuffer(data ?? ''), contentType === undefined ? null : String(contentType), name ?? null);
  }
  /**
   * Rows of strings from CSV text (reference: Utilities.parseCsv): quoted fields may hold the delimiter, doubled
   * quotes and line breaks; rows may differ in length; a final line break adds no row.
   */
  parseCsv(csv: string, delimiter?: string): string[][] {
    const sep = delimiter === undefined ? ',' : String(delimiter);
    if (sep.length !== 1) throw new Error('Invalid argument: delimiter');
    try {
      return parseCsvText(String(csv), {
        delimiter: sep,
        record_delimiter: LINE_ENDS,
        relax_column_count: true,
        relax_quotes: true,
      }) as string[][];
    } catch (e) {
      throw new Error(`Could not parse text. ${(e as Error).message}`);
    }
  }
  jsonParse(jsonString: string): unknown {
    return JSON.parse(String(jsonString));
  }
  jsonStringify(obj: unknown): string {
    return JSON.stringify(obj);
  }
}
