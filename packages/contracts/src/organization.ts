import { z } from 'zod';
import { email, personName, requiredText, text } from './fields.js';

/**
 * Organizations (seed 000, sections 2-3; seed 004, steps 1-2; DOMAIN.md "Organizations"): the
 * vocabulary shared by the server and the web app — types, regions, statuses, systems and groups —
 * with the Russian words the documents use, and the requests the organization's pages send.
 */

// ---- Types of organization that may open service centers (DOMAIN.md) ----

export const organizationTypes = [
  'federal_executive_body',
  'regional_executive_body',
  'state_institution',
  'municipal_institution',
  'local_self_government',
  'state_extrabudgetary_fund',
  'mfc',
  'russian_post',
] as const;
export const organizationTypeSchema = z.enum(organizationTypes, { error: 'required' });
export type OrganizationType = z.infer<typeof organizationTypeSchema>;

export const organizationTypeLabels: Record<OrganizationType, string> = {
  federal_executive_body: 'Федеральный орган исполнительной власти',
  regional_executive_body: 'Орган исполнительной власти субъекта РФ',
  state_institution: 'Государственное учреждение',
  municipal_institution: 'Муниципальное учреждение',
  local_self_government: 'Орган местного самоуправления',
  state_extrabudgetary_fund: 'Государственный внебюджетный фонд',
  mfc: 'Многофункциональный центр',
  russian_post: 'Почта России',
};

// ---- Regions: every субъект РФ with its code (the region codes of ФИАС and ФНС) ----

export const regions = [
  ['01', 'Республика Адыгея'],
  ['02', 'Республика Башкортостан'],
  ['03', 'Республика Бурятия'],
  ['04', 'Республика Алтай'],
  ['05', 'Республика Дагестан'],
  ['06', 'Республика Ингушетия'],
  ['07', 'Кабардино-Балкарская Республика'],
  ['08', 'Республика Калмыкия'],
  ['09', 'Карачаево-Черкесская Республика'],
  ['10', 'Республика Карелия'],
  ['11', 'Республика Коми'],
  ['12', 'Республика Марий Эл'],
  ['13', 'Республика Мордовия'],
  ['14', 'Республика Саха (Якутия)'],
  ['15', 'Республика Северная Осетия — Алания'],
  ['16', 'Республика Татарстан'],
  ['17', 'Республика Тыва'],
  ['18', 'Удмуртская Республика'],
  ['19', 'Республика Хакасия'],
  ['20', 'Чеченская Республика'],
  ['21', 'Чувашская Республика'],
  ['22', 'Алтайский край'],
  ['23', 'Краснодарский край'],
  ['24', 'Красноярский край'],
  ['25', 'Приморский край'],
  ['26', 'Ставропольский край'],
  ['27', 'Хабаровский край'],
  ['28', 'Амурская область'],
  ['29', 'Архангельская область'],
  ['30', 'Астраханская область'],
  ['31', 'Белгородская область'],
  ['32', 'Брянская область'],
  ['33', 'Владимирская область'],
  ['34', 'Волгоградская область'],
  ['35', 'Вологодская область'],
  ['36', 'Воронежская область'],
  ['37', 'Ивановская область'],
  ['38', 'Иркутская область'],
  ['39', 'Калининградская область'],
  ['40', 'Калужская область'],
  ['41', 'Камчатский край'],
  ['42', 'Кемеровская область — Кузбасс'],
  ['43', 'Кировская область'],
  ['44', 'Костромская область'],
  ['45', 'Курганская область'],
  ['46', 'Курская область'],
  ['47', 'Ленинградская область'],
  ['48', 'Липецкая область'],
  ['49', 'Магаданская область'],
  ['50', 'Московская область'],
  ['51', 'Мурманская область'],
  ['52', 'Нижегородская область'],
  ['53', 'Новгородская область'],
  ['54', 'Новосибирская область'],
  ['55', 'Омская область'],
  ['56', 'Оренбургская область'],
  ['57', 'Орловская область'],
  ['58', 'Пензенская область'],
  ['59', 'Пермский край'],
  ['60', 'Псковская область'],
  ['61', 'Ростовская область'],
  ['62', 'Рязанская область'],
  ['63', 'Самарская область'],
  ['64', 'Саратовская область'],
  ['65', 'Сахалинская область'],
  ['66', 'Свердловская область'],
  ['67', 'Смоленская область'],
  ['68', 'Тамбовская область'],
  ['69', 'Тверская область'],
  ['70', 'Томская область'],
  ['71', 'Тульская область'],
  ['72', 'Тюменская область'],
  ['73', 'Ульяновская область'],
  ['74', 'Челябинская область'],
  ['75', 'Забайкальский край'],
  ['76', 'Ярославская область'],
  ['77', 'Москва'],
  ['78', 'Санкт-Петербург'],
  ['79', 'Еврейская автономная область'],
  ['83', 'Ненецкий автономный округ'],
  ['86', 'Ханты-Мансийский автономный округ — Югра'],
  ['87', 'Чукотский автономный округ'],
  ['89', 'Ямало-Ненецкий автономный округ'],
  ['90', 'Запорожская область'],
  ['91', 'Республика Крым'],
  ['92', 'Севастополь'],
  ['93', 'Донецкая Народная Республика'],
  ['94', 'Луганская Народная Республика'],
  ['95', 'Херсонская область'],
] as const satisfies readonly (readonly [string, string])[];

