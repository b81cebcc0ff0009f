import { signedInSchema } from '@openesia/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, api, rememberCsrfToken } from './client';

function reply(status: number, body: string) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body, { status })),
  );
}

describe('api client', () => {
  afterEach(() => vi.unstubAllGlobals());
  rememberCsrfToken('token');

  it('returns the answer checked against the response schema', async () => {
    const account = {
      id: 'a',
      oid: '1',
      lastName: 'Иванов',
      firstName: 'Иван',
      middleName: null,
      level: 'simplified',
      confirmationMethod: null,
      contacts: [],
      authMethod: 'password',
      passwordChangeRequired: false,
    };
    reply(200, JSON.stringify({ account }));
    await expect(api.post('/login', {}, signedInSchema)).resolves.toEqual({ account });
  });

  it('refuses an answer that does not match the schema with a typed error', async () => {
    reply(200, JSON.stringify({ account: { id: 1 } }));
    const sut = await api.post('/login', {}, signedInSchema).catch((e: unknown) => e);
    expect(sut).toBeInstanceOf(ApiRequestError);
    expect(sut).toMatchObject({ status: 200, code: 'response.invalid' });
  });

  it('turns a page that is not JSON into a typed error, by status', async () => {
    reply(502, '<html>Bad gateway</html>');
    await expect(api.post('/login', {}, signedInSchema)).rejects.toMatchObject({ code: 'internal' });
    reply(200, '<html>portal</html>');
    await expect(api.post('/login', {}, signedInSchema)).rejects.toMatchObject({ code: 'response.invalid' });
  });

  it("carries the API's code, fields and wait", async () => {
    reply(
      400,
      JSON.stringify({ error: { code: 'validation.failed', fields: [{ path: 'login', code: 'required' }] } }),
    );
    await expect(api.post('/login', {}, signedInSchema)).rejects.toMatchObject({
      status: 400,
      code: 'validation.failed',
      fields: [{ path: 'login', code: 'required' }],
    });
  });
});
