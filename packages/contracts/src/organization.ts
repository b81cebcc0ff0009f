import { z } from 'zod';
import { email, personName, requiredText, text } from './fields.js';
import { pinSchema, signatureAlgorithmSchema } from './signature.js';

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

// ---- Roles in an organization's profile ----

/**
 * «Руководитель» (the one the ЕГРЮЛ names), «Администратор профиля организации», «Сотрудник».
 * A person holds one or more of them in each organization they belong to.
 */
export const organizationRoles = ['head', 'administrator', 'employee'] as const;
export const organizationRoleSchema = z.enum(organizationRoles);
export type OrganizationRole = z.infer<typeof organizationRoleSchema>;

export const organizationRoleLabels: Record<OrganizationRole, string> = {
  head: 'Руководитель',
  administrator: 'Администратор профиля организации',
  employee: 'Сотрудник',
};

// ---- API: acting for an organization (the session's choice) ----

const uuid = z.uuid({ error: 'id.invalid' });
/** A certificate (DER) in base64, as the browser signer gives it. */
export const base64Der = text({ error: 'required' })
  .min(1, { error: 'required' })
  .max(16_384, { error: 'too_long' })
  .regex(/^[A-Za-z0-9+/=\s]+$/, { error: 'certificate.malformed' });

/** What the header shows: «Частное лицо» (null) or the organization the person acts for. */
export const actingForSummarySchema = z
  .object({
    organizationId: z.string(),
    shortName: z.string(),
    roles: z.array(organizationRoleSchema),
    /** the groups of «Доступ к системам» open to the person now (the header's «Технологический портал») */
    groups: z.array(accessGroupSchema),
  })
  .meta({ id: 'ActingFor' });
export type ActingForSummary = z.infer<typeof actingForSummarySchema>;

/** PUT /api/session/acting-for: «Частное лицо» (null) or «Войти как сотрудник организации». */
export const actingForRequestSchema = z.object({ organizationId: uuid.nullable() });
export type ActingForRequest = z.infer<typeof actingForRequestSchema>;

/** One of the person's organizations (the personal page, the header's choice). */
export const myOrganizationSchema = z
  .object({
    id: z.string(),
    shortName: z.string(),
    fullName: z.string(),
    ogrn: z.string(),
    regionCode: z.string(),
    status: organizationStatusSchema,
    refusal: z.enum(taxRegisterRefusals).nullable(),
    returnReason: z.string().nullable(),
    roles: z.array(organizationRoleSchema),
  })
  .meta({ id: 'MyOrganization' });
export type MyOrganization = z.infer<typeof myOrganizationSchema>;
export const myOrganizationsSchema = z.object({ organizations: z.array(myOrganizationSchema) });
export type MyOrganizations = z.infer<typeof myOrganizationsSchema>;

// ---- API: «+ Добавить организацию» (registration by the head's qualified signature) ----

/** What the head's certificate says of the organization; shown read-only on the form. */
export const legalEntityFromCertificateSchema = z
  .object({
    ogrn: z.string(),
    inn: z.string(),
    kpp: z.string().nullable(),
    fullName: z.string(),
    head: z.object({
      lastName: z.string(),
      firstName: z.string(),
      middleName: z.string().nullable(),
      position: z.string().nullable(),
    }),
  })
  .meta({ id: 'LegalEntityFromCertificate' });
export type LegalEntityFromCertificate = z.infer<typeof legalEntityFromCertificateSchema>;

/** POST /api/me/organizations/certificate: read the chosen certificate (DER, base64) before signing. */
export const legalEntityCertificateRequestSchema = z.object({ certificate: base64Der });

/** POST /api/me/organizations/challenge: the text to sign — the certificate's organization and the details. */
export const organizationRegistrationChallengeRequestSchema = z.object({
  certificate: base64Der,
  details: organizationDetailsSchema,
});
export type OrganizationRegistrationChallengeRequest = z.input<
  typeof organizationRegistrationChallengeRequestSchema
>;

/** POST /api/me/organizations: the signed registration («Продолжить»); the check starts as a job. */
export const organizationRegistrationRequestSchema = z.object({
  challengeId: requiredText(64),
  signature: text({ error: 'required' })
    .min(1, { error: 'required' })
    .max(65_536, { error: 'too_long' })
    .regex(/^[A-Za-z0-9+/=\s]+$/, { error: 'signature.malformed' }),
  details: organizationDetailsSchema,
});
export type OrganizationRegistrationRequest = z.input<typeof organizationRegistrationRequestSchema>;

