import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidInn, personInnWithChecksum } from '@openesia/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryProtocolError, RegistryUnavailableError } from '../../../src/integrations/registry-http.js';
import { HttpTaxRegister } from '../../../src/integrations/tax-register/http.js';
import type { PersonInnRequest } from '../../../src/integrations/tax-register/port.js';
import {
  SimulatedTaxRegister,
  simulatedPersonInn,
} from '../../../src/integrations/tax-register/simulator.js';

const noDelay = { delayFactor: 0, failureRate: 0 };
const person = (number: string, overrides: Partial<PersonInnRequest> = {}): PersonInnRequest => ({
  lastName: 'Иванов',
  firstName: 'Иван',
  middleName: 'Иванович',
  birthDate: '1985-03-12',
  passport: { series: '1905', number, issueDate: '2010-04-20', issuerCode: '350-001' },
  ...overrides,
});

describe("a person's ИНН (ФНС, by the checked passport)", () => {
  it('makes 12-digit numbers whose two check digits hold (ФНС rules)', () => {
    // A published valid personal ИНН: 500100732259.
    expect(personInnWithChecksum('5001007322')).toBe('500100732259');
    for (const ten of ['7700000000', '3512345678', '9999999999'])
      expect(isValidInn(personInnWithChecksum(ten))).toBe(true);
  });

  it('the simulator gives the same valid ИНН for the same person, of the issuing region, another for another', async () => {
    const sut = new SimulatedTaxRegister(noDelay);
    const first = await sut.findPersonInn(person('123456'));
    const again = await sut.findPersonInn(person('123456'));
    const other = await sut.findPersonInn(person('123457'));
    expect(first).toEqual(again);
    expect(first.found && isValidInn(first.inn) && first.inn.startsWith('35')).toBe(true);
    expect(first).not.toEqual(other);
    expect(first).toEqual({ found: true, inn: simulatedPersonInn(person('123456')) });
  });

  it('the simulator says «не найден» (905), is busy twice (906), is unavailable (907), fails at random', async () => {
    const sut = new SimulatedTaxRegister(noDelay);
    await expect(sut.findPersonInn(person('905001'))).resolves.toEqual({ found: false });
    await expect(sut.findPersonInn(person('906001'))).rejects.toBeInstanceOf(RegistryUnavailableError);
    await expect(sut.findPersonInn(person('906001'))).rejects.toBeInstanceOf(RegistryUnavailableError);
    await expect(sut.findPersonInn(person('906001'))).resolves.toMatchObject({ found: true });
    await expect(sut.findPersonInn(person('907001'))).rejects.toBeInstanceOf(RegistryUnavailableError);
    const flaky = new SimulatedTaxRegister({ delayFactor: 0, failureRate: 1 });
    await expect(flaky.findPersonInn(person('123456'))).rejects.toBeInstanceOf(RegistryUnavailableError);
  });

  it('the simulator takes its time when delays are on', async () => {
    const sut = new SimulatedTaxRegister({ delayFactor: 0.05, failureRate: 0 });
    const started = performance.now();
    await sut.findPersonInn(person('123456'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe("the tax service adapter: a person's ИНН", () => {
  let server: Server;
  let base: string;
  let answer: (res: ServerResponse) => void;
  const seen: { url?: string; auth?: string; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ url: req.url, auth: req.headers.authorization, body });
        answer(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const json = (status: number, value: unknown) => (res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };

  it('posts the name, birth date and passport with the token and reads the ИНН', async () => {
    answer = json(200, { found: true, inn: '500100732259' });
    const sut = new HttpTaxRegister(`${base}/gw/`, 'token');
    await expect(sut.findPersonInn(person('123456'))).resolves.toEqual({ found: true, inn: '500100732259' });
    expect(seen.at(-1)).toMatchObject({ url: '/gw/fns/person-inn', auth: 'Bearer token' });
    expect(JSON.parse(seen.at(-1)!.body)).toEqual(person('123456'));
  });

  it('reads «не найден», refuses a wrong ИНН or another shape, and retries a 503', async () => {
    const sut = new HttpTaxRegister(base, undefined);
    answer = json(200, { found: false });
    await expect(sut.findPersonInn(person('123456'))).resolves.toEqual({ found: false });
    // a wrong check digit, and an organization's 10-digit ИНН, are never taken for the person's
    answer = json(200, { found: true, inn: '500100732258' });
    await expect(sut.findPersonInn(person('123456'))).rejects.toBeInstanceOf(RegistryProtocolError);
    answer = json(200, { found: true, inn: '7707083893' });
    await expect(sut.findPersonInn(person('123456'))).rejects.toBeInstanceOf(RegistryProtocolError);
    answer = json(200, {});
    await expect(sut.findPersonInn(person('123456'))).rejects.toBeInstanceOf(RegistryProtocolError);
    answer = json(503, {});
    await expect(sut.findPersonInn(person('123456'))).rejects.toBeInstanceOf(RegistryUnavailableError);
  });
});
