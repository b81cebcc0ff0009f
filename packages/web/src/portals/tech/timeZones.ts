import type { RegionCode } from '@openesia/contracts';
import { regionTimeZones } from '@openesia/geo';

/**
 * The IANA time zones of a region, its capital's first (@openesia/geo): the center's hours are kept
 * in its own zone, so the form asks for it only where a region has several (Якутия, Сахалинская
 * область).
 */
export function regionZones(regionCode: string): readonly string[] {
  return regionTimeZones[regionCode as RegionCode] ?? [];
}

/** The zone's city in Russian (the tz database names a zone by a city). */
const zoneCities: Record<string, string> = {
  'Asia/Yakutsk': 'Якутск',
  'Asia/Khandyga': 'Хандыга',
  'Asia/Ust-Nera': 'Усть-Нера',
  'Asia/Vladivostok': 'Владивосток',
  'Asia/Srednekolymsk': 'Среднеколымск',
  'Asia/Sakhalin': 'Южно-Сахалинск',
  'Asia/Kamchatka': 'Петропавловск-Камчатский',
  'Asia/Magadan': 'Магадан',
  'Asia/Anadyr': 'Анадырь',
  'Europe/Moscow': 'Москва',
  'Europe/Kaliningrad': 'Калининград',
  'Europe/Samara': 'Самара',
  'Asia/Yekaterinburg': 'Екатеринбург',
  'Asia/Omsk': 'Омск',
  'Asia/Novosibirsk': 'Новосибирск',
  'Asia/Krasnoyarsk': 'Красноярск',
  'Asia/Irkutsk': 'Иркутск',
  'Asia/Chita': 'Чита',
  'Asia/Barnaul': 'Барнаул',
  'Asia/Novokuznetsk': 'Новокузнецк',
  'Asia/Tomsk': 'Томск',
  'Europe/Astrakhan': 'Астрахань',
  'Europe/Volgograd': 'Волгоград',
  'Europe/Kirov': 'Киров',
  'Europe/Saratov': 'Саратов',
  'Europe/Ulyanovsk': 'Ульяновск',
  'Europe/Simferopol': 'Симферополь',
};

/** «Якутск (UTC+9)»: the city and the offset now, as a person reads the choice. */
export function zoneLabel(zone: string, at: Date = new Date()): string {
  const city = zoneCities[zone] ?? zone;
  let offset = '';
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    offset = part ? part.replace('GMT', 'UTC') : '';
  } catch {
    // a zone the browser does not know: the name alone
  }
  return offset && offset !== 'UTC' ? `${city} (${offset})` : city;
}
