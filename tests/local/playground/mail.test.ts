// The outbox frames a letter so that its links open in a new tab (an unsubscribe link reaches the playground's
// /exec), in the HTML view and in the plain-text view alike, with the letter's text never read as markup.
import { mailDocument } from '../../../local/playground/page/mail';

describe('a letter in the outbox', () => {
  it('opens the links of an HTML letter in a new tab', () => {
    const doc = mailDocument({ htmlBody: '<p>Hi <a href="http://127.0.0.1:5173/exec?t=1">stop</a></p>', body: 'Hi' });
    expect(doc).toBe('<base target="_blank"><p>Hi <a href="http://127.0.0.1:5173/exec?t=1">stop</a></p>');
  });

  it('puts the base into the head of a letter that is a whole document, not into a <header>', () => {
    const html = '<!doctype html><html><head><meta charset="utf-8"></head><body><header>x</header></body></html>';
    expect(mailDocument({ htmlBody: html, body: '' })).toBe(
      '<!doctype html><html><head><base target="_blank"><meta charset="utf-8"></head><body><header>x</header></body></html>',
    );
    const noHead = mailDocument({ htmlBody: '<header>x</header>', body: '' });
    expect(noHead).toBe('<base target="_blank"><header>x</header>');
  });

  it('shows the plain-text version escaped, its web addresses clickable', () => {
    const doc = mailDocument(
      { htmlBody: '<p>x</p>', body: 'Dear <b>Ann</b> & co\nUnsubscribe: https://x.test/exec?a=1&b=2 now' },
      true,
    );
    expect(doc).toContain('Dear &lt;b&gt;Ann&lt;/b&gt; &amp; co');
    expect(doc).toContain('<a href="https://x.test/exec?a=1&amp;b=2">https://x.test/exec?a=1&amp;b=2</a> now');
    expect(doc.startsWith('<base target="_blank">')).toBe(true);
  });

  it('shows a letter without HTML as its plain text', () => {
    expect(mailDocument({ htmlBody: '', body: 'Hello' })).toBe(
      '<base target="_blank"><pre style="white-space:pre-wrap;font:14px sans-serif">Hello</pre>',
    );
  });
});
