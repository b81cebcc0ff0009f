import { formatSnils, type OrganizationType } from '@openesia/contracts';
import type { Config } from '../../config/index.js';
import type { Db } from '../../db/client.js';
import {
  collection,
  eTagOf,
  esiaDate,
  esiaIssueId,
  esiaPhone,
  EsiaRestError,
  NUMERIC_ID,
  type Embed,
  type EsiaCollection,
  type PersonCollection,
  type RestPath,
} from '../../esia/rest.js';
import type { Clock } from '../../lib/clock.js';
import { sha256Hex, type FieldCipher, type LookupHasher } from '../../lib/crypto.js';
import { listContacts, type AccountRow, type ContactRow } from '../../repositories/citizen/accounts.js';
import { findPersonalData, type PersonalDataRow } from '../../repositories/citizen/personal-data.js';
import { findLiveAccessToken } from '../../repositories/esia/tokens.js';
import { findActiveAccountByOid } from '../../repositories/oidc/subjects.js';
import { listOrganizationsOfAccount } from '../../repositories/organization/organizations.js';
import { listChildren } from '../../repositories/workstation/operations.js';
import type { PassportSealed } from '../citizen/personal-data.js';
import { checkedInn } from '../citizen/inn-lookup.js';
import { findEsiaSystem } from './authorization.js';
import type { EsiaTokenService } from './tokens.js';

/** What a live access token lets its bearer read: one person, within the scopes granted. */
interface RestCaller {
  account: AccountRow;
  oid: string;
  scopes: ReadonlySet<string>;
}

type Element = Record<string, unknown> & { eTag: string };
type Item = { url: string; element: Element };

/** A child as the workstation sealed it (services/workstation/operations.ts). */
interface ChildSealed {
  lastName: string;
  firstName: string;
  middleName?: string;
  gender: 'M' | 'F';
  birthDate: string;
  snils?: string;
}

/** ESIA's organization types: `AGENCY` for a state body, `LEGAL` for any other legal entity. */
const AGENCY_TYPES: readonly OrganizationType[] = [
  'federal_executive_body',
  'regional_executive_body',
  'local_self_government',
  'state_extrabudgetary_fund',
];

/** Which scope opens each collection (any one of them); `addrs` needs one OpenESIA never grants. */
const collectionScopes: Record<PersonCollection, readonly string[]> = {
  ctts: ['contacts', 'email', 'mobile'],
  addrs: ['addresses'],
  docs: ['id_doc'],
  kids: ['kid_fullname', 'kid_birthdate', 'kid_gender', 'kid_snils'],
  roles: ['usr_org'],
  orgs: ['usr_org'],
};

/** The person's embeddable collections (`?embed=(contacts.elements,…)`) and the path of each. */
const embeddable: Record<string, PersonCollection> = {
  contacts: 'ctts',
  addresses: 'addrs',
  documents: 'docs',
  kids: 'kids',
  organizations: 'orgs',
};

/**
 * ESIA's REST API (`/rs/prns/{oid}` and its collections, `/rs/orgs/{oid}`; issue 13): what a
 * system reads with the access token the ESIA-compatible interface gave it. The token must verify
 * with our signing keys AND be a live row of esia_tokens (so a logout, a withdrawn consent, a
 * reused code or an erased account stops it at once); it reads only its own subject, only within
 * its scopes, and only checked data (as services/oidc/claims.ts releases it).
 */
