// HtmlService: outputs and templates over the add-on's dist/ files; scriptlets run inside the add-on's vm context.
import { makeEnum } from '../enums';

export const SandboxMode = makeEnum('SandboxMode', ['EMULATED', 'IFRAME', 'NATIVE'] as const);
export const XFrameOptionsMode = makeEnum('XFrameOptionsMode', ['ALLOWALL', 'DEFAULT'] as const);

/** Where templates come from and where their scriptlets run. */
export interface HtmlHost {
  /** The text of dist/<name>.html (name given with or without '.html'); undefined when there is none. */
  readFile(name: string): string | undefined;
  /** Runs template code in the add-on's context with `vars` in scope and `output` to append to. */
  evaluate(code: string, vars: Record<string, unknown>, output: TemplateSink): void;
}

export interface TemplateSink {
  append(v: unknown): void;
  appendUntrusted(v: unknown): void;
}

export function escapeHtml(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return text.replace(/[&<>"']/g, (c) => entities[c]);
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export interface HtmlOutputData {
  content: string;
  title: string;
  width?: number;
  height?: number;
  meta: Array<{ name: string; content: string }>;
  faviconUrl?: string;
}

export class HtmlOutput {
  _content = '';
  _title = '';
  _width: number | undefined;
  _height: number | undefined;
  _meta: Array<{ name: string; content: string }> = [];
  _faviconUrl: string | undefined;

  constructor(content = '') {
    this._content = content;
  }
  append(addedContent: unknown): HtmlOutput {
    this._content += text(addedContent);
    return this;
  }
  appendUntrusted(addedContent: unknown): HtmlOutput {
    this._content += escapeHtml(text(addedContent));
    return this;
  }
  clear(): HtmlOutput {
    this._content = '';
    return this;
  }
  getContent(): string {
    return this._content;
  }
  setContent(content: unknown): HtmlOutput {
    this._content = text(content);
    return this;
  }
  getTitle(): string {
    return this._title;
  }
  setTitle(title: unknown): HtmlOutput {
    this._title = text(title);
    return this;
  }
  getWidth(): number | undefined {
    return this._width;
  }
  setWidth(width: unknown): HtmlOutput {
    this._width = Number(width);
    return this;
  }
  getHeight(): number | undefined {
    return this._height;
  }
  setHeight(height: unknown): HtmlOutput {
    this._height = Number(height);
    return this;
  }
  setSandboxMode(_mode: unknown): HtmlOutput {
    // Every mode is IFRAME today; the call is accepted and changes nothing, as in Apps Script.
    return this;
  }
  setXFrameOptionsMode(_mode: unknown): HtmlOutput {
    return this;
  }
  addMetaTag(name: unknown, content: unknown): HtmlOutput {
    const n = text(name);
    if (!/^(viewport|apple-mobile-web-app-capable|mobile-web-app-capable)$/.test(n)) {
      throw new Error(`Invalid argument: name`);
    }
    this._meta.push({ name: n, content: text(content) });
    return this;
  }
  getMetaTags(): Array<{ name: string; content: string }> {
    return this._meta.map((m) => ({ ...m }));
  }
  setFaviconUrl(url: unknown): HtmlOutput {
    this._faviconUrl = text(url);
    return this;
  }
  getFaviconUrl(): string | undefined {
    return this._faviconUrl;
  }
  /** Plain data, for handing an output across threads. */
  _toData(): HtmlOutputData {
    return {
      content: this._content,
      title: this._title,
      width: this._width,
      height: this._height,
      meta: this._meta,
      faviconUrl: this._faviconUrl,
    };
  }
  static _fromData(d: HtmlOutputData): HtmlOutput {
    const o = new HtmlOutput(d.content);
    o._title = d.title;
    o._width = d.width;
    o._height = d.height;
    o._meta = d.meta;
    o._faviconUrl = d.faviconUrl;
    return o;
  }
}

/** Turns template text into the code Apps Script runs: text and `<?!= ?>` append, `<?= ?>` appends escaped. */
export function compileTemplate(source: string): string {
  let code = '';
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('<?', i);
    if (open < 0) {
      code += `output.append(${JSON.stringify(source.slice(i))});\n`;
      break;
    }
    if (open > i) code += `output.append(${JSON.stringify(source.slice(i, open))});\n`;
    const close = source.indexOf('?>', open + 2);
    if (close < 0) throw new Error('Template error: a scriptlet opened with <? is never closed with ?>');
    let inner = source.slice(open + 2, close);
    if (inner.startsWith('!=')) {
      inner = inner.slice(2);
      code += `output.append(${inner.trim()});\n`;
    } else if (inner.startsWith('=')) {
      inner = inner.slice(1);
      code += `output.appendUntrusted(${inner.trim()});\n`;
    } else code += `${inner}\n`;
    i = close + 2;
  }
  return code;
}

export class HtmlTemplate {
  [variable: string]: unknown;
  constructor(
    private readonly _source: string,
    private readonly _host: HtmlHost,
  ) {}
  evaluate(): HtmlOutput {
    const vars: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (!k.startsWith('_')) vars[k] = v;
    const out = new HtmlOutput();
    this._host.evaluate(this.getCode(), vars, {
      append: (v) => out.append(v),
      appendUntrusted: (v) => out.appendUntrusted(v),
    });
    return out;
  }
  getCode(): string {
    return compileTemplate(this._source);
  }
  getCodeWithComments(): string {
    return this.getCode();
  }
  getRawContent(): string {
    return this._source;
  }
}

function fileText(host: HtmlHost, name: unknown): string {
  const n = text(name);
  const found = host.readFile(n);
  if (found === undefined) throw new Error(`No HTML file named ${n.replace(/\.html$/, '')} was found.`);
  return found;
}

export class HtmlService {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;
  constructor(private readonly _host: HtmlHost) {}
  createHtmlOutput(html?: unknown): HtmlOutput {
    const blob = html as { getDataAsString?: () => string } | undefined;
    if (blob && typeof blob === 'object' && typeof blob.getDataAsString === 'function') {
      return new HtmlOutput(blob.getDataAsString());
    }
    return new HtmlOutput(text(html));
  }
  createHtmlOutputFromFile(filename: unknown): HtmlOutput {
    return new HtmlOutput(fileText(this._host, filename));
  }
  createTemplate(html: unknown): HtmlTemplate {
    const blob = html as { getDataAsString?: () => string } | undefined;
    const source =
      blob && typeof blob === 'object' && typeof blob.getDataAsString === 'function'
        ? blob.getDataAsString()
        : text(html);
    return new HtmlTemplate(source, this._host);
  }
  createTemplateFromFile(filename: unknown): HtmlTemplate {
    return new HtmlTemplate(fileText(this._host, filename), this._host);
  }
  getUserAgent(): string {
    return 'Mozilla/5.0 (X11; Linux x86_64) Kartoteka local runtime';
  }
}
