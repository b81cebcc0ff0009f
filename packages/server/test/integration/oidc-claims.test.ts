import { createServer, type Server } from 'node:http';
import { isValidInn, personalDataInputSchema } from '@openesia/contracts';
import { and, eq } from 'drizzle-orm';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizationMembers, personalData } from '../../src/db/schema/index.js';
import { systemActor } from '../../src/domain/policy/actor.js';
import { simulatedPersonInn } from '../../src/integrations/tax-register/simulator.js';
import {
  createSimplifiedCitizen,
  createStandardCitizen,
  uniqueEmail,
  uniquePassportNumber,
  uniquePhone,
  validPersonalData,
} from '../support/factories.js';
import { eventually } from '../support/http.js';
import { Browser, startListeningSystem } from '../support/oidc.js';
import { RelyingParty } from '../support/oidc-rp.js';
import { addTestMember, insertTestOrganization } from '../support/organizations.js';
import type { TestSystem } from '../support/system.js';

/**
 * The ESIA-named scopes beyond the person's names (inn, id_doc, contacts, usr_org), signing in
 * acting for an organization, back-channel logout, client_credentials and prompt=login (issue 13),
 * with `openid-client` as the relying party over real HTTP.
 */
let sut: TestSystem;

beforeAll(async () => {
  // The tax service's ИНН lookup retries at once and gives up soon (907: always unavailable).
  sut = await startListeningSystem({ REGISTRY_RETRY_DELAY_SECONDS: '0', REGISTRY_RETRY_LIMIT: '2' });
});
afterAll(async () => sut?.stop());

const allScopes = 'openid fullname inn id_doc contacts usr_org';

/** Waits until the tax service's answer about the person's ИНН is recorded. */
async function innLookupDone(accountId: string): Promise<string | null> {
  let state: string | null = null;
  await eventually(async () => {
    const [row] = await sut.database.db
      .select({ state: personalData.innLookupState })
      .from(personalData)
      .where(eq(personalData.accountId, accountId));
    state = row?.state ?? null;
    return state !== null && state !== 'in_progress';
  });
  return state;
}

