import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../src/integrations/messaging/port.js';
import { HttpSmsGateway } from '../../../src/integrations/messaging/sms-http.js';
import { HttpPensionFund } from '../../../src/integrations/pension-fund/http.js';
import {
  getRegistryJson,
  RegistryProtocolError,
  RegistryUnavailableError,
} from '../../../src/integrations/registry-http.js';

/** A stand-in for the external service on 127.0.0.1: each test sets how it answers. */
let answer: (req: IncomingMessage, body: string, res: ServerResponse) => void;
const seen: { method?: string; url?: string; auth?: string; body: string }[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
      answer(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
});

const json = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
};

const person = {
  snils: '11223344595',
  lastName: 'Иванов',
  firstName: 'Иван',
  middleName: null,
  gender: 'M' as const,
  birthDate: '1985-03-12',
};

describe('pension fund adapter', () => {
  it('posts the person with the bearer token and reads the answer', async () => {
    answer = (_req, _body, res) => json(res, 200, { result: 'data_mismatch' });
    const sut = new HttpPensionFund(`${base}/sfr/`, 'secret-token');
    await expect(sut.checkSnils(person)).resolves.toEqual({ result: 'data_mismatch' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/sfr/snils/verify', auth: 'Bearer secret-token' });
    expect(JSON.parse(seen[0].body)).toEqual(person);
  });

  it('treats a 503 as a transient unavailability, for the queue to retry', async () => {
    answer = (_req, _body, res) => json(res, 503, {});
    await expect(new HttpPensionFund(base, undefined).checkSnils(person)).rejects.toBeInstanceOf(
      RegistryUnavailableError,
    );
  });

  it('treats a 400 as our defect, not as unavailability', async () => {
    answer = (_req, _body, res) => json(res, 400, { error: 'bad request' });
    await expect(new HttpPensionFund(base, undefined).checkSnils(person)).rejects.toBeInstanceOf(
      RegistryProtocolError,
    );
  });

  it('refuses an answer it does not understand', async () => {
    answer = (_req, _body, res) => json(res, 200, { result: 'maybe' });
    await expect(new HttpPensionFund(base, undefined).checkSnils(person)).rejects.toBeInstanceOf(
      RegistryProtocolError,
    );
  });

  it('treats an unreadable body as unavailability', async () => {
    answer = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>gateway error</html>');
    };
    await expect(new HttpPensionFund(base, undefined).checkSnils(person)).rejects.toBeInstanceOf(
      RegistryUnavailableError,
    );
  });

  it('gives up on a registry that does not answer in time', async () => {
    answer = () => undefined; // never answers
    await expect(getRegistryJson('post', `${base}/slow`, undefined, 200)).rejects.toBeInstanceOf(
      RegistryUnavailableError,
    );
  });
});

describe('SMS gateway adapter', () => {
  it('sends the number and the text and returns the provider id', async () => {
    answer = (_req, _body, res) => json(res, 200, { id: 'msg-42' });
    const sut = new HttpSmsGateway(`${base}/sms`, 'sms-token');
    await expect(sut.send({ channel: 'sms', to: '+79123456789', text: 'Код: 123456' })).resolves.toEqual({
      providerId: 'msg-42',
    });
    expect(JSON.parse(seen[0].body)).toEqual({ to: '+79123456789', text: 'Код: 123456' });
    expect(seen[0].auth).toBe('Bearer sms-token');
  });

  it('reports a refused number as permanent and a busy gateway as transient', async () => {
    const sut = new HttpSmsGateway(`${base}/sms`, undefined);
    answer = (_req, _body, res) => json(res, 422, { error: 'invalid number' });
    await expect(sut.send({ channel: 'sms', to: '+79123456789', text: 'x' })).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
    answer = (_req, _body, res) => json(res, 429, {});
    await expect(sut.send({ channel: 'sms', to: '+79123456789', text: 'x' })).rejects.toBeInstanceOf(
      TransientDeliveryError,
    );
    answer = (_req, _body, res) => json(res, 502, {});
    await expect(sut.send({ channel: 'sms', to: '+79123456789', text: 'x' })).rejects.toBeInstanceOf(
      TransientDeliveryError,
    );
  });
});
