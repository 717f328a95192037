// Puts google.script.run / google.script.host (page/sidebar-shim.js) into a sidebar's or dialog's HTML.
import { readFileSync } from 'node:fs';
import path from 'node:path';

let shimSource: string | undefined;

function shim(dir: string): string {
  shimSource ??= readFileSync(path.join(dir, 'page', 'sidebar-shim.js'), 'utf8');
  return shimSource;
}

/** The HtmlOutput content with the shim placed before the page's own scripts. */
export function injectShim(html: string, frameId: string, playgroundDir: string): string {
  const code = shim(playgroundDir).replace('__FRAME_ID__', () => JSON.stringify(frameId));
  const tag = `<script>${code.replace(/<\/script/gi, '<\\/script')}</script>`;
  for (const re of [/<head[^>]*>/i, /<html[^>]*>/i]) {
    const m = re.exec(html);
    if (m) return html.slice(0, m.index + m[0].length) + tag + html.slice(m.index + m[0].length);
  }
  return tag + html;
}