describe('scopes inn, id_doc, contacts, usr_org: only checked data', () => {
  it('gives a checked person the ИНН the tax service found, the passport and every verified contact', async () => {
    const data = validPersonalData();
    const person = await createStandardCitizen(sut, {
      email: uniqueEmail(),
      phone: uniquePhone(),
      personalData: data,
    });
    expect(await innLookupDone(person.id)).toBe('found');
    const rp = await RelyingParty.register(sut, { scopes: allScopes.split(' ') });
    const tokens = await rp.signIn(
      new Browser(sut.url),
      { login: person.email!, password: person.password },
      { scope: allScopes },
    );
    const info = await rp.userInfo(tokens);
    const inn = simulatedPersonInn({ passport: data.passport, birthDate: data.birthDate });
    expect(isValidInn(inn)).toBe(true);
    expect(info.inn).toBe(inn);
    expect(info.id_doc).toEqual({
      type: 'RF_PASSPORT',
      vrfStu: 'VERIFIED',
      series: data.passport.series,
      number: data.passport.number,
      issueDate: data.passport.issueDate,
      issueId: data.passport.issuerCode,
      issuedBy: data.passport.issuedBy,
      citizenship: 'RUS',
    });
    expect(info.contacts).toEqual([
      { type: 'EML', vrfStu: 'VERIFIED', value: person.email },
      { type: 'MBT', vrfStu: 'VERIFIED', value: person.phone },
    ]);
    expect(info.usr_org).toEqual([]);
    expect(info).not.toHaveProperty('acting_for');
    // The ИНН is sealed at rest, as the СНИЛС is.
    const [row] = await sut.database.db
      .select({ sealed: personalData.innEncrypted })
      .from(personalData)
      .where(eq(personalData.accountId, person.id));
    expect(Buffer.from(row!.sealed!).toString('latin1')).not.toContain(inn);
  });

  it('gives no ИНН when the tax service does not find one, the passport still', async () => {
    const person = await createStandardCitizen(sut, {
      email: uniqueEmail(),
      personalData: { passport: { number: uniquePassportNumber('905') } },
    });
    expect(await innLookupDone(person.id)).toBe('not_found');
    const rp = await RelyingParty.register(sut, { scopes: allScopes.split(' ') });
    const tokens = await rp.signIn(
      new Browser(sut.url),
      { login: person.email!, password: person.password },
      { scope: 'openid inn id_doc' },
    );
    const info = await rp.userInfo(tokens);
    expect(info).not.toHaveProperty('inn');
    expect(info.id_doc).toMatchObject({ type: 'RF_PASSPORT', number: person.personalData.passport.number });
  });

  it('gives up on an unavailable tax service, and a new submission asks again for its own passport', async () => {
    const person = await createStandardCitizen(sut, {
      email: uniqueEmail(),
      personalData: { passport: { number: uniquePassportNumber('907') } },
    });
    expect(await innLookupDone(person.id)).toBe('unavailable');
    const rp = await RelyingParty.register(sut, { scopes: allScopes.split(' ') });
    const login = { login: person.email!, password: person.password };
    expect(
      await rp.userInfo(await rp.signIn(new Browser(sut.url), login, { scope: 'openid inn' })),
    ).not.toHaveProperty('inn');

    const data = {
      ...person.personalData,
      passport: { ...person.personalData.passport, number: uniquePassportNumber() },
    };
    await sut.services.personalData.submit(
      systemActor('test'),
      person.id,
      personalDataInputSchema.parse(data),
    );
    await eventually(async () => (await innLookupDone(person.id)) === 'found');
    const info = await rp.userInfo(await rp.signIn(new Browser(sut.url), login, { scope: 'openid inn' }));
    expect(info.inn).toBe(simulatedPersonInn({ passport: data.passport, birthDate: data.birthDate }));
  });

  it('gives an unchecked (simplified) account no ИНН and no passport, only the contacts verified by a code', async () => {
    const person = await createSimplifiedCitizen(sut, { email: uniqueEmail(), phone: uniquePhone() });
    const rp = await RelyingParty.register(sut, { scopes: allScopes.split(' ') });
    const tokens = await rp.signIn(
      new Browser(sut.url),
      { login: person.email!, password: person.password },
      { scope: allScopes },
    );
    const info = await rp.userInfo(tokens);
    expect(info).not.toHaveProperty('inn');
    expect(info).not.toHaveProperty('id_doc');
    expect(info).not.toHaveProperty('family_name');
    expect(info.contacts).toEqual([
      { type: 'EML', vrfStu: 'VERIFIED', value: person.email },
      { type: 'MBT', vrfStu: 'VERIFIED', value: person.phone },
    ]);
  });

  it('releases nothing of a scope the person was not asked for', async () => {
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    await innLookupDone(person.id);
    const rp = await RelyingParty.register(sut, { scopes: allScopes.split(' ') });
    const tokens = await rp.signIn(
      new Browser(sut.url),
      { login: person.email!, password: person.password },
      { scope: 'openid fullname' },
    );
    const info = await rp.userInfo(tokens);
    for (const claim of ['inn', 'id_doc', 'contacts', 'usr_org', 'acting_for'])
      expect(info).not.toHaveProperty(claim);
  });
});