export type RegionCode = (typeof regions)[number][0];
export const regionCodes = regions.map(([code]) => code) as [RegionCode, ...RegionCode[]];
export const regionNames = Object.fromEntries(regions) as Record<RegionCode, string>;
export const regionCodeSchema = z.enum(regionCodes, { error: 'region.unknown' });

// ---- Registration status (the personal page follows it) ----

export const organizationStatuses = [
  /** the tax register (ЕГРЮЛ) check runs as a job */
  'checking',
  /** the register could not be asked (every retry failed): the head may start the check again */
  'check_failed',
  /** the register said no: not found, another head, liquidated or in liquidation */
  'rejected',
  /** a state or municipal body or institution waits for its region's operator (seed 004, step 1.4) */
  'awaiting_regional_operator',
  /** the regional operator returned it with a reason: corrected and sent again by the head */
  'returned',
  'registered',
] as const;
export const organizationStatusSchema = z.enum(organizationStatuses);
export type OrganizationStatus = z.infer<typeof organizationStatusSchema>;

export const organizationStatusLabels: Record<OrganizationStatus, string> = {
  checking: 'Проверка в ЕГРЮЛ',
  check_failed: 'Ошибка проверки: ЕГРЮЛ не ответил',
  rejected: 'Отказано в регистрации',
  awaiting_regional_operator: 'На проверке у регионального оператора',
  returned: 'Возвращена региональным оператором',
  registered: 'Зарегистрирована',
};

/** What the tax register answered, when it did not confirm the organization. */
export const taxRegisterRefusals = [
  'not_found',
  'head_differs',
  'liquidated',
  'in_liquidation',
  'data_differs',
] as const;
export type TaxRegisterRefusal = (typeof taxRegisterRefusals)[number];

export const taxRegisterRefusalLabels: Record<TaxRegisterRefusal, string> = {
  not_found: 'Организация с такими ОГРН и ИНН не найдена в ЕГРЮЛ',
  head_differs: 'Руководитель организации по сведениям ЕГРЮЛ — другое лицо',
  liquidated: 'Организация ликвидирована',
  in_liquidation: 'Организация находится в процессе ликвидации',
  data_differs: 'Сведения сертификата (наименование, КПП) не совпадают со сведениями ЕГРЮЛ',
};

// ---- Systems and their groups («Доступ к системам», DOMAIN.md) ----

export const accessSystems = ['esia', 'arm_service_center'] as const;
export type AccessSystem = (typeof accessSystems)[number];

export const accessSystemLabels: Record<AccessSystem, string> = {
  esia: 'Единая система идентификации и аутентификации',
  arm_service_center: 'АРМ Центра обслуживания (уполномоченной организации)',
};

export const accessGroups = ['tech_portal', 'identity_specialists', 'registration_specialists'] as const;
export const accessGroupSchema = z.enum(accessGroups, { error: 'group.unknown' });
export type AccessGroup = z.infer<typeof accessGroupSchema>;

export const accessGroupInfo: Record<AccessGroup, { system: AccessSystem; label: string }> = {
  tech_portal: { system: 'esia', label: 'Технологический портал' },
  identity_specialists: { system: 'arm_service_center', label: 'Специалисты по подтверждению личности' },
  registration_specialists: {
    system: 'arm_service_center',
    label: 'Специалисты по регистрации и подтверждению',
  },
};

/** The approvals the applications context grants (Форма З, Форма И). */
export const organizationApprovals = ['form_z', 'form_i'] as const;
export type OrganizationApproval = (typeof organizationApprovals)[number];

// ---- Requests ----

const address = requiredText(500);
const optionalKpp = text()
  .trim()
  .refine((v) => v === '' || /^\d{9}$/.test(v), { error: 'kpp.invalid' })
  .optional();

/**
 * What the person fills in after signing with the head's certificate; the rest (ОГРН, ИНН, КПП,
 * full name, the head) comes from the certificate and cannot be edited.
 */
export const organizationDetailsSchema = z
  .object({
    shortName: requiredText(255),
    type: organizationTypeSchema,
    regionCode: regionCodeSchema,
    legalAddress: address,
    postalAddress: address,
    phone: requiredText(32).regex(/^\+?[\d\s()-]{10,}$/, { error: 'phone.invalid' }),
    email,
    kpp: optionalKpp,
  })
  .meta({ id: 'OrganizationDetails' });
export type OrganizationDetails = z.infer<typeof organizationDetailsSchema>;

/** «Пригласить сотрудника»: e-mail, surname, first name, optionally groups at once. */
export const invitationRequestSchema = z
  .object({
    email,
    lastName: personName,
    firstName: personName,
    groups: z.array(accessGroupSchema).max(accessGroups.length).default([]),
  })
  .meta({ id: 'InvitationRequest' });
export type InvitationRequest = z.infer<typeof invitationRequestSchema>;

