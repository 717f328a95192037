// The add-on as a deployed web app: the manifest's `webapp` section, the /exec URL ScriptApp.getService() reports,
// and GET/POST requests run as doGet(e)/doPost(e) with Apps Script's event object (developers.google.com/apps-script/guides/web).
import { createHash } from 'node:crypto';
import { TextOutput } from './services/content';
import { HtmlOutput } from './services/html';

/** The manifest's `webapp` section (defaults as the Apps Script editor deploys: as the deployer, only yourself). */
export interface WebAppManifest {
  executeAs?: 'USER_DEPLOYING' | 'USER_ACCESSING';
  access?: 'MYSELF' | 'DOMAIN' | 'ANYONE' | 'ANYONE_ANONYMOUS';
}

export interface WebAppRequest {
  /** Who opens the URL: an email, or null for someone not signed in to Google. */
  user?: string | null;
}

export interface WebAppPost extends WebAppRequest {
  /** The body's MIME type (default application/x-www-form-urlencoded, as a plain HTML form posts). */
  contentType?: string;
}

/** What the browser receives. */
export interface WebAppResponse {
  status: number;
  kind: 'html' | 'text' | 'error';
  /** The HTTP Content-Type. */
  contentType: string;
  body: string;
  /** HtmlOutput.setTitle: the browser tab's title. */
  title?: string;
  /** TextOutput.downloadAsFile: the browser saves the body under this name. */
  fileName?: string;
}

/** What the workbook lends the web app to run a request. */
export interface WebAppHost {
  manifest(): WebAppManifest | undefined;
  owner(): string;
  seed(): number;
  /** Runs doGet/doPost as `user` (hideEmail: Session.getActiveUser() is '' for the script). */
  run(fn: 'doGet' | 'doPost', event: Record<string, unknown>, user: string, hideEmail: boolean): unknown;
  has(fn: string): boolean;
}

export type WebAppEvent = Record<string, unknown>;

/** 'a=1&b=x+y&a=2&flag' → ordered [key, value] pairs, decoded as a form is ('+' is a space). */
export function parseQuery(text: string): Array<[string, string]> {
  if (!text) return [];
  return text
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const dec = (s: string) => {
        const plain = s.replace(/\+/g, ' ');
        try {
          return decodeURIComponent(plain);
        } catch {
          return plain;
        }
      };
      return eq < 0 ? [dec(p), ''] : [dec(p.slice(0, eq)), dec(p.slice(eq + 1))];
    });
}

/**
 * The event object of a request to `target` — a full /exec URL, '/exec/path?query', '/path?query' or '?query'.
 * POST bodies sent as a form add their fields to `parameter(s)`, after the query's.
 */
export function webAppEvent(target: string, post?: { body: string; contentType: string }): WebAppEvent {
  let rest = String(target ?? '');
  const exec = rest.search(/\/exec(?=[/?]|$)/);
  if (exec >= 0) rest = rest.slice(exec + 5);
  else rest = rest.replace(/^[a-z]+:\/\/[^/?]*/i, '');
  const q = rest.indexOf('?');
  const path = (q < 0 ? rest : rest.slice(0, q)).replace(/^\/+/, '');
  const queryString = q < 0 ? null : rest.slice(q + 1);
  const pairs = parseQuery(queryString ?? '');
  if (post && /^application\/x-www-form-urlencoded\b/i.test(post.contentType)) pairs.push(...parseQuery(post.body));
  const parameter: Record<string, string> = {};
  const parameters: Record<string, string[]> = {};
  for (const [k, v] of pairs) {
    if (!(k in parameter)) parameter[k] = v;
    if (!parameters[k]) parameters[k] = [];
    parameters[k].push(v);
  }
  const event: WebAppEvent = {
    queryString,
    parameter,
    parameters,
    contextPath: '',
    contentLength: post ? Buffer.byteLength(post.body) : -1,
  };
  if (path) event.pathInfo = decodeURIComponent(path);
  if (post) {
    event.postData = {
      length: Buffer.byteLength(post.body),
      type: post.contentType,
      contents: post.body,
      name: 'postData',
    };
  }
  return event;
}

const DOMAIN = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