// ---- API: the organization's profile (acting for it) ----

/**
 * The federal operator's blocking of the organization as an issuer of simple signatures (seed
 * 003, appendix 1), as its pages show it: since when, and why.
 */
export const organizationBlockingSchema = z.object({
  blockedAt: z.string(),
  reason: z.string(),
});
export type OrganizationBlocking = z.infer<typeof organizationBlockingSchema>;

export const organizationProfileSchema = z
  .object({
    id: z.string(),
    ogrn: z.string(),
    inn: z.string(),
    kpp: z.string().nullable(),
    fullName: z.string(),
    shortName: z.string(),
    type: organizationTypeSchema,
    regionCode: z.string(),
    legalAddress: z.string(),
    postalAddress: z.string(),
    phone: z.string(),
    email: z.string(),
    head: z.object({
      lastName: z.string(),
      firstName: z.string(),
      middleName: z.string().nullable(),
      position: z.string().nullable(),
    }),
    status: organizationStatusSchema,
    refusal: z.enum(taxRegisterRefusals).nullable(),
    returnReason: z.string().nullable(),
    createdAt: z.string(),
    checkedAt: z.string().nullable(),
    registeredAt: z.string().nullable(),
    approvals: z.array(z.enum(organizationApprovals)),
    /** blocked by the federal operator: the АРМ groups are closed and its centers off the map */
    blocking: organizationBlockingSchema.nullable(),
    /** the roles of the person looking, so the page shows only what they may do */
    yourRoles: z.array(organizationRoleSchema),
    revision: z.number().int(),
  })
  .meta({ id: 'OrganizationProfile' });
export type OrganizationProfile = z.infer<typeof organizationProfileSchema>;

/** PATCH /api/organization: what the head and administrators may change (not the register's data). */
export const organizationContactsSchema = z
  .object({
    shortName: requiredText(255),
    legalAddress: address,
    postalAddress: address,
    phone: requiredText(32).regex(/^\+?[\d\s()-]{10,}$/, { error: 'phone.invalid' }),
    email,
    revision: z.number().int().positive(),
  })
  .meta({ id: 'OrganizationContacts' });
export type OrganizationContacts = z.input<typeof organizationContactsSchema>;

// ---- API: «Сотрудники», «Администраторы» ----

export const organizationMemberSchema = z
  .object({
    accountId: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    middleName: z.string().nullable(),
    roles: z.array(organizationRoleSchema),
    groups: z.array(accessGroupSchema),
    joinedAt: z.string(),
  })
  .meta({ id: 'OrganizationMember' });
export type OrganizationMember = z.infer<typeof organizationMemberSchema>;

