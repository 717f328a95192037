// The playground's HTTP API over a real local workbook: the google.script.run bridge, edits, sidebars and the clock.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createWorkbook } from '../../../local/index';
import { createPlayground, describeRefusal } from '../../../local/playground/app';
import type { PlaygroundWorkbook } from '../../../local/playground/workbook';
import { PROTECTED_MESSAGE } from '../../../local/spreadsheet/book';

const CODE = `
function echo(input) { return { got: input, user: Session.getActiveUser().getEmail() }; }
function whenIsIt() { return { at: new Date() }; }
function fail() { throw new Error('Телефон: не похоже на номер'); }
function nothing() {}
function helper_() { return 'private'; }
function openForm() {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('form').setTitle('Форма'));
}
function setUp() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  sheet.getRange('A1:B1').setValues([['Имя', 'Стадия']]);
  sheet.getRange('B2:B10').setDataValidation(
    SpreadsheetApp.newDataValidation().requireValueInList(['Новый', 'Клиент'], true).setAllowInvalid(false).build());
  ScriptApp.newTrigger('morning').timeBased().everyDays(1).atHour(9).create();
}
function morning() { SpreadsheetApp.getActiveSpreadsheet().toast('Доброе утро', 'Картотека', 5); }
function armBroken() { ScriptApp.newTrigger('broken').timeBased().after(60 * 1000).create(); }
function broken() { throw new Error('Нет листа Журнал'); }
function onOpen() { SpreadsheetApp.getUi().createMenu('Картотека').addItem('Форма', 'openForm').addToUi(); }
`;

const FORM = '<!doctype html><html><head><title>f</title></head><body><p>Форма</p></body></html>';

let server: http.Server;
let base: string;
let wb: PlaygroundWorkbook;
let changes = 0;