export class WebApp {
  private base: string | undefined;
  private explicit: WebAppManifest | undefined;

  constructor(private readonly host: WebAppHost) {}

  /** The deployment's settings: the manifest's `webapp` section, or what deploy() was given; undefined = not deployed. */
  settings(): Required<WebAppManifest> | undefined {
    const m = this.explicit ?? this.host.manifest();
    if (!m) return undefined;
    return { executeAs: m.executeAs ?? 'USER_DEPLOYING', access: m.access ?? 'MYSELF' };
  }

  /** Deploys without a manifest section (a test's add-on source); settings as in the manifest. */
  deploy(settings: WebAppManifest = {}): this {
    this.explicit = { ...settings };
    return this;
  }

  /** Serves the web app at `url` (the playground's http://127.0.0.1:<port>/exec). */
  setUrl(url: string): this {
    this.base = String(url).replace(/\/+$/, '');
    return this;
  }

  /** ScriptApp.getService().getUrl(): the /exec URL once deployed, else null. */
  get url(): string | null {
    if (!this.settings()) return null;
    if (this.base) return this.base;
    const id = createHash('sha256').update(`kartoteka-webapp:${this.host.seed()}`).digest('base64url').slice(0, 66);
    return `https://script.google.com/macros/s/AKfycb${id}/exec`;
  }

  get(target = '', opts: WebAppRequest = {}): WebAppResponse {
    return this.request('doGet', webAppEvent(target), opts);
  }

  post(target: string, body: string, opts: WebAppPost = {}): WebAppResponse {
    const contentType = opts.contentType ?? 'application/x-www-form-urlencoded';
    return this.request('doPost', webAppEvent(target, { body: String(body ?? ''), contentType }), opts);
  }

  private request(fn: 'doGet' | 'doPost', event: WebAppEvent, opts: WebAppRequest): WebAppResponse {
    const s = this.settings();
    if (!s)
      throw new Error(
        'The web app is not deployed: add a "webapp" section to appsscript.json (or wb.webApp.deploy()).',
      );
    const visitor = opts.user === undefined ? null : opts.user;
    const owner = this.host.owner();
    // Who may open it (the deployment's "Who has access").
    if (visitor === null && s.access !== 'ANYONE_ANONYMOUS')
      return error(401, `Sign in with a Google account to open this web app (access: ${s.access}).`);
    if (visitor !== null && s.access === 'MYSELF' && visitor !== owner)
      return error(403, 'You need access: this web app is only for its owner (access: MYSELF).');
    if (visitor !== null && s.access === 'DOMAIN' && DOMAIN(visitor) !== DOMAIN(owner))
      return error(403, `You need access: this web app is only for ${DOMAIN(owner)} (access: DOMAIN).`);
    if (!this.host.has(fn)) return error(404, `Script function not found: ${fn}`);
    const asVisitor = s.executeAs === 'USER_ACCESSING';
    const user = asVisitor ? (visitor as string) : owner;
    // Run as the deployer, the script does not learn who else is visiting.
    const hideEmail = !asVisitor && visitor !== owner;
    let result: unknown;
    try {
      result = this.host.run(fn, event, user, hideEmail);
    } catch (e) {
      return error(500, (e as Error)?.message ?? String(e));
    }
    if (result instanceof HtmlOutput) {
      const out: WebAppResponse = {
        status: 200,
        kind: 'html',
        contentType: 'text/html; charset=utf-8',
        body: result.getContent(),
      };
      if (result.getTitle()) out.title = result.getTitle();
      return out;
    }
    if (result instanceof TextOutput) {
      const out: WebAppResponse = {
        status: 200,
        kind: 'text',
        contentType: `${result._contentType()}; charset=utf-8`,
        body: result.getContent(),
      };
      const name = result.getFileName();
      if (name) out.fileName = name;
      return out;
    }
    return {
      status: 200,
      kind: 'html',
      contentType: 'text/html; charset=utf-8',
      body: 'The script completed but did not return anything.',
    };
  }
}

function error(status: number, message: string): WebAppResponse {
  return { status, kind: 'error', contentType: 'text/plain; charset=utf-8', body: message };
}
