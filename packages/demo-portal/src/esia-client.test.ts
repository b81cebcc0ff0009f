import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  EsiaAnswerError,
  EsiaClient,
  EsiaRefusal,
  esiaTimestamp,
  jwtPayload,
  secretMessage,
} from './esia-client.js';

const jwt = (payload: object) =>
  `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

function client(signed: string[]) {
  return new EsiaClient({
    portalUrl: 'https://esia.example',
    clientId: 'DEMO_ESIA',
    redirectUri: 'https://esia.example/demo-esia/callback',
    // A signature that names what it signed: the test reads it back from the secret.
    sign: async (message) => {
      const text = new TextDecoder().decode(message);
      signed.push(text);
      return new TextEncoder().encode(`sig:${text}`);
    },
    certificateHash: async () => 'CD6EA358',
    now: () => new Date(Date.UTC(2026, 0, 5, 7, 3, 9)),
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('the ESIA client of the demo system (ilimurzin/esia 4.x order)', () => {
  it('writes the timestamp as yyyy.MM.dd HH:mm:ss +0000, in UTC, zero-padded', () => {
    expect(esiaTimestamp(new Date(Date.UTC(2026, 0, 5, 7, 3, 9)))).toBe('2026.01.05 07:03:09 +0000');
    expect(esiaTimestamp(new Date('2025-12-31T23:59:59+03:00'))).toBe('2025.12.31 20:59:59 +0000');
  });

  it('signs client_id, scope, scope_org, timestamp, state, redirect_uri, then the code, in that order', () => {
    const base = {
      clientId: 'C',
      scope: 'openid fullname',
      scopeOrg: '',
      timestamp: '2026.01.05 07:03:09 +0000',
      state: 'S',
      redirectUri: 'https://r/cb',
    };
    expect(secretMessage(base)).toBe('Copenid fullname2026.01.05 07:03:09 +0000Shttps://r/cb');
    expect(secretMessage({ ...base, code: 'K' })).toBe(
      'Copenid fullname2026.01.05 07:03:09 +0000Shttps://r/cbK',
    );
  });

  it('builds the v2/ac address with the library’s parameters, the secret over what it sends', async () => {
    const signed: string[] = [];
    const { url, state } = await client(signed).authorizationUrl(['openid', 'fullname', 'snils']);
    const u = new URL(url);
    expect(u.origin + u.pathname).toBe('https://esia.example/aas/oauth2/v2/ac');
    expect([...u.searchParams.keys()]).toEqual([
      'client_id',
      'client_certificate_hash',
      'client_secret',
      'redirect_uri',
      'scope',
      'scope_org',
      'response_type',
      'state',
      'access_type',
      'timestamp',
    ]);
    const q = Object.fromEntries(u.searchParams);
    expect(q).toMatchObject({
      client_id: 'DEMO_ESIA',
      client_certificate_hash: 'CD6EA358',
      redirect_uri: 'https://esia.example/demo-esia/callback',
      scope: 'openid fullname snils',
      scope_org: '',
      response_type: 'code',
      state,
      access_type: 'online',
      timestamp: '2026.01.05 07:03:09 +0000',
    });
    expect(state).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const message = `DEMO_ESIAopenid fullname snils2026.01.05 07:03:09 +0000${state}https://esia.example/demo-esia/callback`;
    expect(signed).toEqual([message]);
    // base64url without padding, of the signer's bytes
    expect(q.client_secret).toBe(Buffer.from(`sig:${message}`).toString('base64url'));
    expect(q.client_secret).not.toMatch(/[+/=]/);
  });

  it('posts the code to v3/te with the secret over …+code, and keeps the answer only under its own state', async () => {
    const signed: string[] = [];
    const sent: URLSearchParams[] = [];
    let answerState: (sentState: string) => string = (s) => s;
    vi.stubGlobal('fetch', async (url: string, init: { body: URLSearchParams }) => {
      expect(url).toBe('https://esia.example/aas/oauth2/v3/te');
      sent.push(init.body);
      return Response.json({
        access_token: jwt({
          'urn:esia:sbj_id': 1000000001,
          scope: 'openid?oid=1000000001 fullname?oid=1000000001',
        }),
        id_token: jwt({ aud: 'DEMO_ESIA', sub: '1000000001', amr: 'PWD' }),
        state: answerState(init.body.get('state')!),
        token_type: 'Bearer',
        expires_in: 3600,
      });
    });
    const tokens = await client(signed).exchange('THE-CODE', ['openid', 'fullname']);
    expect(tokens).toMatchObject({
      oid: '1000000001',
      scopes: ['openid', 'fullname'],
      idClaims: { amr: 'PWD' },
    });
    const form = sent[0]!;
    expect([...form.keys()]).toEqual([
      'client_id',
      'code',
      'grant_type',
      'client_certificate_hash',
      'client_secret',
      'state',
      'redirect_uri',
      'scope',
      'scope_org',
      'timestamp',
      'token_type',
    ]);
    expect(signed[0]).toBe(
      `DEMO_ESIAopenid fullname2026.01.05 07:03:09 +0000${form.get('state')}https://esia.example/demo-esia/callbackTHE-CODE`,
    );

    answerState = () => '00000000-0000-4000-8000-000000000000';
    await expect(client([]).exchange('THE-CODE', ['openid'])).rejects.toBeInstanceOf(EsiaAnswerError);
  });

  it('reads ESIA’s refusal at v3/te as a refusal with its code', async () => {
    vi.stubGlobal('fetch', async () =>
      Response.json(
        { error: 'invalid_client', error_description: 'ESIA-007053: client_secret сформирован некорректно' },
        { status: 401 },
      ),
    );
    const refusal = await client([])
      .exchange('X', ['openid'])
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(EsiaRefusal);
    expect(refusal).toMatchObject({
      error: 'invalid_client',
      description: expect.stringMatching(/^ESIA-007053/),
    });
  });

  it('decodes a JWT payload and refuses what is not one', () => {
    expect(jwtPayload(jwt({ a: 1 }))).toEqual({ a: 1 });
    expect(() => jwtPayload('nothing')).toThrow(EsiaAnswerError);
  });

  it('sends logout to /idp/ext/Logout with client_id and redirect_url', () => {
    const u = new URL(client([]).logoutUrl('https://esia.example/demo-esia/'));
    expect(u.pathname).toBe('/idp/ext/Logout');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      client_id: 'DEMO_ESIA',
      redirect_url: 'https://esia.example/demo-esia/',
    });
  });
});
