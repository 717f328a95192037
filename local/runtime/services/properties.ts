// PropertiesService: script, document and per-user string stores with Google's size limits.
import { ERR, type Runtime } from '../execution';

export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** One store's data; the Properties objects handed to scripts read and write through it. */
export class PropertyStore {
  readonly data = new Map<string, string>();
  size(): number {
    let n = 0;
    for (const [k, v] of this.data) n += bytes(k) + bytes(v);
    return n;
  }
}

// Apps Script stores every value as its string form.
const str = (v: unknown): string => String(v);

export class Properties {
  constructor(private readonly _store: PropertyStore) {}
  getProperty(key: string): string | null {
    return this._store.data.get(String(key)) ?? null;
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this._store.data);
  }
  getKeys(): string[] {
    return [...this._store.data.keys()];
  }
  setProperty(key: string, value: unknown): Properties {
    this._write({ [String(key)]: str(value) }, false);
    return this;
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): Properties {
    const entries: Record<string, string> = {};
    for (const [k, v] of Object.entries(properties ?? {})) entries[k] = str(v);
    this._write(entries, Boolean(deleteAllOthers));
    return this;
  }
  deleteProperty(key: string): Properties {
    this._store.data.delete(String(key));
    return this;
  }
  deleteAllProperties(): Properties {
    this._store.data.clear();
    return this;
  }

  /** All or nothing: a value over 9 KB or a store over 500 KB changes nothing. */
  private _write(entries: Record<string, string>, replace: boolean): void {
    for (const v of Object.values(entries)) if (bytes(v) > MAX_VALUE_BYTES) throw new Error(ERR.propertyValueTooLarge);
    const next = new Map(replace ? [] : this._store.data);
    for (const [k, v] of Object.entries(entries)) next.set(k, v);
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > MAX_STORE_BYTES) throw new Error(ERR.propertyQuota);
    this._store.data.clear();
    for (const [k, v] of next) this._store.data.set(k, v);
  }
}

/** The stores of one project; user properties are per user. */
export class PropertiesState {
  script = new PropertyStore();
  document = new PropertyStore();
  users = new Map<string, PropertyStore>();
  user(email: string): PropertyStore {
    let s = this.users.get(email);
    if (!s) {
      s = new PropertyStore();
      this.users.set(email, s);
    }
    return s;
  }
}

export class PropertiesService {
  constructor(
    private readonly _rt: Runtime,
    private readonly _state: PropertiesState,
  ) {}
  getScriptProperties(): Properties {
    return new Properties(this._state.script);
  }
  getDocumentProperties(): Properties {
    return new Properties(this._state.document);
  }
  getUserProperties(): Properties {
    return new Properties(this._state.user(this._rt.effectiveUser()));
  }
}
