// The promise client over google.script.run: results, failures, JSON-safe arguments and type-checked names.
import { isDuplicateFailure, run, toWire } from '../../html/kit/run';

type Call = { fn: string; args: unknown[] };

/** A google.script.run look-alike: each call is answered by respond(fn, args) through the chosen handler. */
function installBridge(respond: (fn: string, args: unknown[]) => { ok: unknown } | { fail: unknown }): Call[] {
  const calls: Call[] = [];
  const make = (success?: (v: unknown) => void, failure?: (e: unknown) => void): any =>
    new Proxy(
      {},
      {
        get(_t, name: string) {
          if (name === 'withSuccessHandler') return (fn: (v: unknown) => void) => make(fn, failure);
          if (name === 'withFailureHandler') return (fn: (e: unknown) => void) => make(success, fn);
          if (name === 'then') return undefined;
          return (...args: unknown[]) => {
            calls.push({ fn: name, args });
            const answer = respond(name, args);
            // google.script.run answers asynchronously.
            setTimeout(() => ('ok' in answer ? success?.(answer.ok) : failure?.(answer.fail)), 0);
          };
        },
      },
    );
  (globalThis as any).google = { script: { run: make() } };
  return calls;
}

afterEach(() => {
  delete (globalThis as any).google;
});

describe('run', () => {
  it('resolves with what the server function returned', async () => {
    const calls = installBridge((fn, args) => ({ ok: { ok: true, hits: [], total: 0, echo: [fn, ...args] } }));
    const result = await run('searchClients', '912');
    expect(result).toEqual({ ok: true, hits: [], total: 0, echo: ['searchClients', '912'] });
    expect(calls).toEqual([{ fn: 'searchClients', args: ['912'] }]);
  });

  it('rejects with an Error carrying the message when the call fails', async () => {
    installBridge(() => ({ fail: new Error('Exception: Lock timeout') }));
    await expect(run('getFormContext')).rejects.toThrow('Exception: Lock timeout');
    installBridge(() => ({ fail: { message: 'ScriptError: quota' } }));
    await expect(run('getFormContext')).rejects.toThrow('ScriptError: quota');
    installBridge(() => ({ fail: 'plain text' }));
    const error = await run('getFormContext').catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('plain text');
  });

  it('sends dates as strings, since google.script.run refuses Date objects', async () => {
    const calls = installBridge(() => ({ ok: { ok: true } }));
    await run('updateClient', 'C-000001', { congratulatedOn: new Date(2026, 2, 15) as unknown as string });
    expect(calls[0].args).toEqual(['C-000001', { congratulatedOn: '2026-03-15' }]);
    expect(toWire({ at: new Date(2026, 2, 15, 9, 5), list: [new Date(2026, 0, 2)], none: undefined })).toEqual({
      at: '2026-03-15T09:05',
      list: ['2026-01-02'],
    });
  });

  it('rejects instead of hanging when the page is not inside Google Sheets', async () => {
    await expect(run('getFormContext')).rejects.toThrow('google.script.run is not available');
  });

  it('accepts only names of the server API', () => {
    installBridge(() => ({ ok: {} }));
    // @ts-expect-error a misspelled server function does not type-check
    const wrong = () => run('addClients', { fullName: 'x' });
    // @ts-expect-error arguments are typed from the server signature
    const badArgs = () => run('getClientCard', 42);
    expect(typeof wrong).toBe('function');
    expect(typeof badArgs).toBe('function');
  });

  it('tells a duplicate refusal from field errors', () => {
    expect(isDuplicateFailure({ ok: false, duplicates: [] })).toBe(true);
    expect(isDuplicateFailure({ ok: false, errors: { phone: 'bad' } })).toBe(false);
  });
});
