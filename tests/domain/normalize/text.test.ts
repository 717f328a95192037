// Tests for free text: what must be prefixed to stay text in Sheets, and what cleanText removes.
import { asSheetText, cleanText } from '../../../src/domain/normalize/text';

describe('asSheetText', () => {
  describe('prefixes text Sheets would run as a formula', () => {
    it.each([
      '=SUM(A1:A9)',
      '=HYPERLINK("http://x")',
      '+7 912 345-67-89',
      '-5',
      '- ask about allergy',
      '@anna',
      '\tindented',
      '\rline',
    ])('%p', (s) => expect(asSheetText(s)).toBe("'" + s));
  });

  describe('prefixes text Sheets would turn into a number, date, time or logical value', () => {
    it.each([
      '007',
      '1e5',
      '15.03',
      '15.03.2026',
      '3/15',
      '2026-03-15',
      '10:30',
      '1,500',
      '50%',
      '$100',
      '(912) 345-67-89',
      '1/2',
      'TRUE',
      'false',
      'ИСТИНА',
      '15 марта',
      '15 Mar 2026',
      'March 15',
      'Mar-26',
      '1 мая',
      "'quoted",
    ])('%p', (s) => expect(asSheetText(s)).toBe("'" + s));
  });

  describe('leaves ordinary text alone', () => {
    it.each([
      'Петрова Анна',
      'anna@example.ru',
      'Позвонить после 15.03',
      'Room 12 near the lift',
      'Аллергия на лидокаин',
      'e',
      'Hello = world',
      'a+b',
      '',
      'Very long note about 15 March visit',
      'Room 101',
      '12 apples',
      '3 раза',
    ])('%p', (s) => expect(asSheetText(s)).toBe(s));
  });
});

describe('cleanText', () => {
  it('trims and keeps line breaks and tabs inside', () => {
    expect(cleanText('  first line\n\tsecond line  ')).toBe('first line\n\tsecond line');
  });
  it('turns Windows and old Mac line breaks into \\n', () => {
    expect(cleanText('a\r\nb\rc')).toBe('a\nb\nc');
  });
  it('removes control and zero-width characters pasted from other programs', () => {
    expect(cleanText('Ан\u0000на\u0007 \u200bПетрова\ufeff\u001b')).toBe('Анна Петрова');
  });
  it('writes numbers and logical values as text and drops objects', () => {
    expect(cleanText(42)).toBe('42');
    expect(cleanText(true)).toBe('true');
    expect(cleanText(null)).toBe('');
    expect(cleanText(undefined)).toBe('');
    expect(cleanText({ a: 1 })).toBe('');
  });
  it('cuts text to the maximum length without splitting an emoji', () => {
    expect(cleanText('abcdef', 3)).toBe('abc');
    expect(cleanText('ab😀cd', 3)).toBe('ab');
    expect(cleanText('x'.repeat(60000))).toHaveLength(50000);
  });
});
