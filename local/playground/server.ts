// `npm start`: the local playground server — Kartoteka on an emulated sheet in the browser, no Google account.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createWorkbook, loadWorkbook } from '../index';
import { createPlayground, USERS } from './app';
import { type ExecWorkbook, withWebApp } from './exec';
import { captureState, restoreState, type SideState } from './persist';
import { seedClinic } from './seed';
import type { PlaygroundWorkbook } from './workbook';

export interface ServerArgs {
  data: string;
  lang: 'ru' | 'en';
  fresh: boolean;
  port: number;
  open: boolean;
  /** No sample data: an empty sheet, as a new user starts (run setup from the menu). */
  empty: boolean;
  clients?: number;
  /** Virtual start time of a fresh workbook (wall time in its zone); default today 09:30. */
  now?: string;
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): ServerArgs {
  const args: ServerArgs = {
    data: '',
    lang: env.KARTOTEKA_LANG === 'en' ? 'en' : 'ru',
    fresh: env.KARTOTEKA_FRESH === '1',
    port: Number(env.PORT) || 5173,
    open: env.KARTOTEKA_NO_OPEN !== '1' && !env.CI,
    empty: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--data' || a.startsWith('--data=')) args.data = value();
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const lang = value();
      if (lang !== 'ru' && lang !== 'en') throw new Error('--lang must be ru or en');
      args.lang = lang;
    } else if (a === '--fresh') args.fresh = true;
    else if (a === '--port' || a.startsWith('--port=')) args.port = Number(value());
    else if (a === '--no-open') args.open = false;
    else if (a === '--empty') args.empty = true;
    else if (a === '--clients' || a.startsWith('--clients=')) args.clients = Number(value());
    else if (a === '--now' || a.startsWith('--now=')) {
      const now = value();
      if (!/^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d)?)?$/.test(now)) throw new Error('--now must look like 2026-03-16T10:00');
      args.now = now;
    } else
      throw new Error(
        `unknown option ${a} (options: --data <file.xlsx> --lang ru|en --fresh --empty --now <yyyy-mm-ddThh:mm> --port <n> --no-open)`,
      );
  }
  // Each language keeps its own clinic unless a file is named.
  args.data ||= env.KARTOTEKA_DATA ?? `playground-data/clinic${args.lang === 'en' ? '-en' : ''}.xlsx`;
  return args;
}

const LOCALES = {
  ru: { timeZone: 'Europe/Moscow', locale: 'ru_RU' },
  en: { timeZone: 'America/New_York', locale: 'en_US' },
} as const;

const CLINIC_NAME = { ru: 'Клиника «Улыбка»', en: 'Bright Smile Dental' };

function sideFile(data: string): string {
  return `${data}.json`;
}

/** Today's date at 09:30 in the zone, as wall time: a fresh clinic opens on the real calendar day. */
function morningToday(timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  return `${day}T09:30:00`;
}

export interface Started {
  url: string;
  server: http.Server;
  wb: PlaygroundWorkbook;
  /** Saves the workbook and stops listening. */
  close(): Promise<void>;
}

/** Binds 127.0.0.1 on the port, or the next free one. */
function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const attempt = (p: number, triesLeft: number) => {
      const onError = (err: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (err.code === 'EADDRINUSE' && triesLeft > 0) attempt(p + 1, triesLeft - 1);
        else reject(err);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve((server.address() as { port: number }).port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(p, '127.0.0.1');
    };
    attempt(port, port === 0 ? 0 : 50);
  });
}

