// The playground's web-app door and chart data: GET/POST /exec run the add-on's doGet/doPost (a link in an outbox
// email opens in the browser), GET /api/charts gives the active tab's embedded charts with their current data.
import type http from 'node:http';
import type { ChartView } from '../contract';
import type { WebAppPost, WebAppRequest, WebAppResponse } from '../runtime/webapp';

/** The part of the runtime's Workbook these routes use. */
export interface ExecWorkbook {
  /** Who the playground acts as (the user switcher). */
  user?: string;
  webApp: {
    readonly url: string | null;
    settings(): { access: string } | undefined;
    setUrl(url: string): unknown;
    get(target: string, opts?: WebAppRequest): WebAppResponse;
    post(target: string, body: string, opts?: WebAppPost): WebAppResponse;
  };
  sheetNames(): string[];
  model: { chartViews(tab: string): ChartView[] };
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
const MAX_BODY = 1024 * 1024;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** An HtmlOutput as a page: its content in a document titled by setTitle, sandboxed like Google's web-app frame. */
function htmlPage(r: WebAppResponse): string {
  if (/^\s*(<!doctype|<html)/i.test(r.body)) return r.body;
  const title = r.title ? `<title>${escapeHtml(r.title)}</title>` : '';
  return `<!doctype html><html><head><meta charset="utf-8">${title}</head><body>${r.body}</body></html>`;
}

/**
 * Wraps the playground's handler: /exec and /api/charts are answered here, everything else goes to `next`.
 * Visitors of /exec are anonymous when the web app allows anyone, else the playground's current user.
 */
export function withWebApp(wb: ExecWorkbook, next: Handler, onChange: () => void = () => undefined): Handler {
  async function exec(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (!wb.webApp.settings()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('The add-on is not deployed as a web app: its appsscript.json has no "webapp" section.');
    }
    const user = wb.webApp.settings()?.access === 'ANYONE_ANONYMOUS' ? null : (wb.user ?? null);
    const target = `${url.pathname}${url.search}`;
    let out: WebAppResponse;
    if (req.method === 'POST') {
      const body = await readBody(req);
      if (body === undefined) {
        res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8' });
        return void res.end('Request body is larger than 1 MB.');
      }
      out = wb.webApp.post(target, body, { user, contentType: req.headers['content-type'] ?? 'text/plain' });
    } else out = wb.webApp.get(target, { user });
    onChange();
    const headers: Record<string, string> = { 'Content-Type': out.contentType, 'Cache-Control': 'no-store' };
    if (out.kind === 'html') headers['Content-Security-Policy'] = 'sandbox allow-scripts allow-forms allow-popups';
    if (out.fileName) headers['Content-Disposition'] = `attachment; filename="${out.fileName.replace(/"/g, '')}"`;
    res.writeHead(out.status, headers);
    res.end(out.kind === 'html' ? htmlPage(out) : out.body);
  }

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isExec = /^\/exec(\/|$)/.test(url.pathname) && (req.method === 'GET' || req.method === 'POST');
    const isCharts = url.pathname === '/api/charts' && req.method === 'GET';
    if (!isExec && !isCharts) return next(req, res);
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (!LOCAL_HOSTS.includes(host)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('Forbidden host.');
    }
    if (isCharts) {
      const tab = url.searchParams.get('tab') ?? '';
      const known = wb.sheetNames().includes(tab);
      res.writeHead(known ? 200 : 404, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      return void res.end(JSON.stringify(known ? wb.model.chartViews(tab) : { error: `No tab named ${tab}` }));
    }
    exec(req, res, url).catch((e) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String((e as Error)?.message ?? e));
    });
  };
}
