// Tests for amounts: money typed with Russian and English separators and currency marks → a rounded number.
import { parseAmount, roundMoney } from '../../../src/domain/normalize/amount';

describe('parseAmount', () => {
  // Every row has three cells: jest hands a callback to a test function with more parameters than cells.
  it.each<[unknown, number, string]>([
    ['1500', 1500, ''],
    ['1 500', 1500, ''],
    ['1\u00a0500', 1500, ''],
    ['1 500,50', 1500.5, ''],
    ['1 500.50', 1500.5, ''],
    ['1,500.50', 1500.5, ''],
    ['1.500,50', 1500.5, ''],
    ['1,500,000', 1500000, ''],
    ['1.500.000', 1500000, ''],
    ['1 500 000,99', 1500000.99, ''],
    ["1'500.50", 1500.5, ''],
    ['1500₽', 1500, 'RUB'],
    ['₽ 1 500', 1500, 'RUB'],
    ['1500 руб.', 1500, 'RUB'],
    ['1500 рублей', 1500, 'RUB'],
    ['2 000 р', 2000, 'RUB'],
    ['2 000 р.', 2000, 'RUB'],
    ['1500 RUB', 1500, 'RUB'],
    ['$1,500.50', 1500.5, 'USD'],
    ['USD 99.99', 99.99, 'USD'],
    ['€ 20,50', 20.5, 'EUR'],
    ['£12', 12, 'GBP'],
    ['5 000 тг', 5000, 'KZT'],
    ['300 грн', 300, 'UAH'],
    ['1500,-', 1500, ''],
    ['+1500', 1500, ''],
    ['0,99', 0.99, ''],
    ['1,5', 1.5, ''],
    ['1,50', 1.5, ''],
    ['0,500', 0.5, ''],
    ['1500,000', 1500, ''],
    ['1.5', 1.5, ''],
    ['1,5555', 1.56, ''],
    ['1.005', 1005, ''],
    ['1.0051', 1.01, ''],
    ['0', 0, ''],
    [1500, 1500, ''],
    [1500.555, 1500.56, ''],
    [0.1 + 0.2, 0.3, ''],
  ])('%p → %p %s', (input, value, currency) => {
    const result = parseAmount(input);
    expect(result).toEqual(currency ? { ok: true, value, currency } : { ok: true, value });
  });

  describe('the thousands-or-decimals rule for a single separator', () => {
    it('reads three digits after 1–3 leading digits as thousands', () => {
      expect(parseAmount('1,500')).toEqual({ ok: true, value: 1500 });
      expect(parseAmount('1.500')).toEqual({ ok: true, value: 1500 });
      expect(parseAmount('999,999')).toEqual({ ok: true, value: 999999 });
    });
    it('reads any other digit count, or a zero or long integer part, as decimals', () => {
      expect(parseAmount('1,5')).toEqual({ ok: true, value: 1.5 });
      expect(parseAmount('1,55')).toEqual({ ok: true, value: 1.55 });
      expect(parseAmount('0,500')).toEqual({ ok: true, value: 0.5 });
      expect(parseAmount('1500,000')).toEqual({ ok: true, value: 1500 });
      expect(parseAmount('1,5000')).toEqual({ ok: true, value: 1.5 });
    });
  });

  describe('negative amounts', () => {
    it.each(['-1500', '−1 500', '(1 500)', '- 1500 ₽', -1500])('%p is refused by default', (input) => {
      expect(parseAmount(input)).toEqual({ ok: false, code: 'amount.negative' });
    });
    it.each<[unknown, number]>([
      ['-1500', -1500],
      ['−1 500,50', -1500.5],
      ['(1 500)', -1500],
      [-0.005, -0.01],
    ])('%p is %p when refunds are allowed', (input, value) => {
      expect(parseAmount(input, { allowNegative: true })).toEqual({ ok: true, value });
    });
    it('treats minus zero as zero', () => {
      expect(parseAmount('-0')).toEqual({ ok: true, value: 0 });
    });
  });

  it.each<[unknown, string]>([
    ['abc', 'amount.invalid'],
    ['.5', 'amount.invalid'],
    ['15 00', 'amount.invalid'],
    ['1 50 000', 'amount.invalid'],
    ['1,50,000', 'amount.invalid'],
    ['1.500,50.25', 'amount.invalid'],
    ['1,2.3,4', 'amount.invalid'],
    ['1500$ 20€', 'amount.invalid'],
    ['1500 руб. 50 коп.', 'amount.invalid'],
    ['12,', 'amount.invalid'],
    ['--5', 'amount.invalid'],
    ['1e5', 'amount.invalid'],
    [Number.POSITIVE_INFINITY, 'amount.invalid'],
    [Number.NaN, 'amount.invalid'],
    [true, 'amount.invalid'],
    ['1 000 000 000 000', 'amount.tooLarge'],
    [5e15, 'amount.tooLarge'],
  ])('%p → %s', (input, code) => {
    expect(parseAmount(input)).toEqual({ ok: false, code });
  });

  it('returns null, not zero, for an empty field', () => {
    for (const empty of ['', '  ', null, undefined]) expect(parseAmount(empty)).toEqual({ ok: true, value: null });
  });
});

describe('roundMoney', () => {
  it.each([
    [1.005, 1.01],
    [2.675, 2.68],
    [1.004, 1],
    [-1.005, -1.01],
    [1234567.125, 1234567.13],
  ])('%p → %p', (n, rounded) => {
    expect(roundMoney(n)).toBe(rounded);
  });
});
