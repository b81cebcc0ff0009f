import { z } from 'zod';
import { requiredText, text } from './fields.js';
import { oidcScopes, oidcScopeTitles, type OidcScope } from './oidc.js';

/**
 * The registry of information systems that sign citizens in (issue 13, «Organizations'
 * information systems»): an employee of the group «Технологический портал» registers the
 * organization's system on the technological portal, the operator of ЕСИА approves or blocks it in
 * the registry. Every request and answer of both is declared here.
 */

export const oidcClientStatuses = ['pending', 'approved', 'blocked'] as const;
export const oidcClientStatusSchema = z.enum(oidcClientStatuses, { error: 'oidc_client.status_unknown' });
export type OidcClientStatus = z.infer<typeof oidcClientStatusSchema>;
export const oidcClientStatusLabels: Record<OidcClientStatus, string> = {
  pending: 'На согласовании',
  approved: 'Действующая',
  blocked: 'Заблокирована',
};

/** How a system proves itself at the token endpoint; `none` (public clients) is the console's only. */
export const oidcRegistryAuthMethods = ['client_secret_basic', 'private_key_jwt'] as const;
export const oidcRegistryAuthMethodSchema = z.enum(oidcRegistryAuthMethods, {
  error: 'oidc_client.auth_method_unknown',
});
export const oidcClientAuthMethodLabels: Record<string, string> = {
  client_secret_basic: 'Секрет клиента (client_secret_basic)',
  private_key_jwt: 'Подпись ключом системы (private_key_jwt)',
  none: 'Без аутентификации (публичный клиент)',
};

/** A scope's name on the form's checkbox: the consent screen's words, capitalized. */
export function oidcScopeLabel(scope: string): string {
  const title = oidcScopeTitles[scope as OidcScope] ?? scope;
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** The mnemonic is the system's client_id, as in ESIA: Latin letters, digits, «_» and «-». */
export const OIDC_MNEMONIC = /^[A-Za-z0-9_-]{2,64}$/;
export const OIDC_MAX_URIS = 10;
export const OIDC_MAX_KEYS = 10;

/**
 * What is wrong with a redirect address, or null: absolute, https (http only on the loopback, RFC
 * 8252 §7.3), no fragment (RFC 6749 §3.1.2), no user name or password in it. The registry compares
 * the addresses exactly (RFC 9700 §2.1), so the form and the server give the same verdict here.
 */
export function redirectUriProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'oidc_client.uri_invalid';
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return 'oidc_client.uri_https';
  if (url.hash || value.includes('#')) return 'oidc_client.uri_fragment';
  if (url.username || url.password) return 'oidc_client.uri_invalid';
  return null;
}