describe('signing in acting for an organization', () => {
  it('names the organization and the roles there, and stops when the person is no longer its employee', async () => {
    const head = await createStandardCitizen(sut, { email: uniqueEmail() });
    const employee = await createStandardCitizen(sut, { email: uniqueEmail() });
    const org = await insertTestOrganization(sut, { id: head.id, lastName: 'Иванов', firstName: 'Иван' });
    const pending = await insertTestOrganization(
      sut,
      { id: head.id, lastName: 'Иванов', firstName: 'Иван' },
      { status: 'checking' },
    );
    await addTestMember(sut, org.id, { id: employee.id, lastName: 'Иванов', firstName: 'Иван' });
    await addTestMember(sut, pending.id, { id: employee.id, lastName: 'Иванов', firstName: 'Иван' });
    const rp = await RelyingParty.register(sut, { scopes: ['openid', 'usr_org'] });

    // The head, acting for the organization: usr_org lists the registered one only.
    const headBrowser = new Browser(sut.url);
    await headBrowser.signIn(head.email!, head.password);
    const chosen = await headBrowser.request('PUT', '/api/session/acting-for', { organizationId: org.id });
    expect(chosen.status).toBe(200);
    const headTokens = await rp.signIn(
      headBrowser,
      { login: head.email!, password: head.password },
      { scope: 'openid usr_org' },
    );
    const headInfo = await rp.userInfo(headTokens);
    expect(headInfo.usr_org).toEqual([
      expect.objectContaining({
        oid: org.oid,
        ogrn: org.ogrn,
        inn: org.inn,
        chief: true,
        admin: true,
        roles: ['head', 'administrator', 'employee'],
      }),
    ]);
    expect(headInfo.acting_for).toMatchObject({
      oid: org.oid,
      ogrn: org.ogrn,
      roles: ['head', 'administrator', 'employee'],
      groups: [],
    });

    // An employee acting for it, then removed: the next token and user info say nothing of it.
    const browser = new Browser(sut.url);
    await browser.signIn(employee.email!, employee.password);
    await browser.request('PUT', '/api/session/acting-for', { organizationId: org.id });
    const tokens = await rp.signIn(
      browser,
      { login: employee.email!, password: employee.password },
      { scope: 'openid usr_org' },
    );
    expect((await rp.userInfo(tokens)).acting_for).toMatchObject({
      oid: org.oid,
      roles: ['employee'],
      chief: false,
      admin: false,
    });
    await sut.database.db
      .update(organizationMembers)
      .set({ removedAt: sut.clock.now() })
      .where(
        and(eq(organizationMembers.organizationId, org.id), eq(organizationMembers.accountId, employee.id)),
      );
    const after = await rp.userInfo(tokens);
    expect(after).not.toHaveProperty('acting_for');
    expect(after.usr_org).toEqual([]);
    const refreshed = await oidc.refreshTokenGrant(rp.config, tokens.refresh_token!);
    const afterRefresh = await oidc.fetchUserInfo(rp.config, refreshed.access_token, tokens.claims()!.sub);
    expect(afterRefresh).not.toHaveProperty('acting_for');
  });

  it('says nothing of an organization when the person signs in as a private person', async () => {
    const head = await createStandardCitizen(sut, { email: uniqueEmail() });
    const org = await insertTestOrganization(sut, { id: head.id, lastName: 'Иванов', firstName: 'Иван' });
    const rp = await RelyingParty.register(sut, { scopes: ['openid', 'usr_org'] });
    const tokens = await rp.signIn(
      new Browser(sut.url),
      { login: head.email!, password: head.password },
      { scope: 'openid usr_org' },
    );
    const info = await rp.userInfo(tokens);
    expect(info.usr_org).toEqual([expect.objectContaining({ oid: org.oid })]);
    expect(info).not.toHaveProperty('acting_for');
  });
});

