import { createHash } from 'node:crypto';

/**
 * ESIA's REST API as its clients read it (issue 13; reference §1.2, §2.1, §4): the shapes of a
 * person, a collection and its elements, the `embed` parameter, and the errors. Pure: the data
 * comes from services/esia/rest.ts.
 */

/**
 * The errors of /rs/*, in ESIA's REST shape `{code, message}`. ESIA-005029 is ESIA's own (a scope
 * not granted, reference §2.5); the public material names no other REST code, so the token, address
 * and request refusals carry codes of ours in the same shape (docs/ESIA.md).
 */
export const esiaRestErrors = {
  'ESIA-005029': { status: 403, message: 'SecurityErrorEnum.scopeNotAllowed' },
  'ESIA-005001': { status: 401, message: 'SecurityErrorEnum.tokenNotValid' },
  'ESIA-005002': { status: 400, message: 'CommonErrorEnum.badRequest' },
  'ESIA-005003': { status: 404, message: 'CommonErrorEnum.notFound' },
} as const;
export type EsiaRestErrorCode = keyof typeof esiaRestErrors;

export class EsiaRestError extends Error {
  constructor(
    readonly code: EsiaRestErrorCode,
    /** for the log only */
    readonly detail?: string,
  ) {
    super(`${code}${detail ? ` (${detail})` : ''}`);
  }

  get status(): number {
    return esiaRestErrors[this.code].status;
  }

  body(): { code: string; message: string } {
    return { code: this.code, message: esiaRestErrors[this.code].message };
  }
}

/** ESIA's eTag: an opaque upper-case hex digest of the representation (changes when it does). */
export function eTagOf(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex').toUpperCase();
}

export interface EsiaCollection<T> {
  stateFacts: ['hasSize'];
  size: number;
  eTag: string;
  elements: T[];
}

/** `{stateFacts:["hasSize"], size, eTag, elements}`: elements are URLs, or the objects when embedded. */
export function collection<T extends { eTag: string }>(
  items: readonly { url: string; element: T }[],
  embedded: boolean,
): EsiaCollection<T | string> {
  return {
    stateFacts: ['hasSize'],
    size: items.length,
    eTag: eTagOf(items.map((i) => i.element.eTag)),
    elements: items.map((i) => (embedded ? i.element : i.url)),
  };
}

/** What `?embed=` asks: `(elements)` for a collection, `(contacts.elements,…)` for a person. */
export type Embed = ReadonlySet<string>;

const EMBED = /^\(([a-z]+(?:\.elements)?)(?:,([a-z]+(?:\.elements)?))*\)$/;

/** Parses `embed`; anything but ESIA's syntax is a bad request (never a 500). */
export function parseEmbed(value: string | undefined): Embed {
  if (value === undefined) return new Set();
  if (value.length > 256 || !EMBED.test(value)) throw new EsiaRestError('ESIA-005002', 'embed');
  return new Set(value.slice(1, -1).split(','));
}

/** ESIA's date, `DD.MM.YYYY`, from ours (`YYYY-MM-DD`). */
export function esiaDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** ESIA writes a mobile number `+7(XXX)XXXXXXX` (reference §2.1). */
export function esiaPhone(e164: string): string {
  const m = /^\+7(\d{3})(\d{7})$/.exec(e164);
  return m ? `+7(${m[1]})${m[2]}` : e164;
}

/** The division's code as ESIA gives it: six digits, no dash (`006006`). */
export function esiaIssueId(code: string): string {
  return code.replace(/\D/g, '');
}

/**
 * A path under /rs/ as ESIA names its resources: `prns/{oid}[/{collection}[/{id}]]` or
 * `orgs/{oid}`, a trailing slash accepted. Anything else — a percent-encoded, dotted or empty
 * segment, a control character — names nothing (null).
 */
export type RestPath =
  { kind: 'person'; oid: string; collection?: PersonCollection; id?: string } | { kind: 'org'; oid: string };

export const personCollections = ['ctts', 'addrs', 'docs', 'kids', 'roles', 'orgs'] as const;
export type PersonCollection = (typeof personCollections)[number];

const SEGMENT = /^[A-Za-z0-9]{1,64}$/;
/** a numeric oid or element id that fits a bigint */
export const NUMERIC_ID = /^[1-9]\d{0,17}$/;

export function parseRestPath(path: string): RestPath | null {
  if (path.length > 512 || !path.startsWith('/rs/')) return null;
  const parts = path.slice('/rs/'.length).replace(/\/$/, '').split('/');
  if (!parts.every((p) => SEGMENT.test(p))) return null;
  const [root, oid, sub, id, ...rest] = parts;
  if (rest.length || !oid) return null;
  if (root === 'orgs') return sub === undefined ? { kind: 'org', oid } : null;
  if (root !== 'prns') return null;
  if (sub === undefined) return { kind: 'person', oid };
  if (!(personCollections as readonly string[]).includes(sub)) return null;
  return { kind: 'person', oid, collection: sub as PersonCollection, ...(id === undefined ? {} : { id }) };
}
