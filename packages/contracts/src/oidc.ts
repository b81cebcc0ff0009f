import { z } from 'zod';
import { accountLevelSchema, type AccountLevel } from './citizen.js';

/**
 * OpenID Connect scopes as ESIA names them (Методические рекомендации ЕСИА; issue 13, §4) and the
 * standard claims each gives. Claims come only from checked data (services/oidc/claims.ts).
 */
export const oidcScopeClaims = {
  openid: ['sub'],
  fullname: ['family_name', 'given_name', 'middle_name'],
  birthdate: ['birthdate'],
  gender: ['gender'],
  snils: ['snils'],
  inn: ['inn'],
  id_doc: ['id_doc'],
  email: ['email', 'email_verified'],
  mobile: ['phone_number', 'phone_number_verified'],
  contacts: ['contacts'],
  /** `acting_for`: the organization the person signed in acting for, with the roles and groups there */
  usr_org: ['usr_org', 'acting_for'],
  // Read only through ESIA's REST API (/rs/prns/{oid}, /kids): no OpenID Connect claim of their own.
  birthplace: [],
  kid_fullname: [],
  kid_birthdate: [],
  kid_gender: [],
  kid_snils: [],
} as const;
export type OidcScope = keyof typeof oidcScopeClaims;
export const oidcScopes = Object.keys(oidcScopeClaims) as OidcScope[];

/** What the consent screen names for each scope («…запрашивает доступ к данным: ФИО, …»). */
export const oidcScopeTitles: Record<OidcScope, string> = {
  openid: 'идентификатор пользователя',
  fullname: 'ФИО',
  birthdate: 'дата рождения',
  gender: 'пол',
  snils: 'СНИЛС',
  inn: 'ИНН',
  id_doc: 'данные паспорта гражданина РФ',
  email: 'адрес электронной почты',
  mobile: 'номер мобильного телефона',
  contacts: 'подтверждённые телефоны и адреса электронной почты',
  usr_org: 'организации, в которых вы работаете, и ваши роли в них',
  birthplace: 'место рождения',
  kid_fullname: 'ФИО детей',
  kid_birthdate: 'даты рождения детей',
  kid_gender: 'пол детей',
  kid_snils: 'СНИЛС детей',
};

/** `acr` values: the account's level of trust (simplified, standard, confirmed). */
export const acrByLevel: Record<AccountLevel, string> = {
  simplified: 'urn:openesia:loa:simplified',
  standard: 'urn:openesia:loa:standard',
  confirmed: 'urn:openesia:loa:confirmed',
};

export const oidcClientAuthMethods = ['private_key_jwt', 'client_secret_basic', 'none'] as const;

/** What a registered system may do at the token endpoint (its registry entry). */
export const oidcGrantTypes = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export type OidcGrantType = (typeof oidcGrantTypes)[number];

/** A step of a sign-in to another system, as the consent page shows it. */
export const oidcInteractionSchema = z.object({
  uid: z.string(),
  /** `login`: the person must sign in (or has, and the page goes on); `consent`: asks for access */
  prompt: z.enum(['login', 'consent']),
  client: z.object({ id: z.string(), name: z.string() }),
  signedIn: z.boolean(),
  /** scopes the system asks for that the person has not given it yet */
  scopes: z.array(z.string()),
  /** the system accepts only accounts of this level, and the person's is lower */
  levelTooLow: z.object({ required: accountLevelSchema, current: accountLevelSchema }).nullable(),
});
export type OidcInteraction = z.infer<typeof oidcInteractionSchema>;

/** Where the browser goes next: back to the provider, which answers the system. */
export const oidcRedirectSchema = z.object({ redirectTo: z.string() });
export type OidcRedirect = z.infer<typeof oidcRedirectSchema>;

/** «Предоставленные разрешения»: a system the citizen gave access to their data. */
export const oidcConsentViewSchema = z.object({
  clientId: z.string(),
  clientName: z.string(),
  scopes: z.array(z.string()),
  grantedAt: z.string(),
  updatedAt: z.string(),
});
export type OidcConsentView = z.infer<typeof oidcConsentViewSchema>;
export const oidcConsentListSchema = z.object({ consents: z.array(oidcConsentViewSchema) });