describe('back-channel logout', () => {
  let receiver: Server;
  let receiverUrl: string;
  const received: string[] = [];
  let answerStatus = 200;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push(new URLSearchParams(body).get('logout_token') ?? '');
        res.statusCode = answerStatus;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/backchannel`;
  });
  afterAll(async () => new Promise((resolve) => receiver.close(resolve)));

  it('signing out of OpenESIA sends each system a logout token signed with the published keys, and ends its tokens', async () => {
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    const rp = await RelyingParty.register(sut, {
      scopes: ['openid', 'fullname'],
      backchannelLogoutUri: receiverUrl,
      backchannelLogoutSessionRequired: true,
    });
    const browser = new Browser(sut.url);
    const tokens = await rp.signIn(
      browser,
      { login: person.email!, password: person.password },
      { scope: 'openid fullname' },
    );
    const idToken = tokens.claims()!;
    expect(idToken.sid).toEqual(expect.any(String));
    received.length = 0;

    const out = await browser.post('/api/logout');
    expect(out.status).toBe(204);
    expect(received).toHaveLength(1);

    // Verified as a relying party does (OpenID Connect Back-Channel Logout 1.0 §2.6), with JWKS.
    const { payload, protectedHeader } = await jwtVerify(
      received[0]!,
      createRemoteJWKSet(new URL(`${sut.url}/oidc/jwks`)),
      { issuer: `${sut.url}/oidc`, audience: rp.clientId },
    );
    expect(protectedHeader.typ).toBe('logout+jwt');
    expect(payload).toMatchObject({
      sub: idToken.sub,
      sid: idToken.sid,
      events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
    });
    expect(payload).not.toHaveProperty('nonce');
    expect(payload.jti).toEqual(expect.any(String));

    // The sign-in's tokens end with it.
    await expect(rp.userInfo(tokens)).rejects.toBeDefined();
    await expect(oidc.refreshTokenGrant(rp.config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('still signs the person out when a system does not answer 200', async () => {
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    const rp = await RelyingParty.register(sut, { scopes: ['openid'], backchannelLogoutUri: receiverUrl });
    const browser = new Browser(sut.url);
    await rp.signIn(browser, { login: person.email!, password: person.password }, { scope: 'openid' });
    received.length = 0;
    answerStatus = 500;
    try {
      expect((await browser.post('/api/logout')).status).toBe(204);
    } finally {
      answerStatus = 200;
    }
    expect(received).toHaveLength(1);
    // sid only when the system asked for it at registration
    const payload = JSON.parse(Buffer.from(received[0]!.split('.')[1]!, 'base64url').toString());
    expect(payload).not.toHaveProperty('sid');
    expect((await browser.get('/api/me')).status).toBe(401);
  });

  it('refuses a back-channel logout address that is not https (outside the loopback)', async () => {
    await expect(
      RelyingParty.register(sut, { scopes: ['openid'], backchannelLogoutUri: 'http://rp.example.ru/logout' }),
    ).rejects.toMatchObject({ code: 'oidc_client.invalid' });
  });
});

describe('client_credentials', () => {
  it('gives a system allowed the grant a token for its own scopes and refuses others', async () => {
    const rp = await RelyingParty.register(sut, {
      scopes: ['openid', 'fullname', 'usr_org'],
      grantTypes: ['client_credentials'],
      redirectUris: [],
    });
    const tokens = await oidc.clientCredentialsGrant(rp.config, { scope: 'usr_org' });
    expect(tokens.access_token).toEqual(expect.any(String));
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.scope).toBe('usr_org');
    await expect(oidc.clientCredentialsGrant(rp.config, { scope: 'snils' })).rejects.toMatchObject({
      error: 'invalid_scope',
    });
  });

  it('refuses the grant to a system not allowed it, and to a public client at registration', async () => {
    const rp = await RelyingParty.register(sut, { scopes: ['openid', 'fullname'] });
    // node-oidc-provider 9 answers a grant type the client may not use with invalid_request.
    await expect(oidc.clientCredentialsGrant(rp.config, { scope: 'fullname' })).rejects.toMatchObject({
      error: 'invalid_request',
      error_description: 'requested grant type is not allowed for this client',
    });
    await expect(
      RelyingParty.register(sut, {
        authMethod: 'none',
        grantTypes: ['client_credentials'],
        redirectUris: [],
      }),
    ).rejects.toMatchObject({ code: 'oidc_client.invalid' });
  });
});

describe('prompt=login and max_age: the password again, even with a session', () => {
  it('prompt=login sends a signed-in person to the sign-in page, and auth_time is the new sign-in', async () => {
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    const rp = await RelyingParty.register(sut, { scopes: ['openid'] });
    const browser = new Browser(sut.url);
    const login = { login: person.email!, password: person.password };
    const first = await rp.signIn(browser, login, { scope: 'openid' });

    // Without prompt=login the session is reused: no sign-in page.
    const reused: string[] = [];
    await rp.signIn(browser, login, { scope: 'openid' }, reused);
    expect(reused.some((p) => p.startsWith('/login'))).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const seen: string[] = [];
    const again = await rp.signIn(browser, login, { scope: 'openid', prompt: 'login' }, seen);
    expect(seen.some((p) => p.startsWith('/login?reauth=1'))).toBe(true);
    expect(again.claims()!.auth_time!).toBeGreaterThan(first.claims()!.auth_time!);
  });

  it('max_age older than the session asks again; a young enough session is reused', async () => {
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    const rp = await RelyingParty.register(sut, { scopes: ['openid'] });
    const browser = new Browser(sut.url);
    const login = { login: person.email!, password: person.password };
    await browser.signIn(login.login, login.password);
    const young: string[] = [];
    await rp.signIn(browser, login, { scope: 'openid', max_age: '3600' }, young);
    expect(young.some((p) => p.startsWith('/login'))).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 2100));
    const seen: string[] = [];
    const tokens = await rp.signIn(browser, login, { scope: 'openid', max_age: '1' }, seen);
    expect(seen.some((p) => p.startsWith('/login?reauth=1'))).toBe(true);
    expect(Math.floor(Date.now() / 1000) - tokens.claims()!.auth_time!).toBeLessThanOrEqual(2);
  });
});
