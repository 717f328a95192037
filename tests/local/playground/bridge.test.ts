// The google.script.run bridge rules: only declared top-level functions, well-formed requests, Google's value rules.
import { BridgeError, declaredFunctions, parseRunRequest, toPageValue } from '../../../local/playground/bridge';

const code = `
function addClient(input) { return inner(input); }
function helper_() { return 1; }
var notAFunction = 3;
const arrow = () => 1;
function outer() { function nested() {} return nested; }
`;

function refusal(fn: () => unknown): { status: number; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof BridgeError) return { status: e.status, message: e.message };
    throw e;
  }
  throw new Error('the request was accepted');
}

describe('declaredFunctions', () => {
  it('lists top-level function declarations only, without private names ending in _', () => {
    expect([...declaredFunctions(code)].sort()).toEqual(['addClient', 'outer']);
  });
});

describe('parseRunRequest', () => {
  const declared = declaredFunctions(code);

  it('accepts a declared function with an array of arguments', () => {
    expect(parseRunRequest('{"fn":"addClient","args":[{"fullName":"Анна"}]}', declared)).toEqual({
      fn: 'addClient',
      args: [{ fullName: 'Анна' }],
    });
    expect(parseRunRequest('{"fn":"outer"}', declared)).toEqual({ fn: 'outer', args: [] });
  });

  it('refuses malformed JSON, non-objects, missing fn and non-array args with 400', () => {
    expect(refusal(() => parseRunRequest('{fn: addClient}', declared)).status).toBe(400);
    expect(refusal(() => parseRunRequest('[1,2]', declared)).status).toBe(400);
    expect(refusal(() => parseRunRequest('{"args":[]}', declared)).status).toBe(400);
    expect(refusal(() => parseRunRequest('{"fn":"addClient","args":{"0":1}}', declared))).toEqual({
      status: 400,
      message: 'args must be an array.',
    });
  });

  it('refuses functions the script does not declare at top level, private ones and globals', () => {
    for (const fn of ['nested', 'helper_', 'arrow', 'notAFunction', 'eval', 'constructor', '__proto__', 'require']) {
      expect(refusal(() => parseRunRequest(JSON.stringify({ fn, args: [] }), declared))).toEqual({
        status: 404,
        message: `Script function not found: ${fn}`,
      });
    }
  });

  it('refuses a body over 1 MB with 413', () => {
    const big = JSON.stringify({ fn: 'addClient', args: ['x'.repeat(1024 * 1024)] });
    expect(refusal(() => parseRunRequest(big, declared)).status).toBe(413);
  });
});

describe('toPageValue', () => {
  it('passes JSON data through and keeps undefined apart from null', () => {
    expect(toPageValue({ ok: true, ids: ['C-000001'], n: 2 })).toEqual({
      value: { ok: true, ids: ['C-000001'], n: 2 },
    });
    expect(toPageValue(undefined)).toEqual({ undefined: true });
    expect(toPageValue(null)).toEqual({ value: null });
  });

  it('turns a value holding a Date anywhere into null, as google.script.run does', () => {
    expect(toPageValue(new Date())).toEqual({ value: null });
    expect(toPageValue({ card: { birth: new Date() } })).toEqual({ value: null });
    expect(toPageValue([1, [new Date()]])).toEqual({ value: null });
  });
});
