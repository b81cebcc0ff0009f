import { inCi, opensslGostEngine } from '@openesia/pki/test-support';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSnils } from '@openesia/contracts';
import { eq, sql } from 'drizzle-orm';
import { organizations, personalData } from '../../src/db/schema/index.js';
import { innAad } from '../../src/services/citizen/inn-lookup.js';
import { FieldCipher } from '../../src/lib/crypto.js';
import { ManualClock } from '../../src/lib/clock.js';
import { readPrivateKey, signData } from '../../src/lib/pki/algorithms.js';
import { systemActor } from '../../src/domain/policy/actor.js';
import { insertChild } from '../../src/repositories/workstation/operations.js';
import { eraseAccount } from '../../src/repositories/workstation/erasure.js';
import { DEMO_ESIA_CLIENT } from '../../src/services/oidc/clients.js';
import { esiaTime, OpensslEsiaSystem } from '../support/esia.js';
import { EsiaTestClient, registerEsiaSystem, walkEsia } from '../support/esia-client.js';
import { createStandardCitizen, uniqueEmail } from '../support/factories.js';
import { Browser, startListeningSystem } from '../support/oidc.js';
import { createConfirmedCitizen, insertTestOrganization } from '../support/organizations.js';
import type { TestSystem } from '../support/system.js';

/**
 * ESIA's REST API (/rs/prns/{oid} and its collections, /rs/orgs/{oid}) read with the access token
 * the ESIA-compatible interface gave, as ESIA's client libraries read it; the system registered
 * «только подтверждённые учётные записи» (ESIA-007055); the demo system DEMO_ESIA. The tokens come
 * from the whole flow with OpenSSL-made client secrets (skipped locally without the gost engine;
 * fails under CI=true, as the other OpenSSL proofs do).
 */
const engine = opensslGostEngine();
let sut: TestSystem;
let system: OpensslEsiaSystem;
const clock = new ManualClock(new Date());
let redirectUri: string;
let all: EsiaTestClient;
let allId: string;

const ALL_SCOPES = [
  'openid',
  'fullname',
  'birthdate',
  'birthplace',
  'gender',
  'snils',
  'inn',
  'id_doc',
  'email',
  'mobile',
  'contacts',
  'usr_org',
  'kid_fullname',
  'kid_birthdate',
  'kid_gender',
  'kid_snils',
];

type Person = Awaited<ReturnType<typeof createStandardCitizen>>;

/** Signs the person in through the whole flow; the tokens and the browser (its session). */
async function tokensFor(client: EsiaTestClient, person: Person, scope: string) {
  const browser = new Browser(sut.url);
  const callback = await walkEsia(browser, client.authorizeUrl({ scope }).url, redirectUri, {
    login: person.email!,
    password: person.password,
  });
  const answer = await client.token({ code: callback.searchParams.get('code')!, scope });
  expect(answer.status).toBe(200);
  const access = answer.json.access_token as string;
  const oid = String(
    JSON.parse(Buffer.from(access.split('.')[1]!, 'base64url').toString())['urn:esia:sbj_id'],
  );
  return { access, oid, browser, refresh: answer.json.refresh_token as string };
}