const redirectUri = text({ error: 'required' })
  .trim()
  .min(1, { error: 'required', abort: true })
  .max(2000, { error: 'too_long', abort: true })
  .superRefine((value, ctx) => {
    const problem = redirectUriProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const uriList = (min: number) =>
  z
    .array(redirectUri)
    .min(min, { error: 'oidc_client.uri_required' })
    .max(OIDC_MAX_URIS, { error: 'oidc_client.too_many_uris' })
    .refine((uris) => new Set(uris).size === uris.length, { error: 'oidc_client.uri_duplicate' });

/**
 * One public key of the system (RFC 7517): its members are strings (or arrays of strings, as
 * `x5c` and `key_ops`), each storable; a private key's members are refused, and the server reads
 * each key as a public key before it is kept.
 */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const storable = text();
const jwkSchema = z
  .record(
    z.string(),
    z.union([text().max(16384), z.array(text().max(16384)).max(10), z.boolean()], {
      error: 'oidc_client.jwks_invalid',
    }),
  )
  // the members' names are checked here, so a refusal never echoes a name in its path
  .refine((jwk) => Object.keys(jwk).every((k) => storable.safeParse(k).success), {
    error: 'text.invalid_chars',
    abort: true,
  })
  .refine((jwk) => Object.keys(jwk).length <= 30 && Object.keys(jwk).every((k) => k.length <= 64), {
    error: 'oidc_client.jwks_invalid',
    abort: true,
  })
  .refine((jwk) => typeof jwk.kty === 'string', { error: 'oidc_client.jwks_invalid', abort: true })
  .refine((jwk) => !PRIVATE_MEMBERS.some((m) => m in jwk), { error: 'oidc_client.jwks_private' });

export const oidcJwksSchema = z
  .object({
    keys: z
      .array(jwkSchema)
      .min(1, { error: 'oidc_client.jwks_required' })
      .max(OIDC_MAX_KEYS, { error: 'oidc_client.jwks_too_many' }),
  })
  .meta({ id: 'OidcJwks' });
export type OidcJwks = z.infer<typeof oidcJwksSchema>;

/**
 * POST /api/tech/systems: «Добавить информационную систему». The system is saved «На
 * согласовании»; the secret of client_secret_basic is made by the server and shown once.
 */
export const oidcSystemRegisterSchema = z
  .object({
    clientId: text({ error: 'required' })
      .trim()
      .min(1, { error: 'required', abort: true })
      .max(64, { error: 'too_long', abort: true })
      .regex(OIDC_MNEMONIC, { error: 'oidc_client.mnemonic_format' }),
    name: requiredText(200),
    redirectUris: uriList(1),
    postLogoutRedirectUris: uriList(0).default([]),
    scopes: z
      .array(z.enum(oidcScopes as [OidcScope, ...OidcScope[]], { error: 'oidc_client.scope_unknown' }))
      .max(50, { error: 'oidc_client.scope_unknown' })
      .refine((s) => s.includes('openid'), { error: 'oidc_client.openid_required' })
      .refine((s) => new Set(s).size === s.length, { error: 'oidc_client.scope_duplicate' }),
    authMethod: oidcRegistryAuthMethodSchema,
    /** private_key_jwt: the system's public keys */
    jwks: oidcJwksSchema.optional(),
    /**
     * The system's GOST R 34.10-2012 certificate (PEM): with it the system may also use the
     * ESIA-compatible interface, whose client secrets it signs (docs/ESIA.md).
     */
    certificate: text().max(65_536, { error: 'too_long' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.authMethod === 'private_key_jwt' && !v.jwks)
      ctx.addIssue({ code: 'custom', path: ['jwks'], message: 'oidc_client.jwks_required' });
    if (v.authMethod === 'client_secret_basic' && v.jwks)
      ctx.addIssue({ code: 'custom', path: ['jwks'], message: 'oidc_client.jwks_not_expected' });
  })
  .meta({ id: 'OidcSystemRegister' });
export type OidcSystemRegister = z.input<typeof oidcSystemRegisterSchema>;

export const oidcSystemPathSchema = z.object({
  clientId: text()
    .max(64, { error: 'too_long' })
    .regex(OIDC_MNEMONIC, { error: 'oidc_client.mnemonic_format' }),
});

/** A system as its organization and the operator of ЕСИА see it (never its secret). */
export const oidcSystemViewSchema = z
  .object({
    clientId: z.string(),
    name: z.string(),
    redirectUris: z.array(z.string()),
    postLogoutRedirectUris: z.array(z.string()),
    scopes: z.array(z.string()),
    authMethod: z.string(),
    jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).nullable(),
    /** ESIA's client_certificate_hash of the registered certificate (Streebog-256, hex), or null */
    certificateHash: z.string().nullable(),
    status: oidcClientStatusSchema,
    /** the reason of the blocking in force */
    blockReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    approvedAt: z.string().nullable(),
    /** whose system it is; null: the operator's own registry (the console, the demo seed) */
    organization: z.object({ id: z.string(), shortName: z.string(), ogrn: z.string() }).nullable(),
  })
  .meta({ id: 'OidcSystem' });
export type OidcSystemView = z.infer<typeof oidcSystemViewSchema>;

export const oidcSystemListSchema = z.object({ systems: z.array(oidcSystemViewSchema) });
export type OidcSystemList = z.infer<typeof oidcSystemListSchema>;

/** The answer to a registration: the secret of client_secret_basic, this once. */
export const oidcSystemRegisteredSchema = z.object({
  system: oidcSystemViewSchema,
  secret: z.string().nullable(),
});
export type OidcSystemRegistered = z.infer<typeof oidcSystemRegisteredSchema>;

/** GET /api/federal-operator/systems: every system, newest first, by status, a page at a time. */
export const federalSystemsQuerySchema = z.object({
  status: oidcClientStatusSchema.optional(),
  cursor: text().max(200, { error: 'too_long' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type FederalSystemsQuery = z.input<typeof federalSystemsQuerySchema>;
export const federalSystemsSchema = z.object({
  systems: z.array(oidcSystemViewSchema),
  nextCursor: z.string().nullable(),
});

/** «Заблокировать»: the reason is told to the organization (its journal). */
export const blockSystemSchema = z.object({ reason: requiredText(2000) }).meta({ id: 'BlockOidcSystem' });
export type BlockSystem = z.input<typeof blockSystemSchema>;