export class EsiaRestService {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      config: Config;
      cipher: FieldCipher;
      lookup: LookupHasher;
      tokens: EsiaTokenService;
    },
  ) {}

  /** The caller of a request with `Authorization: Bearer …`, or ESIA-005001 (HTTP 401). */
  async authenticate(authorization: string | undefined): Promise<RestCaller> {
    const { db, clock, tokens } = this.deps;
    const m = /^Bearer ([A-Za-z0-9._-]{1,8192})$/i.exec(authorization ?? '');
    if (!m) throw new EsiaRestError('ESIA-005001', 'no bearer token');
    const token = m[1]!;
    const claims = await tokens.verifyAccessToken(token);
    if (!claims) throw new EsiaRestError('ESIA-005001', 'signature or lifetime');
    const row = await findLiveAccessToken(db, sha256Hex(token), clock.now());
    if (!row) throw new EsiaRestError('ESIA-005001', 'not live');
    const oid = String(claims['urn:esia:sbj_id']);
    const account = await findActiveAccountByOid(db, oid);
    // A deleted account answers nothing; a token whose row is another person's is not this one.
    if (!account || account.id !== row.accountId) throw new EsiaRestError('ESIA-005001', 'subject');
    // A system blocked meanwhile reads nothing more.
    if (!(await findEsiaSystem(db, row.clientId))) throw new EsiaRestError('ESIA-005001', 'system');
    return { account, oid, scopes: new Set(row.scopes) };
  }

  /** Answers a parsed /rs/ path for the caller. */
  async read(caller: RestCaller, path: RestPath, embed: Embed): Promise<unknown> {
    if (path.kind === 'org') return this.organization(caller, path.oid);
    // The token's scopes are bound to its subject (`fullname?oid=…`): another oid is a scope not
    // granted, as ESIA answers it (ESIA-005029), whether or not such a person exists.
    if (path.oid !== caller.oid) throw new EsiaRestError('ESIA-005029', 'another subject');
    if (!path.collection) return this.person(caller, embed);
    this.requireCollection(caller, path.collection);
    const items = await this.items(caller, path.collection);
    if (path.id === undefined) {
      // Roles have no address of their own: their elements are always the objects.
      return collection(items, path.collection === 'roles' || embed.has('elements'));
    }
    const found = items.find((i) => i.url === this.url(caller.oid, path.collection!, path.id!));
    if (!found || path.collection === 'roles' || path.collection === 'orgs')
      throw new EsiaRestError('ESIA-005003', 'element');
    return found.element;
  }

  private requireCollection(caller: RestCaller, name: PersonCollection): void {
    if (!collectionScopes[name].some((s) => caller.scopes.has(s)))
      throw new EsiaRestError('ESIA-005029', name);
  }

  private get base(): string {
    return this.deps.config.publicUrl;
  }

  private url(oid: string, name: PersonCollection, id: string): string {
    return name === 'orgs' ? `${this.base}/rs/orgs/${id}` : `${this.base}/rs/prns/${oid}/${name}/${id}`;
  }

  /** A stable numeric id for an element (ESIA's are numbers): a keyed hash of its row, never the row id. */
  private elementId(kind: string, rowId: string): string {
    return String(parseInt(this.deps.lookup.hash('esia_element', `${kind}:${rowId}`).slice(0, 13), 16) + 1);
  }

  /** Personal data released only once the registries confirmed it (services/oidc/claims.ts). */
  private async checkedData(account: AccountRow): Promise<PersonalDataRow | undefined> {
    if (account.level === 'simplified') return undefined;
    const data = await findPersonalData(this.deps.db, account.id);
    return data?.verificationState === 'passed' ? data : undefined;
  }

  private async person(caller: RestCaller, embed: Embed): Promise<Record<string, unknown>> {
    const { account, scopes } = caller;
    const checked = account.level !== 'simplified';
    const row = checked ? await findPersonalData(this.deps.db, account.id) : undefined;
    const data = row?.verificationState === 'passed' ? row : undefined;
    const person: Record<string, unknown> = {
      stateFacts: ['EntityRoot'],
    };
    if (scopes.has('fullname') && checked) {
      person.firstName = account.firstName;
      person.lastName = account.lastName;
      if (account.middleName) person.middleName = account.middleName;
    }
    if (data) {
      if (scopes.has('birthdate')) person.birthDate = esiaDate(data.birthDate);
      if (scopes.has('birthplace')) person.birthPlace = data.birthPlace;
      if (scopes.has('gender')) person.gender = data.gender;
      if (scopes.has('snils'))
        person.snils = formatSnils(this.deps.cipher.decrypt(data.snilsEncrypted, account.id));
      const inn = scopes.has('inn') ? checkedInn(this.deps.cipher, data) : null;
      if (inn) person.inn = inn;
      if (scopes.has('id_doc')) {
        person.citizenship = data.citizenship;
        person.rIdDoc = Number(this.elementId('doc', `${account.id}:${data.revision}`));
      }
    }
    person.trusted = account.level === 'confirmed';
    person.status = 'REGISTERED';
    // Checks of submitted data still running at the registries.
    person.verifying = row?.verificationState === 'in_progress';
    person.updatedOn = Math.floor(account.updatedAt.getTime() / 1000);
    person.eTag = eTagOf(person);
    for (const [name, path] of Object.entries(embeddable)) {
      // A collection whose scope was not granted is left out of the person, not refused.
      if (!embed.has(`${name}.elements`) || !collectionScopes[path].some((s) => scopes.has(s))) continue;
      person[name] = collection(await this.items(caller, path), true) as EsiaCollection<unknown>;
    }
    return person;
  }

  private async items(caller: RestCaller, name: PersonCollection): Promise<Item[]> {
    switch (name) {
      case 'ctts':
        return this.contacts(caller);
      case 'docs':
        return this.documents(caller);
      case 'kids':
        return this.kids(caller);
      case 'roles':
        return (await this.organizations(caller)).map((o) => ({ url: '', element: o.role }));
      case 'orgs':
        return (await this.organizations(caller)).map((o) => ({
          url: `${this.base}/rs/orgs/${o.org.oid}`,
          element: o.org,
        }));
      case 'addrs':
        // No address is kept checked (none is asked at registration): the collection is empty.
        return [];
    }
  }

  private async contacts(caller: RestCaller): Promise<Item[]> {
    const { scopes, account, oid } = caller;
    const all = scopes.has('contacts');
    const rows = await listContacts(this.deps.db, account.id);
    // Only a contact verified by a code is the person's (an unverified one is only typed in).
    const wanted = (c: ContactRow) =>
      c.verifiedAt !== null && (all || (c.type === 'email' ? scopes.has('email') : scopes.has('mobile')));
    return rows.filter(wanted).map((c) => {
      const id = this.elementId('ctt', c.id);
      const body = {
        stateFacts: ['Identifiable'],
        id: Number(id),
        type: c.type === 'email' ? 'EML' : 'MBT',
        vrfStu: 'VERIFIED',
        value: c.type === 'email' ? c.value : esiaPhone(c.value),
      };
      return { url: this.url(oid, 'ctts', id), element: { ...body, eTag: eTagOf(body) } };
    });
  }

  private async documents(caller: RestCaller): Promise<Item[]> {
    const { account, oid } = caller;
    const data = await this.checkedData(account);
    if (!data) return [];
    const passport = this.deps.cipher.decryptJson<PassportSealed>(data.passportEncrypted, account.id);
    const id = this.elementId('doc', `${account.id}:${data.revision}`);
    const body = {
      stateFacts: ['Identifiable'],
      id: Number(id),
      type: 'RF_PASSPORT',
      vrfStu: 'VERIFIED',
      series: passport.series,
      number: passport.number,
      issueDate: esiaDate(passport.issueDate),
      issueId: esiaIssueId(passport.issuerCode),
      issuedBy: passport.issuedBy,
    };
    return [{ url: this.url(oid, 'docs', id), element: { ...body, eTag: eTagOf(body) } }];
  }

  /** The children a service center added from their birth certificates (account_children). */
  private async kids(caller: RestCaller): Promise<Item[]> {
    const { account, oid, scopes } = caller;
    const rows = await listChildren(this.deps.db, account.id);
    return rows.map((row) => {
      const child = this.deps.cipher.decryptJson<ChildSealed>(row.sealed, row.id);
      const id = this.elementId('kid', row.id);
      const body: Record<string, unknown> = { stateFacts: ['Identifiable'], id: Number(id) };
      if (scopes.has('kid_fullname')) {
        body.firstName = child.firstName;
        body.lastName = child.lastName;
        if (child.middleName) body.middleName = child.middleName;
      }
      if (scopes.has('kid_birthdate')) body.birthDate = esiaDate(child.birthDate);
      if (scopes.has('kid_gender')) body.gender = child.gender;
      if (scopes.has('kid_snils') && child.snils) body.snils = formatSnils(child.snils);
      return { url: this.url(oid, 'kids', id), element: { ...body, eTag: eTagOf(body) } };
    });
  }

  /** The registered organizations the person is an employee of now, as /orgs and /roles give them. */
  private async organizations(caller: RestCaller): Promise<{ org: Element; role: Element }[]> {
    const rows = await listOrganizationsOfAccount(this.deps.db, caller.account.id);
    return rows
      .filter((r) => r.organization.status === 'registered')
      .map(({ organization: o, isHead, isAdministrator }) => {
        const orgBody = {
          oid: Number(o.oid),
          ogrn: o.ogrn,
          inn: o.inn,
          ...(o.kpp ? { kpp: o.kpp } : {}),
          isLiquidated: false,
          fullName: o.fullName,
          shortName: o.shortName,
          type: AGENCY_TYPES.includes(o.type) ? 'AGENCY' : 'LEGAL',
        };
        const roleBody = {
          oid: Number(o.oid),
          prnOid: Number(caller.oid),
          fullName: o.fullName,
          shortName: o.shortName,
          ogrn: o.ogrn,
          type: orgBody.type,
          chief: isHead,
          admin: isAdministrator,
          active: true,
        };
        return {
          org: { ...orgBody, eTag: eTagOf(orgBody) },
          role: { ...roleBody, eTag: eTagOf(roleBody) },
        };
      });
  }

  /** `/rs/orgs/{oid}`: only an organization the subject works for, and only with `usr_org`. */
  private async organization(caller: RestCaller, oid: string): Promise<Element> {
    if (!caller.scopes.has('usr_org')) throw new EsiaRestError('ESIA-005029', 'usr_org');
    if (!NUMERIC_ID.test(oid)) throw new EsiaRestError('ESIA-005003', 'org oid');
    const found = (await this.organizations(caller)).find((o) => String(o.org.oid) === oid);
    // Another organization is outside the scope, as another person is.
    if (!found) throw new EsiaRestError('ESIA-005029', 'another organization');
    return found.org;
  }
}