/** GET /api/organization/members?cursor=&q=: a page, ordered by name. */
export const membersQuerySchema = z.object({
  q: text().max(100, { error: 'too_long' }).optional(),
  cursor: text().max(200, { error: 'too_long' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const organizationMembersPageSchema = z.object({
  members: z.array(organizationMemberSchema),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});
export type OrganizationMembersPage = z.infer<typeof organizationMembersPageSchema>;

/** PUT /api/organization/members/:accountId/administrator («Назначить администратором»). */
export const administratorRequestSchema = z.object({ administrator: z.boolean() });

export const memberPathSchema = z.object({ accountId: uuid });

/** GET /api/organization/members/suggestions?q=: as an administrator types part of a name. */
export const memberSuggestionsQuerySchema = z.object({
  q: requiredText(100),
  /** leave out those already in this group */
  group: accessGroupSchema.optional(),
});
export const memberSuggestionSchema = z.object({
  accountId: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
});
export const memberSuggestionsSchema = z.object({ suggestions: z.array(memberSuggestionSchema) });
export type MemberSuggestion = z.infer<typeof memberSuggestionSchema>;

// ---- API: «Приглашения» ----

export const invitationStates = ['pending', 'accepted', 'revoked', 'expired'] as const;
export const invitationStateLabels: Record<(typeof invitationStates)[number], string> = {
  pending: 'Ожидает ответа',
  accepted: 'Принято',
  revoked: 'Отозвано',
  expired: 'Срок истёк',
};

export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    groups: z.array(accessGroupSchema),
    state: z.enum(invitationStates),
    sentAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof invitationSchema>;
export const invitationsSchema = z.object({ invitations: z.array(invitationSchema) });
export const invitationPathSchema = z.object({ invitationId: uuid });

/**
 * The link's token travels in the body, never in a path or query the access log could keep
 * (the link itself carries it in the page's fragment).
 */
export const invitationTokenSchema = z.object({ token: requiredText(128) });
/** POST /api/invitations/preview: what the invited person sees before accepting. */
export const invitationPreviewSchema = z
  .object({
    organization: z.object({ shortName: z.string(), fullName: z.string() }),
    lastName: z.string(),
    firstName: z.string(),
    expiresAt: z.string(),
    state: z.enum(invitationStates),
  })
  .meta({ id: 'InvitationPreview' });
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

// ---- API: «Доступ к системам» ----

/** Why a group is closed: the organization not registered, the approval not held, or it is blocked. */
export const groupLockReasons = [
  'organization_not_registered',
  'approval_missing',
  'organization_blocked',
] as const;
export const accessGroupViewSchema = z
  .object({
    group: accessGroupSchema,
    system: z.enum(accessSystems),
    open: z.boolean(),
    lockedReason: z.enum(groupLockReasons).nullable(),
    /** the approval that opens it, when it waits for one */
    approval: z.enum(organizationApprovals).nullable(),
    memberCount: z.number().int(),
  })
  .meta({ id: 'AccessGroupView' });
export type AccessGroupView = z.infer<typeof accessGroupViewSchema>;
export const accessGroupsSchema = z.object({ groups: z.array(accessGroupViewSchema) });
export const groupPathSchema = z.object({ group: accessGroupSchema });
export const groupMemberPathSchema = z.object({ group: accessGroupSchema, accountId: uuid });
export const groupMemberSchema = z.object({
  accountId: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  addedAt: z.string(),
});
export const groupMembersSchema = z.object({ members: z.array(groupMemberSchema), total: z.number().int() });
export const addGroupMemberSchema = z.object({ accountId: uuid });

// ---- API: the organization's journal ----

export const organizationJournalEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    event: z.string(),
    /** who did it: a person's name, «Система» for the jobs, or the regional operator */
    actor: z.string(),
    /** whom it concerned, when a person: their name */
    subject: z.string().nullable(),
    /** the event's details in Russian, ready to show */
    details: z.string().nullable(),
  })
  .meta({ id: 'OrganizationJournalEntry' });
export const organizationJournalSchema = z.object({
  entries: z.array(organizationJournalEntrySchema),
  nextCursor: z.string().nullable(),
});
export const journalQuerySchema = z.object({ cursor: text().max(200).optional() });

// ---- API: the regional operator's queue (seed 004, step 1.4) ----

export const regionalQueueItemSchema = organizationProfileSchema
  .omit({ yourRoles: true, approvals: true, revision: true, blocking: true })
  .meta({ id: 'RegionalQueueItem' });
export type RegionalQueueItem = z.infer<typeof regionalQueueItemSchema>;
export const regionalQueueSchema = z.object({
  organizations: z.array(regionalQueueItemSchema),
  nextCursor: z.string().nullable(),
});
export const organizationPathSchema = z.object({ organizationId: uuid });

/** GET /api/regional-operator/organizations?cursor=: the queue, oldest first. */
export const regionalQueueQuerySchema = z.object({
  cursor: text().max(200, { error: 'too_long' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

// ---- API: «Тестовый УЦ», a legal entity's certificate (demo mode) ----

/**
 * POST /api/test-ca/legal-entity-certificate: a qualified certificate of a legal entity's head for
 * the signed-in confirmed person — for an organization of the simulated ЕГРЮЛ whose head is that
 * person, or for a new organization the person describes (the simulated ЕГРЮЛ learns it).
 */
export const testCaLegalEntityRequestSchema = z.object({
  algorithm: signatureAlgorithmSchema,
  pin: pinSchema,
  validDays: z.number().int().min(1).max(1825).optional(),
  organization: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('register'), ogrn: z.string().regex(/^\d{13}$/, { error: 'ogrn.checksum' }) }),
    z.object({
      kind: z.literal('new'),
      fullName: requiredText(250),
      shortName: requiredText(255),
      type: organizationTypeSchema,
      regionCode: regionCodeSchema,
      position: requiredText(120),
    }),
  ]),
});
export type TestCaLegalEntityRequest = z.input<typeof testCaLegalEntityRequestSchema>;
