import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The only place that reads process.env. Every variable is validated at start-up and all
 * problems are reported together; the result is frozen and passed down explicitly.
 */
const DEV_SECRET = 'dev-only-secret-change-me-0123456789abcdef';
const DEV_DATA_KEY = '0'.repeat(64);
const DEV_LOOKUP_KEY = '1'.repeat(64);
const DEV_AUDIT_KEY = '2'.repeat(64);

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const hexKey = z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)');

const envSchema = z.object({
  APP_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /**
   * Loopback by default: a developer's demo (every code in the outbox) must not be open to the
   * local network. A deployment behind a proxy or in a container says `HOST=0.0.0.0` on purpose.
   */
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_SECRET: z.string().min(32).default(DEV_SECRET),
  DATA_ENCRYPTION_KEY: hexKey.default(DEV_DATA_KEY),
  LOOKUP_HASH_KEY: hexKey.default(DEV_LOOKUP_KEY),
  /** HMAC key of the audit log's entries and checkpoints; never stored in the database. */
  AUDIT_KEY: hexKey.default(DEV_AUDIT_KEY),
  /** Append-only file of signed checkpoints of the audit chains' heads; default DATA_DIR/audit-checkpoints.log */
  AUDIT_CHECKPOINT_FILE: z.string().optional(),
  DEMO_MODE: bool.optional(),
  SIMULATORS: bool.optional(),
  /** Multiplies every simulated registry delay: 0 in tests, 1 for a realistic demo. */
  SIMULATOR_DELAY_FACTOR: z.coerce.number().min(0).max(100).default(1),
  /** Share of simulated registry calls that fail transiently (and are retried by the queue). */
  SIMULATOR_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0.1),
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('OpenESIA <no-reply@openesia.local>'),
  PENSION_FUND_URL: z.string().url().optional(),
  MIGRATION_SERVICE_URL: z.string().url().optional(),
  RUSSIAN_POST_URL: z.string().url().optional(),
  /** ФНС's ЕГРЮЛ through the operator's registry gateway (organizations' registration check). */
  TAX_REGISTER_URL: z.string().url().optional(),
  /** A Nominatim server (the operator's own) for «Найти по адресу» on the center's form. */
  GEOCODER_URL: z.string().url().optional(),
  /** Retries of a registry check (СФР, МВД) before it ends with «сервис недоступен». */
  REGISTRY_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(5),
  /** First retry delay; doubles with each retry (pg-boss backoff). 0 retries at once (tests). */
  REGISTRY_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  /** How long the simulated Почта России takes to deliver a letter (scaled by the delay factor). */
  SIMULATOR_POST_DELIVERY_SECONDS: z.coerce
    .number()
    .min(0)
    .max(86400 * 30)
    .default(40),
  /** How often a letter's tracking is asked; default 5 s with simulators, 1 h with the real post. */
  POST_TRACKING_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86400).optional(),
  REGISTRY_API_TOKEN: z.string().optional(),
  /** Longest a downloaded CRL is used before it is fetched again, whatever its nextUpdate says. */
  CRL_CACHE_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 86400)
    .default(3600),
  /** Days the regional operator has to check an application (Форма З, И) before it is marked overdue. */
  APPLICATION_REGIONAL_REVIEW_DAYS: z.coerce.number().int().min(1).max(365).default(5),
  /** Days the federal operator has to decide on a forwarded application. */
  APPLICATION_FEDERAL_DECISION_DAYS: z.coerce.number().int().min(1).max(365).default(10),
  /**
   * The opening plan's deadline (seed 004) for a region whose operator set none: the date of the
   * order that set it (seed 000: the governor's order, «в срок до 28 августа 2017г.»), YYYY-MM-DD.
   * Unset: such regions have no deadline and no organization is overdue.
   */
  OPENING_PLAN_DEADLINE: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
    .refine((v) => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'not a calendar date')
    .optional(),
  /**
   * Calendar days the organization has to answer a complaint about its service centers before the
   * operators see it overdue (calendar, not working days: domain/complaint/complaint.ts says why).
   */
  COMPLAINT_ANSWER_DAYS: z.coerce.number().int().min(1).max(365).default(10),
  /**
   * Raster tiles under the public map (`https://tiles.example/{z}/{x}/{y}.png`, `{s}` for a
   * subdomain): optional, off by default. Without it the map draws the region outlines and cities
   * shipped with the application, so it works without internet.
   */
  MAP_TILE_URL: z
    .string()
    .regex(/^https?:\/\/[^\s"'<>]+$/, 'must be an http(s) URL')
    .refine((v) => ['{z}', '{x}', '{y}'].every((p) => v.includes(p)), 'must contain {z}, {x} and {y}')
    .refine(
      (v) => !v.includes('{s}') || /^https?:\/\/\{s\}\./.test(v),
      '{s} only as the first label of the host',
    )
    .refine((v) => URL.canParse(v.replace(/\{[a-z]+\}/g, 'a')), 'must be an http(s) URL')
    .optional(),
  /** The tiles' attribution, shown in the map's corner (their licence usually asks for it). */
  MAP_TILE_ATTRIBUTION: z.string().max(300).optional(),
  JOBS_ENABLED: bool.default(true),
  RATE_LIMITS: bool.default(true),
  /** Whose `X-Forwarded-For` is believed: off, a hop count, or the proxies' addresses (see trustProxy). */
  TRUST_PROXY: z.string().optional(),
});

