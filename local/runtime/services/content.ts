// ContentService: text outputs a doGet returns, with their MIME type.
import { type EnumValue, makeEnum } from '../enums';

export const MimeType = makeEnum('MimeType', [
  'ATOM',
  'CSV',
  'ICAL',
  'JAVASCRIPT',
  'JSON',
  'RSS',
  'TEXT',
  'VCARD',
  'XML',
] as const);

const MIME: Record<string, string> = {
  ATOM: 'application/atom+xml',
  CSV: 'text/csv',
  ICAL: 'text/calendar',
  JAVASCRIPT: 'application/javascript',
  JSON: 'application/json',
  RSS: 'application/rss+xml',
  TEXT: 'text/plain',
  VCARD: 'text/vcard',
  XML: 'text/xml',
};

export class TextOutput {
  private _mime: EnumValue = MimeType.TEXT;
  private _fileName: string | null = null;
  constructor(private _content = '') {}
  append(addedContent: unknown): TextOutput {
    this._content += String(addedContent);
    return this;
  }
  clear(): TextOutput {
    this._content = '';
    return this;
  }
  getContent(): string {
    return this._content;
  }
  setContent(content: unknown): TextOutput {
    this._content = String(content);
    return this;
  }
  getMimeType(): EnumValue {
    return this._mime;
  }
  setMimeType(mimeType: EnumValue): TextOutput {
    const m = MimeType[String(mimeType)];
    if (!m) throw new Error('Invalid argument: mimeType');
    this._mime = m as EnumValue;
    return this;
  }
  downloadAsFile(filename: string): TextOutput {
    this._fileName = String(filename);
    return this;
  }
  getFileName(): string | null {
    return this._fileName;
  }
  /** The HTTP Content-Type a browser would receive. */
  _contentType(): string {
    return MIME[this._mime.name()];
  }
}

export class ContentService {
  readonly MimeType = MimeType;
  createTextOutput(content?: unknown): TextOutput {
    return new TextOutput(content === undefined ? '' : String(content));
  }
}
