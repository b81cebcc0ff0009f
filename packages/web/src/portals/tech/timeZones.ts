import type { RegionCode } from '@openesia/contracts';

/**
 * The IANA time zones of a region, its capital's first: the center's hours are kept in its own
 * zone, so the form asks for it only where a region has several (Якутия, Сахалинская область).
 */
export function regionZones(regionCode: string): readonly string[] {
  return fallbackZones[regionCode as RegionCode] ?? [];
}

// Until @openesia/geo's regionTimeZones is on main: the regions with more than one zone.
const fallbackZones: Partial<Record<RegionCode, readonly string[]>> = {
  '14': ['Asia/Yakutsk', 'Asia/Khandyga', 'Asia/Ust-Nera', 'Asia/Vladivostok', 'Asia/Srednekolymsk'],
  '65': ['Asia/Sakhalin', 'Asia/Srednekolymsk'],
};

/** The zone's city in Russian, for the zones of the regions that have several. */
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
