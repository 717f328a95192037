// HtmlService templates and outputs: scriptlets run in the add-on's context, <?= ?> escapes, <?!= ?> does not.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { workbookWith } from './helpers';

const CODE = `
function include(name) { return HtmlService.createHtmlOutputFromFile(name).getContent(); }
function greeting() { return 'Здравствуйте'; }
function render(name, vars) {
  var t = HtmlService.createTemplateFromFile(name);
  for (var k in vars) t[k] = vars[k];
  return t.evaluate().getContent();
}
function inline(text, vars) { var t = HtmlService.createTemplate(text); for (var k in vars) t[k] = vars[k]; return t.evaluate().getContent(); }
function sidebar() {
  var out = HtmlService.createHtmlOutputFromFile('page.html').setTitle('Клиент').setWidth(300).setHeight(500)
    .setSandboxMode(HtmlService.SandboxMode.IFRAME).setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL)
    .addMetaTag('viewport', 'width=device-width');
  out.append('<p>end</p>');
  SpreadsheetApp.getUi().showSidebar(out);
  return [out.getTitle(), out.getWidth(), out.getHeight()];
}
function missing() { return HtmlService.createHtmlOutputFromFile('nope'); }
function code() { return HtmlService.createTemplate('a<?= x ?>b').getCode(); }
`;

function withFiles(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kartoteka-html-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return workbookWith(CODE, {}, { dir });
}

describe('HtmlService', () => {
  it('escapes <?= ?> and prints <?!= ?> raw', () => {
    const { addon } = workbookWith(CODE);
    expect(addon.call('inline', '<p><?= name ?></p><div><?!= name ?></div>', { name: '<b>"Анна" & Co</b>' })).toBe(
      '<p>&lt;b&gt;&quot;Анна&quot; &amp; Co&lt;/b&gt;</p><div><b>"Анна" & Co</b></div>',
    );
  });

  it('runs <? ?> code with template properties as variables and the add-on globals in reach', () => {
    const { addon } = workbookWith(CODE);
    const text = '<? for (var i = 0; i < items.length; i++) { ?><li><?= greeting() ?>, <?= items[i] ?></li><? } ?>';
    expect(addon.call('inline', text, { items: ['Анна', 'Борис'] })).toBe(
      '<li>Здравствуйте, Анна</li><li>Здравствуйте, Борис</li>',
    );
  });

  it('follows the include pattern over files next to the add-on', () => {
    const { addon } = withFiles({
      'page.html': '<html><head><?!= include("style") ?></head><body><?= title ?></body></html>',
      'style.html': '<style>b{}</style>',
    });
    expect(addon.call('render', 'page', { title: 'Клиенты' })).toBe(
      '<html><head><style>b{}</style></head><body>Клиенты</body></html>',
    );
  });

  it('records a sidebar with its title, size and content', () => {
    const { wb, addon } = withFiles({ 'page.html': '<h1>Карточка</h1>' });
    expect(addon.call('sidebar')).toEqual(['Клиент', 300, 500]);
    expect(wb.ui.sidebars).toHaveLength(1);
    expect(wb.ui.sidebars[0]).toMatchObject({
      title: 'Клиент',
      width: 300,
      height: 500,
      content: '<h1>Карточка</h1><p>end</p>',
      kind: 'sidebar',
      user: 'anna@clinic.test',
    });
  });

  it("names a missing file in Google's words", () => {
    const { addon } = withFiles({});
    expect(() => addon.call('missing')).toThrow('No HTML file named nope was found.');
  });

  it('shows the generated code through getCode', () => {
    const { addon } = workbookWith(CODE);
    expect(addon.call('code')).toContain('output.appendUntrusted(x)');
  });
});
