// CacheService: script, document and per-user caches whose entries expire on the virtual clock.
import type { Runtime } from '../execution';

export const MAX_TTL_SECONDS = 21600;
export const DEFAULT_TTL_SECONDS = 600;
export const MAX_CACHE_VALUE_BYTES = 100 * 1024;
export const MAX_CACHE_KEY_LENGTH = 250;

export class CacheStore {
  readonly entries = new Map<string, { value: string; expires: number }>();
}

export class Cache {
  constructor(
    private readonly _rt: Runtime,
    private readonly _store: CacheStore,
  ) {}
  get(key: string): string | null {
    const e = this._store.entries.get(String(key));
    if (!e) return null;
    if (e.expires <= this._rt.now()) {
      this._store.entries.delete(String(key));
      return null;
    }
    return e.value;
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys ?? []) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }
  put(key: string, value: unknown, expirationInSeconds?: number): void {
    const k = String(key);
    const v = String(value);
    if (k.length > MAX_CACHE_KEY_LENGTH) throw new Error('Argument too large: key');
    if (Buffer.byteLength(v, 'utf8') > MAX_CACHE_VALUE_BYTES) throw new Error('Argument too large: value');
    let ttl = expirationInSeconds === undefined ? DEFAULT_TTL_SECONDS : Number(expirationInSeconds);
    // Google caps the expiration at 6 hours.
    if (ttl > MAX_TTL_SECONDS) ttl = MAX_TTL_SECONDS;
    if (!(ttl >= 1)) throw new Error('Invalid argument: expirationInSeconds');
    this._store.entries.set(k, { value: v, expires: this._rt.now() + ttl * 1000 });
  }
  putAll(values: Record<string, unknown>, expirationInSeconds?: number): void {
    for (const [k, v] of Object.entries(values ?? {})) this.put(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    this._store.entries.delete(String(key));
  }
  removeAll(keys: string[]): void {
    for (const k of keys ?? []) this.remove(k);
  }
}

export class CacheState {
  script = new CacheStore();
  document = new CacheStore();
  users = new Map<string, CacheStore>();
  user(email: string): CacheStore {
    let s = this.users.get(email);
    if (!s) {
      s = new CacheStore();
      this.users.set(email, s);
    }
    return s;
  }
}

export class CacheService {
  constructor(
    private readonly _rt: Runtime,
    private readonly _state: CacheState,
  ) {}
  getScriptCache(): Cache {
    return new Cache(this._rt, this._state.script);
  }
  getDocumentCache(): Cache {
    return new Cache(this._rt, this._state.document);
  }
  getUserCache(): Cache {
    return new Cache(this._rt, this._state.user(this._rt.effectiveUser()));
  }
}
