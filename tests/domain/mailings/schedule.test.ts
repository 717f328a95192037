// The sending window, the frequency caps and the slot a held-back letter waits for (wall times, sheet's zone).
import {
  capFreeAt,
  formatWeekdays,
  inWindow,
  isoWeekday,
  nextSlot,
  nextWindowSlot,
  parseWeekdays,
} from '../../../src/domain/mailings';

const window = { days: [1, 2, 3, 4, 5], from: 10, to: 19 };
const caps = { per7: 2, per30: 6 };

describe('weekdays as people write them', () => {
  it.each([
    ['пн-пт', [1, 2, 3, 4, 5]],
    ['Пн – Пт', [1, 2, 3, 4, 5]],
    ['Mon–Fri', [1, 2, 3, 4, 5]],
    ['пн, ср, пт', [1, 3, 5]],
    ['1-5', [1, 2, 3, 4, 5]],
    ['сб-пн', [1, 6, 7]],
    ['tue thu', [2, 4]],
  ])('%s', (text, days) => {
    expect(parseWeekdays(text)).toEqual(days);
  });

  it('refuses what it cannot read', () => {
    expect(parseWeekdays('по будням')).toBeUndefined();
    expect(parseWeekdays('')).toBeUndefined();
    expect(parseWeekdays('пн-пт-сб')).toBeUndefined();
  });

  it('writes them back as runs', () => {
    expect(formatWeekdays([1, 2, 3, 4, 5], 'ru')).toBe('пн–пт');
    expect(formatWeekdays([1, 3, 5, 6, 7], 'en')).toBe('Mon, Wed, Fri–Sun');
  });

  it('knows the weekday of a date', () => {
    expect(isoWeekday('2026-03-14')).toBe(6); // Saturday
    expect(isoWeekday('2026-03-16')).toBe(1); // Monday
    expect(isoWeekday('2024-02-29')).toBe(4);
  });
});

describe('the sending window', () => {
  it('holds a Saturday letter to Monday at the first hour', () => {
    expect(inWindow('2026-03-14T11:00', window)).toBe(false);
    expect(nextWindowSlot('2026-03-14T11:00', window)).toBe('2026-03-16T10:00');
  });

  it('holds a letter before the hours to the same day, after them to the next working day', () => {
    expect(nextWindowSlot('2026-03-16T07:30', window)).toBe('2026-03-16T10:00');
    expect(nextWindowSlot('2026-03-20T19:00', window)).toBe('2026-03-23T10:00');
    expect(nextWindowSlot('2026-03-17T18:59', window)).toBe('2026-03-17T18:59');
  });

  it('lets a letter tied to its day (a holiday) go on any weekday, inside the hours', () => {
    expect(nextWindowSlot('2026-03-08T09:00', window, true)).toBe('2026-03-08T10:00');
    expect(inWindow('2026-03-08T12:00', window, true)).toBe(true);
  });
});

describe('frequency caps', () => {
  it('lets a letter go while the client is under both caps', () => {
    expect(capFreeAt(['2026-03-10T10:00'], '2026-03-16T11:00', caps)).toBe('2026-03-16T11:00');
  });

  it('waits until the oldest letter of the last 7 days ages out', () => {
    expect(capFreeAt(['2026-03-10T10:00', '2026-03-12T12:00'], '2026-03-16T11:00', caps)).toBe('2026-03-17T10:00');
  });

  it('waits for the 30-day cap too', () => {
    const sent = ['2026-02-20T10:00', '2026-02-25T10:00', '2026-03-02T10:00', '2026-03-06T10:00', '2026-03-10T10:00'];
    expect(capFreeAt(sent, '2026-03-16T11:00', { per7: 2, per30: 5 })).toBe('2026-03-22T10:00');
  });

  it('combines caps and window: a slot freed on Saturday goes on Monday morning', () => {
    const sent = ['2026-03-09T12:00', '2026-03-11T12:00'];
    // Free from Monday 16 March 12:00 by the 7-day cap; inside the window then.
    expect(nextSlot('2026-03-13T11:00', window, caps, sent)).toBe('2026-03-16T12:00');
    const early = ['2026-03-07T09:00', '2026-03-08T10:00'];
    // Free from Saturday 14 March 09:00: the window moves it to Monday 10:00.
    expect(nextSlot('2026-03-13T11:00', window, caps, early)).toBe('2026-03-16T10:00');
  });
});