/** proxy-addr's names for address ranges, which Fastify's trustProxy accepts in a list. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address!);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: which peers may tell us the client's address in `X-Forwarded-For`. Believing
 * every peer (`true`) lets any client pick its own address, and with it escape the per-address
 * rate limits and write a forged address into the audit log, so it is refused: name the proxies
 * (addresses, CIDRs, `loopback`...) or count them (the number of proxies in front of the server).
 * Unset, empty, `false` or `0`: the header is ignored and the peer's own address is the client's.
 */
function parseTrustProxy(value: string | undefined, problems: string[]): false | number | string[] {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false' || text === '0') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops <= 16) return hops;
    problems.push('TRUST_PROXY: a hop count must be at most 16');
    return false;
  }
  if (text === 'true') {
    problems.push(
      "TRUST_PROXY: trusting every peer lets any client forge its address; give the proxies' addresses or their number",
    );
    return false;
  }
  const entries = text.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (bad.length) {
    problems.push(`TRUST_PROXY: not an address, CIDR or hop count: ${bad.map((b) => `"${b}"`).join(', ')}`);
    return false;
  }
  return entries;
}

/**
 * The origin of a tile URL template for the CSP's img-src: `{s}` (a subdomain letter) becomes
 * the wildcard `*`, which CSP allows as the leftmost label of a host.
 */
function tileOrigin(template: string): string {
  const url = new URL(template.replace(/\{[a-z]+\}/g, 'a'));
  return template.includes('{s}') ? `${url.protocol}//*.${url.host.replace(/^a\./, '')}` : url.origin;
}