beforeAll(async () => {
  wb = createWorkbook({
    timeZone: 'Europe/Moscow',
    locale: 'ru_RU',
    user: 'anna@clinic.test',
    now: '2026-03-15T10:00:00',
  }) as unknown as PlaygroundWorkbook;
  const addon = wb.loadAddon({ code: CODE, html: { form: FORM } } as unknown as string);
  wb.open?.();
  const playground = createPlayground({
    wb,
    addon,
    code: CODE,
    dir: path.join(__dirname, '../../../local/playground'),
    onChange: () => {
      changes += 1;
    },
  });
  await playground.ready;
  server = http.createServer(playground.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function get(url: string) {
  const res = await fetch(base + url);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('describeRefusal', () => {
  it("recognises Sheets' validation and protection refusals and nothing else", () => {
    expect(
      describeRefusal(
        'There was a problem: the data you entered in cell D7 violates the data validation rules set on this cell. Pick a stage',
      ),
    ).toEqual({ kind: 'validation', cell: 'D7', help: 'Pick a stage' });
    expect(describeRefusal(PROTECTED_MESSAGE)).toEqual({ kind: 'protected' });
    expect(describeRefusal('Телефон: не похоже на номер')).toBeUndefined();
  });
});

describe('POST /api/run (google.script.run)', () => {
  it('runs a declared function as the current user and returns its result', async () => {
    const r = await post('/api/run', { fn: 'echo', args: [{ fullName: 'Петрова Анна', tags: [1, null] }] });
    expect(r).toEqual({
      status: 200,
      body: { ok: true, value: { got: { fullName: 'Петрова Анна', tags: [1, null] }, user: 'anna@clinic.test' } },
    });
  });

  it('hands a Date-holding result to the page as null, and an undefined one as undefined', async () => {
    expect((await post('/api/run', { fn: 'whenIsIt', args: [] })).body).toEqual({ ok: true, value: null });
    expect((await post('/api/run', { fn: 'nothing' })).body).toEqual({ ok: true, undefined: true });
  });

  it("passes the add-on's exception to the failure handler with its message", async () => {
    expect(await post('/api/run', { fn: 'fail', args: [] })).toEqual({
      status: 500,
      body: { ok: false, name: 'Error', message: 'Телефон: не похоже на номер' },
    });
  });

  it('refuses unknown, private and non-function names with 404 and runs nothing', async () => {
    for (const fn of ['nope', 'helper_', 'Session', 'eval', 'toString']) {
      const r = await post('/api/run', { fn, args: [] });
      expect(r).toEqual({ status: 404, body: { error: `Script function not found: ${fn}` } });
    }
  });

  it('refuses malformed JSON, args that are not an array, a foreign content type and a foreign host', async () => {
    expect(await post('/api/run', '{"fn": "echo", args: []}')).toEqual({
      status: 400,
      body: { error: 'Request body is not valid JSON.' },
    });
    expect((await post('/api/run', { fn: 'echo', args: 'x' })).status).toBe(400);
    expect((await post('/api/run', { fn: 'echo', args: [] }, { 'Content-Type': 'text/plain' })).status).toBe(415);
    const rebound = await new Promise<number>((resolve) => {
      const req = http.request(
        `${base}/api/run`,
        { method: 'POST', headers: { Host: 'evil.example', 'Content-Type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.end('{"fn":"echo","args":[]}');
    });
    expect(rebound).toBe(403);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const r = await post('/api/run', { fn: 'echo', args: ['я'.repeat(600 * 1024)] });
    expect(r.status).toBe(413);
  });
});

describe('menus, sidebars and the grid', () => {
  it('shows the menu onOpen built and opens its sidebar with google.script.run injected', async () => {
    const state = JSON.parse((await get('/api/state')).text);
    expect(state.menus).toEqual([
      { title: 'Картотека', items: [{ kind: 'item', caption: 'Форма', functionName: 'openForm' }] },
    ]);
    expect(state.sidebar).toBeNull();
    expect((await post('/api/menu', { fn: 'openForm' })).body).toEqual({ ok: true, undefined: true });
    const after = JSON.parse((await get('/api/state')).text);
    expect(after.sidebar).toMatchObject({ id: 'sidebar-0', title: 'Форма' });
    const frame = await get('/frame/sidebar/0');
    expect(frame.status).toBe(200);
    expect(frame.headers.get('content-security-policy')).toContain('sandbox allow-scripts');
    expect(frame.text).toMatch(/<head><script>[\s\S]*google\.script[\s\S]*<\/script><title>f<\/title>/);
    expect(frame.text).toContain('<p>Форма</p>');
    expect((await get('/frame/sidebar/7')).status).toBe(404);
    await post('/api/close', { kind: 'sidebar' });
    expect(JSON.parse((await get('/api/state')).text).sidebar).toBeNull();
  });

  it("writes a person's edit through the sheet's validation and shows Sheets' refusal", async () => {
    await post('/api/run', { fn: 'setUp', args: [] });
    const before = changes;
    expect(await post('/api/edit', { tab: 'Лист1', row: 2, column: 2, value: 'Клиент' })).toEqual({
      status: 200,
      body: { ok: true, version: expect.any(Number) },
    });
    const refused = await post('/api/edit', { tab: 'Лист1', row: 3, column: 2, value: 'Кто-то' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatch(/\S/);
    // What the refusal means travels with it, for the page to say it in the sheet's language.
    expect(refused.body.problem).toEqual({ kind: 'validation', cell: 'B3', help: '' });
    expect(changes).toBeGreaterThan(before);
    const view = JSON.parse((await get('/api/view?tab=%D0%9B%D0%B8%D1%81%D1%821&row=1&numRows=3&numColumns=2')).text);
    expect(view.cells.map((r: Array<{ display: string }>) => r.map((c) => c.display))).toEqual([
      ['Имя', 'Стадия'],
      ['', 'Клиент'],
      ['', ''],
    ]);
    expect(view.cells[1][1].options).toEqual(['Новый', 'Клиент']);
    expect((await post('/api/edit', { tab: 'Нет такого', row: 1, column: 1, value: 'x' })).status).toBe(404);
    expect((await post('/api/edit', { tab: 'Лист1', row: 0, column: 1, value: 'x' })).status).toBe(400);
  });

  it('pastes rows from a spreadsheet, inserts and deletes rows, sorts and renames tabs as a person would', async () => {
    const tab = 'Лист1';
    const shown = async (rows: number) => {
      const v = JSON.parse(
        (await get(`/api/view?tab=${encodeURIComponent(tab)}&row=20&numRows=${rows}&numColumns=2`)).text,
      );
      return v.cells.map((r: Array<{ display: string }>) => r.map((c) => c.display));
    };
    expect(
      await post('/api/paste', {
        tab,
        row: 20,
        column: 1,
        rows: [
          ['Яковлев', '3'],
          ['Антонова', '1'],
        ],
      }),
    ).toEqual({
      status: 200,
      body: { ok: true, version: expect.any(Number) },
    });
    expect(await shown(2)).toEqual([
      ['Яковлев', '3'],
      ['Антонова', '1'],
    ]);
    expect((await post('/api/paste', { tab, row: 20, column: 1, rows: [[1, 2]] })).status).toBe(400);
    expect((await post('/api/structure', { tab, action: 'insertRowsBefore', index: 20 })).status).toBe(200);
    expect(await shown(3)).toEqual([
      ['', ''],
      ['Яковлев', '3'],
      ['Антонова', '1'],
    ]);
    expect((await post('/api/structure', { tab, action: 'deleteRows', index: 20 })).status).toBe(200);
    expect(await shown(2)).toEqual([
      ['Яковлев', '3'],
      ['Антонова', '1'],
    ]);
    expect((await post('/api/structure', { tab, action: 'explode', index: 1 })).status).toBe(400);
    expect((await post('/api/structure', { tab, action: 'deleteRows', index: 0 })).status).toBe(400);
    expect((await post('/api/rename', { tab, name: 'Клиенты' })).status).toBe(200);
    expect(wb.sheetNames()).toEqual(['Клиенты']);
    expect((await post('/api/rename', { tab: 'Клиенты', name: 'Лист1' })).status).toBe(200);
  });

  it('moves the clock to the next 9:00 in the sheet zone and runs the triggers that came due', async () => {
    const toasts = wb.toasts.length;
    const r = await post('/api/clock', { action: 'nextMorning' });
    expect(r.body.clock.text).toBe('Mon 2026-03-16 09:00');
    expect(wb.toasts.length).toBe(toasts + 1);
    expect(r.body.toasts.at(-1)).toMatchObject({ message: 'Доброе утро', title: 'Картотека' });
    expect((await post('/api/clock', { action: 'hour' })).body.clock.text).toBe('Mon 2026-03-16 10:00');
    expect(wb.toasts.length).toBe(toasts + 1);
    // A day later the 9:00 trigger has come due once more.
    expect((await post('/api/clock', { action: 'day' })).body.clock.text).toBe('Tue 2026-03-17 10:00');
    expect(wb.toasts.length).toBe(toasts + 2);
    expect((await post('/api/clock', { action: 'rewind' })).status).toBe(400);
  });

  it('lists the triggers each clock move ran, with their owner, time and errors', async () => {
    const before = JSON.parse((await get('/api/state')).text).triggers.count;
    const morning = await post('/api/clock', { action: 'nextMorning' });
    expect(morning.body.clock.wall).toBe('2026-03-18T09:00');
    expect(morning.body.triggers.count).toBe(before + 1);
    expect(morning.body.triggers.runs.at(-1)).toMatchObject({
      handler: 'morning',
      owner: 'anna@clinic.test',
      kind: 'clock',
      at: '2026-03-18T06:00:00.000Z',
    });
    expect(morning.body.triggers.runs.at(-1).error).toBeUndefined();
    await post('/api/run', { fn: 'armBroken', args: [] });
    const hour = await post('/api/clock', { action: 'hour' });
    // The failing trigger does not stop the clock: the move happened and the failure is listed.
    expect(hour.status).toBe(200);
    expect(hour.body.clock.wall).toBe('2026-03-18T10:00');
    expect(hour.body.triggers.runs.at(-1)).toMatchObject({ handler: 'broken', error: 'Нет листа Журнал' });
  });

  it('switches the user that later executions run as', async () => {
    expect((await post('/api/user', { user: 'boris@clinic.test' })).body.user).toBe('boris@clinic.test');
    expect((await post('/api/run', { fn: 'echo', args: [1] })).body.value.user).toBe('boris@clinic.test');
    expect((await post('/api/user', { user: 'mallory@evil.test' })).status).toBe(400);
    await post('/api/user', { user: 'anna@clinic.test' });
  });

  it('serves the page and the workbook as .xlsx', async () => {
    const page = await get('/');
    expect(page.text).toContain('<div id="app"></div>');
    const res = await fetch(`${base}/download.xlsx`);
    expect(res.headers.get('content-disposition')).toContain('kartoteka.xlsx');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });
});
