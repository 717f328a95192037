// The seeded playground clinic's first morning: "Next morning 9:00" runs the add-on's daily trigger, and the outbox
// holds the team digest and that day's letters to clients who agreed to them.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createWorkbook } from '../../../local/index';
import { createPlayground } from '../../../local/playground/app';
import { seedClinic } from '../../../local/playground/seed';
import type { PlaygroundWorkbook } from '../../../local/playground/workbook';

const root = path.join(__dirname, '../../..');
const CODE = path.join(root, 'dist/Code.js');

let server: http.Server;
let base: string;

beforeAll(async () => {
  const wb = createWorkbook({
    timeZone: 'Europe/Moscow',
    locale: 'ru_RU',
    user: 'anna@clinic.test',
    now: '2026-03-16T09:30:00',
  }) as unknown as PlaygroundWorkbook;
  const addon = wb.loadAddon(CODE);
  seedClinic(wb, { lang: 'ru', clients: 120, seed: 3 });
  const playground = createPlayground({
    wb,
    addon,
    code: readFileSync(CODE, 'utf8'),
    dir: path.join(root, 'local/playground'),
  } as never);
  await playground.ready;
  server = http.createServer(playground.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Seeding the clinic sets up every tab and builds its segments and funnel: a minute on a busy machine.
}, 180_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function post(url: string, body: unknown) {
  const res = await fetch(base + url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe('the playground clinic', () => {
  it('"Next morning 9:00" fills the outbox with the digest and the day’s greetings and reminders', async () => {
    expect((await (await fetch(`${base}/api/outbox`)).json()).length).toBe(0);
    const moved = await post('/api/clock', { action: 'nextMorning' });
    expect(moved.status).toBe(200);
    expect(moved.body.clock.wall).toBe('2026-03-17T09:00');
    const outbox = (await (await fetch(`${base}/api/outbox`)).json()) as Array<Record<string, unknown>>;
    const text = JSON.stringify(outbox);
    const digest = outbox.filter((m) => String(m.to).includes('anna@clinic.test'));
    expect(digest).toHaveLength(1);
    expect(text).toContain('Картотека: план на 17.03.2026');
    const greetings = outbox.filter((m) => /с днём рождения!/.test(String(m.subject)));
    expect(greetings.length).toBeGreaterThanOrEqual(3);
    expect(outbox.some((m) => /Напоминаем о записи на 18\.03\.2026/.test(String(m.subject)))).toBe(true);
    // A second look the same morning sends nothing again.
    await post('/api/clock', { action: 'hour' });
    expect((await (await fetch(`${base}/api/outbox`)).json()).length).toBe(outbox.length);
  });
});
