// LockService: document, script and user locks held by executions; a wait parks the caller under `concurrently`.
import { ERR, type Execution, Parked, type Runtime } from '../execution';

/** Who holds which lock; locks are reentrant for the holding execution and die with it. */
export class LockTable {
  private holders = new Map<string, Execution>();
  private releasedAt = new Map<string, number>();

  /** When the lock was last released, in virtual time. */
  lastRelease(key: string): number {
    return this.releasedAt.get(key) ?? Number.NEGATIVE_INFINITY;
  }
  holder(key: string): Execution | undefined {
    return this.holders.get(key);
  }
  tryAcquire(key: string, exec: Execution): boolean {
    const h = this.holders.get(key);
    if (h && h !== exec) return false;
    this.holders.set(key, exec);
    // A waiter that gets the lock continues from the moment it was released.
    exec.waitUntil(this.releasedAt.get(key) ?? 0);
    return true;
  }
  release(key: string, exec: Execution): void {
    if (this.holders.get(key) !== exec) return;
    this.holders.delete(key);
    this.releasedAt.set(key, exec.now());
  }
  /** Called when an execution ends: Apps Script releases its locks. */
  releaseAll(exec: Execution): void {
    for (const [key, h] of [...this.holders]) if (h === exec) this.release(key, exec);
  }
}

export class Lock {
  private _mine = false;
  constructor(
    private readonly _rt: Runtime,
    private readonly _table: LockTable,
    private readonly _key: string,
  ) {}

  private _exec(): Execution {
    const e = this._rt.current();
    if (!e) throw new Error('LockService is only available while a script runs');
    return e;
  }

  hasLock(): boolean {
    return this._mine && this._table.holder(this._key) === this._rt.current();
  }

  tryLock(timeoutInMillis: number): boolean {
    return this._acquire(Number(timeoutInMillis), true, () => false) as boolean;
  }

  waitLock(timeoutInMillis: number): void {
    this._acquire(Number(timeoutInMillis), undefined, () => {
      throw new Error(ERR.lockTimeout);
    });
  }

  releaseLock(): void {
    if (!this._mine) return;
    this._mine = false;
    const exec = this._rt.current();
    if (exec) this._table.release(this._key, exec);
  }

  private _acquire(timeout: number, success: unknown, onTimeout: () => unknown): unknown {
    if (!Number.isFinite(timeout) || timeout < 0) throw new Error('Invalid argument: timeoutInMillis');
    const exec = this._exec();
    const deadline = exec.now() + timeout;
    const timedOut = () => {
      exec.waitUntil(deadline);
      return onTimeout();
    };
    // Under `concurrently` an execution may ask at a virtual time before the holder's release was processed:
    // the lock counts as held until that release, so a release later than the deadline means a timeout.
    const attempt = (): { value: unknown } | 'late' | undefined => {
      const holder = this._table.holder(this._key);
      if (holder && holder !== exec) return undefined;
      if (holder !== exec && this._table.lastRelease(this._key) > deadline) return 'late';
      this._table.tryAcquire(this._key, exec);
      this._mine = true;
      return { value: success };
    };
    const first = attempt();
    if (first === 'late') return timedOut();
    if (first) return first.value;
    if (timeout === 0) return timedOut();
    // Only another running execution can hold it: the concurrent scheduler parks this call until release or deadline.
    throw new Parked(
      deadline,
      () => {
        const r = attempt();
        return r === 'late' ? undefined : r;
      },
      timedOut,
    );
  }
}

export class LockService {
  constructor(
    private readonly _rt: Runtime,
    private readonly _table: LockTable,
  ) {}
  getDocumentLock(): Lock {
    return new Lock(this._rt, this._table, 'document');
  }
  getScriptLock(): Lock {
    return new Lock(this._rt, this._table, 'script');
  }
  getUserLock(): Lock {
    const user = this._rt.effectiveUser();
    return new Lock(this._rt, this._table, `user:${user}`);
  }
}