export type Config = Readonly<{
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  publicUrl: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  logLevel: string;
  sessionSecret: string;
  dataEncryptionKey: Buffer;
  lookupHashKey: Buffer;
  audit: { key: Buffer; checkpointFile: string };
  demoMode: boolean;
  simulators: boolean;
  simulator: { delayFactor: number; failureRate: number };
  sms: { gatewayUrl?: string; token?: string };
  mail: { smtpUrl?: string; from: string };
  registries: {
    pensionFundUrl?: string;
    migrationServiceUrl?: string;
    russianPostUrl?: string;
    taxRegisterUrl?: string;
    token?: string;
  };
  geocoder: { url?: string };
  registryRetry: { limit: number; delaySeconds: number };
  post: { simulatedDeliverySeconds: number; trackingIntervalSeconds: number };
  crl: { cacheMaxAgeSeconds: number };
  /** how long each operator has for an application before the queues mark it overdue */
  applications: { regionalReviewDays: number; federalDecisionDays: number };
  /** the default deadline of the opening plan (ISO date), or null */
  openingPlan: { defaultDeadline: string | null };
  /** calendar days the organization has to answer a complaint */
  complaints: { answerDays: number };
  /** the public map's optional raster tiles and the origin the page's CSP lets them load from */
  map: { tileUrl: string | null; tileAttribution: string | null; tileOrigin: string | null };
  jobsEnabled: boolean;
  rateLimits: boolean;
  /** Fastify's trustProxy: false (the socket's peer is the client), a hop count, or proxy addresses. */
  trustProxy: false | number | readonly string[];
  secureCookies: boolean;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const production = e.APP_ENV === 'production';
  const demoMode = e.DEMO_MODE ?? !production;
  const simulators = e.SIMULATORS ?? !production;
  const problems: string[] = [];
  const trustProxy = parseTrustProxy(e.TRUST_PROXY, problems);
  if (production) {
    // A production deployment must never run with a known secret or a simulated registry.
    if (e.SESSION_SECRET === DEV_SECRET)
      problems.push('SESSION_SECRET: the development default is not allowed in production');
    if (e.DATA_ENCRYPTION_KEY === DEV_DATA_KEY)
      problems.push('DATA_ENCRYPTION_KEY: the development default is not allowed in production');
    if (e.LOOKUP_HASH_KEY === DEV_LOOKUP_KEY)
      problems.push('LOOKUP_HASH_KEY: the development default is not allowed in production');
    if (e.AUDIT_KEY === DEV_AUDIT_KEY)
      problems.push('AUDIT_KEY: the development default is not allowed in production');
    if (simulators) problems.push('SIMULATORS: simulated registries are not allowed in production');
    if (demoMode) problems.push('DEMO_MODE: demo mode is not allowed in production');
    if (!e.DATABASE_URL) problems.push('DATABASE_URL: production runs on PostgreSQL');
    if (!e.PUBLIC_URL) problems.push('PUBLIC_URL: required in production');
    if (!e.SMS_GATEWAY_URL) problems.push('SMS_GATEWAY_URL: required without simulators');
    if (!e.SMTP_URL) problems.push('SMTP_URL: required without simulators');
    if (!e.PENSION_FUND_URL) problems.push('PENSION_FUND_URL: required without simulators');
    if (!e.MIGRATION_SERVICE_URL) problems.push('MIGRATION_SERVICE_URL: required without simulators');
    if (!e.RUSSIAN_POST_URL) problems.push('RUSSIAN_POST_URL: required without simulators');
    if (!e.TAX_REGISTER_URL) problems.push('TAX_REGISTER_URL: required without simulators');
    if (!e.GEOCODER_URL) problems.push('GEOCODER_URL: required without simulators');
    // The per-address limits are what stops password guessing across accounts and code flooding.
    if (!e.RATE_LIMITS) problems.push('RATE_LIMITS: rate limits cannot be switched off in production');
  }
  if (e.DATA_ENCRYPTION_KEY.toLowerCase() === e.LOOKUP_HASH_KEY.toLowerCase()) {
    problems.push('LOOKUP_HASH_KEY: must differ from DATA_ENCRYPTION_KEY');
  }
  if (problems.length) throw new ConfigError(problems);

  const config: Config = {
    env: e.APP_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: e.DATA_DIR },
    logLevel: e.LOG_LEVEL,
    sessionSecret: e.SESSION_SECRET,
    dataEncryptionKey: Buffer.from(e.DATA_ENCRYPTION_KEY, 'hex'),
    lookupHashKey: Buffer.from(e.LOOKUP_HASH_KEY, 'hex'),
    audit: {
      key: Buffer.from(e.AUDIT_KEY, 'hex'),
      checkpointFile: e.AUDIT_CHECKPOINT_FILE ?? join(e.DATA_DIR, 'audit-checkpoints.log'),
    },
    demoMode,
    simulators,
    simulator: { delayFactor: e.SIMULATOR_DELAY_FACTOR, failureRate: e.SIMULATOR_FAILURE_RATE },
    sms: { gatewayUrl: e.SMS_GATEWAY_URL, token: e.SMS_GATEWAY_TOKEN },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    registries: {
      pensionFundUrl: e.PENSION_FUND_URL,
      migrationServiceUrl: e.MIGRATION_SERVICE_URL,
      russianPostUrl: e.RUSSIAN_POST_URL,
      taxRegisterUrl: e.TAX_REGISTER_URL,
      token: e.REGISTRY_API_TOKEN,
    },
    geocoder: { url: e.GEOCODER_URL },
    registryRetry: { limit: e.REGISTRY_RETRY_LIMIT, delaySeconds: e.REGISTRY_RETRY_DELAY_SECONDS },
    post: {
      simulatedDeliverySeconds: e.SIMULATOR_POST_DELIVERY_SECONDS,
      trackingIntervalSeconds: e.POST_TRACKING_INTERVAL_SECONDS ?? (simulators ? 5 : 3600),
    },
    crl: { cacheMaxAgeSeconds: e.CRL_CACHE_MAX_AGE_SECONDS },
    applications: {
      regionalReviewDays: e.APPLICATION_REGIONAL_REVIEW_DAYS,
      federalDecisionDays: e.APPLICATION_FEDERAL_DECISION_DAYS,
    },
    openingPlan: { defaultDeadline: e.OPENING_PLAN_DEADLINE ?? null },
    complaints: { answerDays: e.COMPLAINT_ANSWER_DAYS },
    map: {
      tileUrl: e.MAP_TILE_URL ?? null,
      tileAttribution: e.MAP_TILE_ATTRIBUTION ?? null,
      tileOrigin: e.MAP_TILE_URL ? tileOrigin(e.MAP_TILE_URL) : null,
    },
    jobsEnabled: e.JOBS_ENABLED,
    rateLimits: e.RATE_LIMITS,
    trustProxy,
    secureCookies: production,
    ...overrides,
  };
  return Object.freeze(config);
}