export async function startPlayground(
  args: ServerArgs,
  root: string,
  log: (line: string) => void = console.log,
): Promise<Started> {
  const codePath = path.join(root, 'dist', 'Code.js');
  if (!existsSync(codePath)) throw new Error(`${codePath} is missing: run \`npm run build\` first (npm start does).`);
  const data = path.resolve(root, args.data);
  mkdirSync(path.dirname(data), { recursive: true });
  const side: SideState | undefined =
    !args.fresh && existsSync(sideFile(data)) ? JSON.parse(readFileSync(sideFile(data), 'utf8')) : undefined;
  const lang = side?.lang ?? args.lang;
  const { timeZone, locale } = LOCALES[lang];
  const options = {
    timeZone,
    locale,
    user: USERS[0],
    owner: USERS[0],
    now: side?.now ?? args.now ?? morningToday(timeZone),
    // As in Sheets, a failing trigger does not undo the edit or clock move that fired it: the page's trigger log
    // shows the failure.
    throwTriggerErrors: false,
  };

  let wb: PlaygroundWorkbook;
  const reuse = !args.fresh && existsSync(data);
  if (reuse) {
    wb = (await loadWorkbook(data, { ...options, name: side?.name })) as unknown as PlaygroundWorkbook;
    if (side) restoreState(wb, side);
    wb.loadAddon(codePath);
    log(`Loaded ${data}`);
  } else {
    const name = args.empty ? (lang === 'ru' ? 'Новая таблица' : 'Untitled spreadsheet') : CLINIC_NAME[lang];
    wb = createWorkbook({ ...options, name }) as unknown as PlaygroundWorkbook;
    wb.loadAddon(codePath);
    if (!args.empty) {
      const started = Date.now();
      try {
        const seeded = seedClinic(wb, { lang, clients: args.clients });
        log(
          `Seeded the sample clinic (${lang}): ${seeded.clients} clients, ${seeded.contacts} journal entries in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      } catch (e) {
        // The playground still opens, so the failure can be looked at in the sheet.
        log(`Could not seed the sample clinic: ${(e as Error).message}`);
      }
    }
  }
  const addon = wb.addon ?? wb.loadAddon(codePath);
  try {
    wb.open?.();
  } catch (e) {
    log(`onOpen failed: ${(e as Error).message}`);
  }

  let timer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();
  let saveError: string | undefined;
  const saveNow = () => {
    clearTimeout(timer);
    timer = undefined;
    saving = saving
      .then(async () => {
        const tmp = `${data}.tmp`;
        await wb.saveXlsx(tmp);
        renameSync(tmp, data);
        writeFileSync(sideFile(data), `${JSON.stringify(captureState(wb, lang), null, 2)}\n`);
        saveError = undefined;
      })
      .catch((e) => {
        saveError = (e as Error).message;
        log(`saving failed: ${saveError}`);
      });
    return saving;
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(saveNow, 800);
  };
  if (!reuse) await saveNow();

  const playground = createPlayground({
    wb,
    addon,
    code: readFileSync(codePath, 'utf8'),
    dir: path.join(root, 'local', 'playground'),
    onChange: schedule,
    saveError: () => saveError,
    log,
  });
  await playground.ready;
  // /exec runs the add-on's doGet/doPost (links in outbox emails open here); /api/charts feeds the chart panel.
  // A visit that changed the sheet (an unsubscribe link) shows on the page and is saved.
  const server = http.createServer(withWebApp(wb as unknown as ExecWorkbook, playground.handle, playground.changed));
  const port = await listen(server, args.port);
  const url = `http://127.0.0.1:${port}/`;
  (wb as unknown as ExecWorkbook).webApp.setUrl(`${url}exec`);
  return {
    url,
    server,
    wb,
    close: async () => {
      // Always save on the way out: scenario scripts may change the workbook without the page.
      await saveNow();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Opens the page in the default browser if the system has a way to; never fails the server. */
function openBrowser(url: string): void {
  const [cmd, ...cmdArgs] =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : ['xdg-open', url];
  try {
    const child = spawn(cmd, cmdArgs, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser opener here; the printed URL is enough.
  }
}

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(process.argv[1]), '..', '..');
  const args = parseArgs(process.argv.slice(2), process.env);
  const started = await startPlayground(args, root);
  console.log(`\nKartoteka playground: ${started.url}\n(Ctrl+C to stop; data in ${args.data})`);
  if (args.open) openBrowser(started.url);
  const stop = async () => {
    await started.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && /server\.ts$/.test(process.argv[1]) && !process.env.JEST_WORKER_ID) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
