// The one zone-offset module behind the runtime, the spreadsheet and the playground: offsets, wall times, DST edges.
import { wallToInstant } from '../../../local/playground/workbook';
import { instantOf, offsetMinutes } from '../../../local/runtime/tz';
import { wallToUtc, zoneOffsetMs } from '../../../local/shared/tz';
import { dateToSerial, partsToSerial, serialToDate, zoneOffset } from '../../../local/spreadsheet/tz';

const HOUR = 3_600_000;

describe('zone offsets', () => {
  it('reads Moscow as three hours ahead of UTC all year', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15), 'Europe/Moscow')).toBe(3 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15), 'Europe/Moscow')).toBe(3 * HOUR);
  });

  it('follows daylight saving time in New York', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15), 'America/New_York')).toBe(-5 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15), 'America/New_York')).toBe(-4 * HOUR);
  });

  it('takes fixed offsets written as Java writes them', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15), 'GMT+03:00')).toBe(3 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15), 'GMT-5')).toBe(-5 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15), 'UTC')).toBe(0);
  });

  it('gives the runtime (minutes) and the spreadsheet (ms, cached) the same offset', () => {
    for (const at of [Date.UTC(2026, 2, 8, 6, 59), Date.UTC(2026, 2, 8, 7, 0), Date.UTC(2026, 10, 1, 6, 0)]) {
      expect(offsetMinutes(at, 'America/New_York') * 60_000).toBe(zoneOffsetMs(at, 'America/New_York'));
      expect(zoneOffset(at, 'America/New_York')).toBe(zoneOffsetMs(at, 'America/New_York'));
    }
  });
});

describe('wall time to instant', () => {
  it('puts 09:00 in Vladivostok at 23:00 UTC the day before', () => {
    expect(wallToUtc(Date.UTC(2026, 2, 16, 9), 'Asia/Vladivostok')).toBe(Date.UTC(2026, 2, 15, 23));
  });

  it('moves a wall time skipped by the spring change forward by the hour it lost', () => {
    // Berlin skips 02:00–03:00 on 2026-03-29; 02:30 lands on 01:30 UTC, which Berlin reads as 03:30.
    expect(wallToUtc(Date.UTC(2026, 2, 29, 2, 30), 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 1, 30));
  });

  it('agrees between the playground, the spreadsheet serials and the runtime for ordinary times', () => {
    const tz = 'America/New_York';
    const expected = Date.UTC(2026, 6, 4, 13, 15);
    expect(wallToInstant('2026-07-04T09:15', tz).getTime()).toBe(expected);
    expect(serialToDate(partsToSerial(2026, 7, 4, 9, 15), tz)).toBe(expected);
    expect(instantOf({ year: 2026, month: 7, day: 4, hour: 9, minute: 15 }, tz)).toBe(expected);
    expect(dateToSerial(expected, tz)).toBeCloseTo(partsToSerial(2026, 7, 4, 9, 15), 9);
  });
});