/** The regional operator's answer to a registration of a state or municipal body. */
export const regionalDecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('confirm') }),
  z.object({ decision: z.literal('return'), reason: requiredText(2000) }),
]);
export type RegionalDecision = z.infer<typeof regionalDecisionSchema>;

export const organizationApprovalLabels: Record<OrganizationApproval, string> = {
  form_z: 'Статус уполномоченной организации на выдачу ПЭП (заявка по форме З)',
  form_i: 'Право использования АРМ «Центр обслуживания» 2.0 (заявка по форме И)',
};

// ---- The simulated tax register (ЕГРЮЛ) of development and demo ----

/** ОГРН from its first 12 digits: the 13th is (first 12 mod 11) mod 10. */
export function ogrnWithChecksum(twelveDigits: string): string {
  return `${twelveDigits}${Number((BigInt(twelveDigits) % 11n) % 10n)}`;
}

/** ИНН of a legal entity from its first 9 digits (the 10th is the check digit). */
export function innLeWithChecksum(nineDigits: string): string {
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(nineDigits[i]), 0);
  return `${nineDigits}${(sum % 11) % 10}`;
}

export interface SimulatedTaxRecord {
  ogrn: string;
  inn: string;
  kpp: string;
  fullName: string;
  shortName: string;
  regionCode: RegionCode;
  type: OrganizationType;
  status: 'active' | 'in_liquidation' | 'liquidated';
  head: {
    lastName: string;
    firstName: string;
    middleName: string | null;
    inn: string | null;
    position: string;
  };
  /** the register's behaviour for this ОГРН besides its data */
  simulate?: 'busy_twice' | 'unavailable';
  /** what the demo page says this record is for */
  description: string;
}

/**
 * The organizations the simulated ЕГРЮЛ knows from the start (docs/SIMULATORS.md): the two demo
 * organizations, and one per refusal, so that each answer can be tried. Any other ОГРН is "not
 * found" unless the test CA added it when it issued a legal-entity certificate.
 */
export const simulatedTaxRegister: readonly SimulatedTaxRecord[] = [
  {
    ogrn: ogrnWithChecksum('102350000001'),
    inn: innLeWithChecksum('352500001'),
    kpp: '352501001',
    fullName:
      'Бюджетное учреждение Вологодской области «Многофункциональный центр предоставления государственных и муниципальных услуг»',
    shortName: 'БУ ВО «МФЦ»',
    regionCode: '35',
    type: 'mfc',
    status: 'active',
    head: {
      lastName: 'Громова',
      firstName: 'Анна',
      middleName: 'Сергеевна',
      inn: null,
      position: 'Директор',
    },
    description: 'Демонстрационная организация: МФЦ Вологодской области',
  },
  {
    ogrn: ogrnWithChecksum('104410000002'),
    inn: innLeWithChecksum('410100002'),
    kpp: '410101001',
    fullName:
      'Краевое государственное казённое учреждение «Центр социальной поддержки населения Камчатского края»',
    shortName: 'КГКУ «ЦСПН»',
    regionCode: '41',
    type: 'state_institution',
    status: 'active',
    head: {
      lastName: 'Белов',
      firstName: 'Игорь',
      middleName: 'Викторович',
      inn: null,
      position: 'Руководитель',
    },
    description: 'Демонстрационная организация: государственное учреждение Камчатского края',
  },
  {
    ogrn: ogrnWithChecksum('103770000903'),
    inn: innLeWithChecksum('770900903'),
    kpp: '770901001',
    fullName: 'Государственное бюджетное учреждение «Ликвидированный центр»',
    shortName: 'ГБУ «Ликвидированный центр»',
    regionCode: '77',
    type: 'state_institution',
    status: 'liquidated',
    head: { lastName: 'Смирнов', firstName: 'Олег', middleName: null, inn: null, position: 'Ликвидатор' },
    description: 'ЕГРЮЛ: организация ликвидирована',
  },
  {
    ogrn: ogrnWithChecksum('103770000904'),
    inn: innLeWithChecksum('770900904'),
    kpp: '770901001',
    fullName: 'Муниципальное учреждение «Центр в процессе ликвидации»',
    shortName: 'МУ «Центр в ликвидации»',
    regionCode: '77',
    type: 'municipal_institution',
    status: 'in_liquidation',
    head: { lastName: 'Смирнова', firstName: 'Ольга', middleName: null, inn: null, position: 'Ликвидатор' },
    description: 'ЕГРЮЛ: организация в процессе ликвидации',
  },
  {
    ogrn: ogrnWithChecksum('103770000905'),
    inn: innLeWithChecksum('770900905'),
    kpp: '770901001',
    fullName: 'Государственное учреждение «Центр с временным сбоем ЕГРЮЛ»',
    shortName: 'ГУ «Центр со сбоем»',
    regionCode: '77',
    type: 'state_institution',
    status: 'active',
    head: { lastName: 'Кузнецов', firstName: 'Павел', middleName: null, inn: null, position: 'Директор' },
    simulate: 'busy_twice',
    description: 'ЕГРЮЛ: первые два запроса — временный сбой, затем ответ (повтор очереди заданий)',
  },
];
