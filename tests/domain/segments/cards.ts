// Varied client cards for segment tests: blanks, text in number and date columns, case and spaces, 29 February,
// dates around today (year ends, weeks, the at-risk threshold).
import { seeded } from '../reminders/random';
import type { Card, Lang } from './sheetEnv';

function day(r: ReturnType<typeof seeded>, today: string): string {
  const base = Date.parse(`${today}T00:00:00Z`);
  const offset = r.pick([0, 1, -1, 7, -7, 14, 15, -180, -181, -179, 30, -400, r.int(-800, 60)]);
  return new Date(base + offset * 86400000).toISOString().slice(0, 10);
}

/** Varied cards over the fields segments read (dates as 'yyyy-mm-dd'). */
export function variedCards(seed: number, count: number, lang: Lang, today: string, services: string[]): Card[] {
  const r = seeded(seed);
  const maybe = <T>(p: number, v: () => T): T | '' => (r.chance(p) ? v() : '');
  const stages = lang === 'ru' ? ['Новый лид', 'Первый контакт', 'Визит', 'Клиент', 'Отказ'] : ['New lead', 'Visit'];
  const service = () => r.pick([...services, ...services.map((s) => s.toLowerCase()), ` ${services[0]} `, 'Другое']);
  return Array.from({ length: count }, (_, i) => {
    const purchases = r.pick([0, 0, 1, 1, 2, 3, 4, 7, '', 'много']);
    const card: Card = {
      fullName: r.chance(0.95) ? r.pick([`Клиент ${i}`, `  client  ${i} `, `Ёлкин ${i}`]) : '',
      phone: maybe(0.7, () => `+7912${String(1000000 + i)}`),
      email: maybe(0.6, () => `c${i}@example.com`),
      stage: r.pick(stages),
      purchases,
      totalSpent: typeof purchases === 'number' ? purchases * 1500.5 : '',
      lastPurchaseOn: maybe(0.6, () => day(r, today)),
      birthDate: maybe(0.7, () => {
        if (r.chance(0.1)) return '1992-02-29';
        const md = day(r, today).slice(5);
        // A leap year for 29 February, so every generated birth date exists.
        return `${md === '02-29' ? 1988 : 1950 + r.int(0, 49)}-${md}`;
      }),
      nextAppointmentOn: maybe(0.5, () => `${day(r, today)}T${r.pick(['09:30', '18:00', '00:00'])}`),
      subscriptionEndsOn: maybe(0.5, () => (r.chance(0.1) ? 'не знаю' : day(r, today))),
      interest: maybe(0.8, service),
      servicesBought: maybe(0.6, () =>
        Array.from({ length: r.int(1, 3) }, service)
          .map((s) => s.trim())
          .join('; '),
      ),
      source: maybe(0.8, () => r.pick(['Instagram', 'instagram ', 'Сайт'])),
      tags: maybe(0.3, () => r.pick(['vip, аллергия', 'VIP', 'невip'])),
    };
    return card;
  });
}