async function rs(path: string, token: string | null, init: RequestInit = {}) {
  const res = await fetch(`${sut.url}${path}`, {
    ...init,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

const headOf = (p: Person) => ({
  id: p.id,
  lastName: p.personalData.lastName,
  firstName: p.personalData.firstName,
  middleName: p.personalData.middleName || null,
});

const scopeNotAllowed = { code: 'ESIA-005029', message: 'SecurityErrorEnum.scopeNotAllowed' };

describe('the ESIA REST API', () => {
  it.runIf(inCi)('has openssl with the gost engine in CI', () => {
    expect(engine).not.toBeNull();
  });
  if (!engine) return;

  beforeAll(async () => {
    sut = await startListeningSystem({}, { clock });
    redirectUri = `${sut.url}/esia-rp/callback`;
    system = new OpensslEsiaSystem();
    clock.set(new Date(Date.now() + 1000));
    allId = await registerEsiaSystem(sut, system, redirectUri, ALL_SCOPES);
    all = new EsiaTestClient({ sut, clock, system, clientId: allId, redirectUri });
  });
  afterAll(async () => {
    system?.dispose();
    await sut?.stop();
  });

  const CITIZEN_INN = '500100732259';

  /** A confirmed citizen with an e-mail and a phone, a child and an organization. */
  async function richCitizen() {
    const person = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    const organization = await insertTestOrganization(sut, headOf(person), { type: 'mfc' });
    const cipher = new FieldCipher(sut.config.dataEncryptionKey);
    const childId = randomUUID();
    const child = {
      lastName: person.personalData.lastName,
      firstName: 'Мария',
      middleName: 'Ивановна',
      gender: 'F',
      birthDate: '2015-06-01',
      birthCertificate: { series: 'I-ОД', number: '123456', issueDate: '2015-06-10', issuedBy: 'ЗАГС' },
      snils: '11223344595',
    };
    await insertChild(sut.database.db, {
      id: childId,
      parentAccountId: person.id,
      sealed: cipher.encryptJson(child, childId),
      birthCertificateLookup: `test-${childId}`,
      snilsLookup: null,
      centerId: null,
      operationId: null,
      createdAt: clock.now(),
    });
    // The ИНН as the tax service's answer leaves it (services/citizen/inn-lookup.ts).
    await sut.database.db
      .update(personalData)
      .set({
        innEncrypted: cipher.encrypt(CITIZEN_INN, innAad(person.id)),
        innLookupState: 'found',
        innRevision: sql`${personalData.revision}`,
      })
      .where(eq(personalData.accountId, person.id));
    return { person, organization };
  }

  it('every resource for a confirmed citizen with every scope: person, collections, elements, embed, organizations', async () => {
    const { person, organization } = await richCitizen();
    const { access, oid } = await tokensFor(all, person, ALL_SCOPES.join(' '));
    const pd = person.personalData;

    for (const path of [`/rs/prns/${oid}`, `/rs/prns/${oid}/`]) {
      const res = await rs(path, access);
      expect(res.status, path).toBe(200);
      expect(res.json).toMatchObject({
        stateFacts: ['EntityRoot'],
        firstName: pd.firstName,
        lastName: pd.lastName,
        middleName: pd.middleName,
        birthDate: '12.03.1985',
        birthPlace: pd.birthPlace,
        gender: 'M',
        snils: formatSnils(person.snils),
        citizenship: 'RUS',
        trusted: true,
        status: 'REGISTERED',
        verifying: false,
        rIdDoc: expect.any(Number),
        updatedOn: expect.any(Number),
        eTag: expect.stringMatching(/^[0-9A-F]{40}$/),
      });
      expect(res.json.snils).toMatch(/^\d{3}-\d{3}-\d{3} \d{2}$/);
      expect(res.json.inn).toBe(CITIZEN_INN);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }

    const ctts = await rs(`/rs/prns/${oid}/ctts`, access);
    expect(ctts.status).toBe(200);
    expect(ctts.json).toMatchObject({ stateFacts: ['hasSize'], size: 1, eTag: expect.any(String) });
    const [contactUrl] = ctts.json.elements as string[];
    expect(contactUrl).toMatch(new RegExp(`^${sut.url}/rs/prns/${oid}/ctts/\\d+$`));
    const contact = await rs(new URL(contactUrl!).pathname, access);
    expect(contact.json).toMatchObject({ type: 'EML', vrfStu: 'VERIFIED', value: person.email });
    const embedded = await rs(`/rs/prns/${oid}/ctts?embed=(elements)`, access);
    expect(embedded.json.elements).toEqual([contact.json]);
    expect(embedded.json.eTag).toBe(ctts.json.eTag);

    const docs = await rs(`/rs/prns/${oid}/docs?embed=(elements)`, access);
    expect(docs.json.size).toBe(1);
    expect(docs.json.elements[0]).toMatchObject({
      type: 'RF_PASSPORT',
      vrfStu: 'VERIFIED',
      series: pd.passport.series,
      number: pd.passport.number,
      issueDate: '20.04.2010',
      issueId: '350001',
      issuedBy: pd.passport.issuedBy,
    });
    const person0 = await rs(`/rs/prns/${oid}`, access);
    expect(docs.json.elements[0].id).toBe(person0.json.rIdDoc);
    const docUrl = (await rs(`/rs/prns/${oid}/docs`, access)).json.elements[0];
    expect((await rs(new URL(docUrl).pathname, access)).json).toEqual(docs.json.elements[0]);

    const kids = await rs(`/rs/prns/${oid}/kids?embed=(elements)`, access);
    expect(kids.json.size).toBe(1);
    expect(kids.json.elements[0]).toMatchObject({
      firstName: 'Мария',
      lastName: pd.lastName,
      middleName: 'Ивановна',
      birthDate: '01.06.2015',
      gender: 'F',
      snils: '112-233-445 95',
    });

    const roles = await rs(`/rs/prns/${oid}/roles`, access);
    expect(roles.json.size).toBe(1);
    const orgOid = roles.json.elements[0].oid as number;
    expect(roles.json.elements[0]).toMatchObject({
      oid: expect.any(Number),
      prnOid: Number(oid),
      ogrn: organization.ogrn,
      chief: true,
      admin: true,
      active: true,
      type: 'LEGAL',
    });
    const orgs = await rs(`/rs/prns/${oid}/orgs`, access);
    expect(orgs.json.elements).toEqual([`${sut.url}/rs/orgs/${orgOid}`]);
    const org = await rs(`/rs/orgs/${orgOid}`, access);
    expect(org.status).toBe(200);
    expect(org.json).toMatchObject({
      oid: orgOid,
      ogrn: organization.ogrn,
      inn: organization.inn,
      isLiquidated: false,
      type: 'LEGAL',
      fullName: expect.any(String),
      shortName: expect.any(String),
      eTag: expect.any(String),
    });
    // An organization the person does not work for is outside the scope.
    const other = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    const foreign = await insertTestOrganization(sut, headOf(other));
    const [foreignRow] = await sut.database.db
      .select({ oid: organizations.oid })
      .from(organizations)
      .where(eq(organizations.id, foreign.id));
    expect((await rs(`/rs/orgs/${foreignRow!.oid}`, access)).json).toEqual(scopeNotAllowed);

    // No address is kept checked and `addresses` is never granted: ESIA-005029.
    const addrs = await rs(`/rs/prns/${oid}/addrs`, access);
    expect(addrs.status).toBe(403);
    expect(addrs.json).toEqual(scopeNotAllowed);

    const whole = await rs(
      `/rs/prns/${oid}?embed=(contacts.elements,addresses.elements,documents.elements,organizations.elements)`,
      access,
    );
    expect(whole.status).toBe(200);
    expect(whole.json.contacts.elements).toEqual([contact.json]);
    expect(whole.json.documents.elements).toEqual(docs.json.elements);
    expect(whole.json.organizations.elements).toEqual([org.json]);
    expect(whole.json).not.toHaveProperty('addresses');
  });

  it('few scopes: only what was granted, every other collection ESIA-005029', async () => {
    const { person } = await richCitizen();
    const { access, oid } = await tokensFor(all, person, 'openid fullname mobile');
    const me = await rs(`/rs/prns/${oid}`, access);
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ firstName: person.personalData.firstName, trusted: true });
    for (const field of ['birthDate', 'birthPlace', 'gender', 'snils', 'citizenship', 'rIdDoc'])
      expect(me.json, field).not.toHaveProperty(field);
    // `mobile` opens the contacts, but only the phones: this person has none.
    const ctts = await rs(`/rs/prns/${oid}/ctts?embed=(elements)`, access);
    expect(ctts.json).toMatchObject({ size: 0, elements: [] });
    for (const name of ['docs', 'kids', 'roles', 'orgs', 'addrs']) {
      const res = await rs(`/rs/prns/${oid}/${name}`, access);
      expect(res.status, name).toBe(403);
      expect(res.json, name).toEqual(scopeNotAllowed);
    }
    expect((await rs('/rs/orgs/1000000001', access)).json).toEqual(scopeNotAllowed);
    const embedded = await rs(`/rs/prns/${oid}?embed=(contacts.elements,documents.elements)`, access);
    expect(embedded.json.contacts.size).toBe(0);
    expect(embedded.json).not.toHaveProperty('documents');
  });

  it("another subject's oid is refused as a scope not granted; no token, a forged or foreign one 401", async () => {
    const { access } = await tokensFor(all, (await richCitizen()).person, 'openid fullname');
    const other = await tokensFor(all, (await richCitizen()).person, 'openid fullname');
    for (const path of [`/rs/prns/${other.oid}`, `/rs/prns/${other.oid}/ctts`, '/rs/prns/1']) {
      const res = await rs(path, access);
      expect(res.status, path).toBe(403);
      expect(res.json).toEqual(scopeNotAllowed);
    }
    const none = await rs(`/rs/prns/${other.oid}`, null);
    expect(none.status).toBe(401);
    expect(none.json.code).toMatch(/^ESIA-\d{6}$/);
    expect(none.headers.get('www-authenticate')).toContain('invalid_token');
    // A token signed by us but altered: the signature fails.
    const [h, p, s] = access.split('.');
    const body = JSON.parse(Buffer.from(p!, 'base64url').toString());
    body['urn:esia:sbj_id'] = Number(other.oid);
    const forged = `${h}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.${s}`;
    expect((await rs(`/rs/prns/${other.oid}`, forged)).status).toBe(401);
    // The id token is not an access token.
    expect((await rs(`/rs/prns/${other.oid}`, 'not.a.jwt')).status).toBe(401);
  });

  it('a token revoked by logout, by withdrawn consent, or expired answers 401', async () => {
    const a = await tokensFor(all, (await richCitizen()).person, 'openid fullname');
    expect((await rs(`/rs/prns/${a.oid}`, a.access)).status).toBe(200);
    await a.browser.get(`/idp/ext/Logout?client_id=${allId}&redirect_url=${encodeURIComponent(redirectUri)}`);
    expect((await rs(`/rs/prns/${a.oid}`, a.access)).status).toBe(401);

    const b = await tokensFor(all, (await richCitizen()).person, 'openid fullname');
    expect((await b.browser.request('DELETE', `/api/oidc/consents/${allId}`)).status).toBe(204);
    expect((await rs(`/rs/prns/${b.oid}`, b.access)).status).toBe(401);

    const c = await tokensFor(all, (await richCitizen()).person, 'openid fullname');
    clock.set(new Date(clock.now().getTime() + 3601_000));
    try {
      expect((await rs(`/rs/prns/${c.oid}`, c.access)).status).toBe(401);
    } finally {
      clock.set(new Date(clock.now().getTime() - 3601_000));
    }
  });

  it("a deleted account answers nothing: erasure revokes the account's ESIA tokens in its transaction", async () => {
    const { person } = await richCitizen();
    const { access, oid, refresh } = await tokensFor(all, person, 'openid fullname');
    await sut.database.db.transaction((tx) => eraseAccount(tx, person.id, clock.now()));
    const res = await rs(`/rs/prns/${oid}`, access);
    expect(res.status).toBe(401);
    expect(
      (await all.token({ refreshToken: refresh, scope: 'openid fullname' })).json.error_description,
    ).toMatch(/^ESIA-007011: /);
  });

  it('hostile input at /rs: NUL, percent-encoded and dotted paths, huge and non-numeric oids — an ESIA error, never a 500', async () => {
    const { access, oid } = await tokensFor(all, (await richCitizen()).person, 'openid fullname contacts');
    const paths = [
      '/rs/prns/%2e%2e/',
      `/rs/prns/${oid}/%2e%2e/ctts`,
      `/rs/prns/${oid}%00`,
      `/rs/prns/${oid}/ctts/%00`,
      '/rs/prns/%FF',
      `/rs/prns/${'9'.repeat(40)}`,
      '/rs/prns/abc',
      '/rs/prns/-1',
      `/rs/prns/${oid}/vhls`,
      `/rs/prns/${oid}/ctts/1`,
      `/rs/prns/${oid}/ctts/${'9'.repeat(500)}`,
      `/rs/prns/${oid}/roles/1`,
      '/rs/orgs/abc',
      `/rs/orgs/${'1'.repeat(40)}`,
      '/rs/',
      '/rs/nothing',
      `/rs/prns/${oid}?embed=(elements`,
      `/rs/prns/${oid}?embed=(a)&embed=(b)`,
      `/rs/prns/${oid}?embed=%00`,
      `/rs/prns/${oid}/ctts?embed=${'(elements)'.repeat(100)}`,
    ];
    for (const path of paths) {
      const res = await rs(path, access);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect({ path, body: res.json }).toMatchObject({
        path,
        body: { code: expect.stringMatching(/^ESIA-\d{6}$/) },
      });
    }
    const post = await rs(`/rs/prns/${oid}`, access, { method: 'POST', body: 'x' });
    expect(post.status).toBe(400);
    expect(post.json.code).toMatch(/^ESIA-/);
    for (const token of ['\u0000', 'x'.repeat(10_000), 'a.b.c']) {
      const res = await fetch(`${sut.url}/rs/prns/${oid}`, {
        headers: { authorization: `Bearer ${encodeURIComponent(token)}` },
      });
      expect(res.status).toBe(401);
    }
  });

  it('ESIA-007055: a system for confirmed accounts only explains to a standard citizen how to confirm, and answers the system 007055', async () => {
    const clientId = `ESIA_CONFIRMED_${randomUUID().slice(0, 8)}`;
    const actor = systemActor('test');
    await sut.services.oidcClients.register(
      actor,
      {
        clientId,
        name: 'Только подтверждённые',
        redirectUris: [redirectUri],
        scopes: ['openid', 'fullname'],
        authMethod: 'client_secret_basic',
        certificate: system.certificatePem,
        confirmedOnly: true,
      },
      { via: 'cli' },
    );
    await sut.services.oidcClients.setStatus(actor, clientId, 'approved');
    expect((await sut.services.oidcClients.list(actor)).find((c) => c.clientId === clientId)).toMatchObject({
      confirmedOnly: true,
    });
    const client = new EsiaTestClient({ sut, clock, system, clientId, redirectUri });
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    const browser = new Browser(sut.url);
    const { url, state } = client.authorizeUrl({ scope: 'openid fullname' });
    let res = await browser.get(url);
    res = await browser.get(res.location!);
    expect(new URL(res.location!).pathname).toBe('/login');
    await browser.signIn(person.email!, person.password);
    const id = new URL(res.location!).searchParams.get('next')!.split('/').pop()!;
    const step = await browser.get(`/api/esia/interaction/${id}`);
    expect(new URL(step.location!).pathname).toBe(`/esia-interaction/${id}`);
    const details = await browser.get(`/api/esia/interaction/${id}/details`);
    expect(details.json.levelTooLow).toEqual({ required: 'confirmed', current: 'standard' });
    const confirm = await browser.post(`/api/esia/interaction/${id}/confirm`);
    expect(confirm.status).toBe(409);
    expect(confirm.json.error.code).toBe('account.level_too_low');
    const back = await browser.post(`/api/esia/interaction/${id}/abort`);
    expect(back.status).toBe(200);
    const answer = new URL(back.json.redirectTo);
    expect(`${answer.origin}${answer.pathname}`).toBe(redirectUri);
    expect(answer.searchParams.get('error')).toBe('access_denied');
    expect(answer.searchParams.get('error_description')).toBe(
      'ESIA-007055: Вход в систему осуществляется с неподтверждённой учётной записью',
    );
    expect(answer.searchParams.get('state')).toBe(state);

    // A confirmed person signs in to it as to any other system.
    const confirmed = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    const callback = await walkEsia(
      new Browser(sut.url),
      client.authorizeUrl({ scope: 'openid fullname' }).url,
      redirectUri,
      { login: confirmed.email!, password: confirmed.password },
    );
    expect(callback.searchParams.get('code')).toBeTruthy();
  });

  it('DEMO_ESIA: registered and approved once in demo mode; its sealed test-CA key signs a secret /aas/oauth2/v2/ac accepts', async () => {
    await sut.services.oidcClients.ensureDemoEsiaClient(sut.services.testCa);
    await sut.services.oidcClients.ensureDemoEsiaClient(sut.services.testCa);
    const listed = (await sut.services.oidcClients.list(systemActor('test'))).filter(
      (c) => c.clientId === DEMO_ESIA_CLIENT.clientId,
    );
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      name: 'Портал услуг — ЕСИА (демо)',
      status: 'approved',
      redirectUris: [`${sut.url}/demo-esia/callback`],
      certificateHash: expect.stringMatching(/^[0-9A-F]{64}$/),
    });
    const demo = await sut.services.oidcClients.demoEsiaSystem();
    expect(demo.certificateHash).toBe(listed[0]!.certificateHash);
    const key = readPrivateKey(demo.privateKeyPkcs8);
    const scope = 'openid fullname snils';
    const state = randomUUID();
    const timestamp = esiaTime(clock.now());
    const secret = signData(
      key,
      Buffer.from(demo.clientId + scope + '' + timestamp + state + demo.redirectUri, 'utf8'),
    ).toString('base64url');
    const query = new URLSearchParams({
      client_id: demo.clientId,
      client_secret: secret,
      client_certificate_hash: demo.certificateHash,
      redirect_uri: demo.redirectUri,
      scope,
      scope_org: '',
      response_type: 'code',
      state,
      timestamp,
      access_type: 'online',
    });
    const res = await fetch(`${sut.url}/aas/oauth2/v2/ac?${query}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/api\/esia\/interaction\/[0-9a-f-]{36}$/);
    // The same with one byte of the signed string changed: refused.
    const forged = new URLSearchParams(query);
    forged.set('state', randomUUID());
    const refused = await fetch(`${sut.url}/aas/oauth2/v2/ac?${forged}`, { redirect: 'manual' });
    expect(new URL(refused.headers.get('location')!).searchParams.get('error_description')).toMatch(
      /^ESIA-007053: /,
    );
  });
});

describe('the demo system outside demo mode', () => {
  it('is neither registered nor its key readable', async () => {
    const { startTestSystem } = await import('../support/system.js');
    const sut2 = await startTestSystem({ env: { DEMO_MODE: 'false' } });
    try {
      await sut2.services.oidcClients.ensureDemoEsiaClient(sut2.services.testCa);
      const listed = await sut2.services.oidcClients.list(systemActor('test'));
      expect(listed.some((c) => c.clientId === DEMO_ESIA_CLIENT.clientId)).toBe(false);
      await expect(sut2.services.oidcClients.demoEsiaSystem()).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await sut2.stop();
    }
  });
});
