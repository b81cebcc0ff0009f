import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simulatedTaxRegister } from '@openesia/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryProtocolError, RegistryUnavailableError } from '../../../src/integrations/registry-http.js';
import { HttpTaxRegister } from '../../../src/integrations/tax-register/http.js';
import { SimulatedTaxRegister } from '../../../src/integrations/tax-register/simulator.js';

const noDelay = { delayFactor: 0, failureRate: 0 };
const [mfc, , liquidated, inLiquidation, busy] = simulatedTaxRegister;

describe('the simulated tax register (ЕГРЮЛ)', () => {
  it('answers its records, "not found" for any other ОГРН or a foreign ИНН', async () => {
    const sut = new SimulatedTaxRegister(noDelay);
    await expect(sut.findLegalEntity({ ogrn: mfc.ogrn, inn: mfc.inn })).resolves.toMatchObject({
      found: true,
      kpp: mfc.kpp,
      status: 'active',
      head: { lastName: 'Громова' },
    });
    await expect(sut.findLegalEntity({ ogrn: mfc.ogrn, inn: liquidated.inn })).resolves.toEqual({
      found: false,
    });
    await expect(sut.findLegalEntity({ ogrn: '1027700132195', inn: '7707083893' })).resolves.toEqual({
      found: false,
    });
    await expect(sut.findLegalEntity(liquidated)).resolves.toMatchObject({ status: 'liquidated' });
    await expect(sut.findLegalEntity(inLiquidation)).resolves.toMatchObject({ status: 'in_liquidation' });
  });

  it('is busy for the first two requests of its busy record, then answers', async () => {
    const sut = new SimulatedTaxRegister(noDelay);
    await expect(sut.findLegalEntity(busy)).rejects.toBeInstanceOf(RegistryUnavailableError);
    await expect(sut.findLegalEntity(busy)).rejects.toBeInstanceOf(RegistryUnavailableError);
    await expect(sut.findLegalEntity(busy)).resolves.toMatchObject({ found: true });
  });

  it('fails at random at the configured rate, and finds records added by the test CA', async () => {
    const flaky = new SimulatedTaxRegister({ delayFactor: 0, failureRate: 1 });
    await expect(flaky.findLegalEntity(mfc)).rejects.toBeInstanceOf(RegistryUnavailableError);
    const added = { ...mfc, ogrn: '1027700132195', inn: '7707083893' };
    const sut = new SimulatedTaxRegister(noDelay, async (ogrn) => (ogrn === added.ogrn ? added : undefined));
    await expect(sut.findLegalEntity(added)).resolves.toMatchObject({ found: true, ogrn: added.ogrn });
  });

  it('takes its time when delays are on', async () => {
    const sut = new SimulatedTaxRegister({ delayFactor: 0.05, failureRate: 0 });
    const started = performance.now();
    await sut.findLegalEntity(mfc);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe('the tax register adapter', () => {
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

  it('posts ОГРН and ИНН with the token and reads the record', async () => {
    answer = json(200, { found: true, ...mfc, status: 'active' });
    const sut = new HttpTaxRegister(`${base}/fns/`, 'token');
    await expect(sut.findLegalEntity({ ogrn: mfc.ogrn, inn: mfc.inn })).resolves.toMatchObject({
      found: true,
      kpp: mfc.kpp,
      head: { lastName: 'Громова', position: 'Директор' },
    });
    expect(seen.at(-1)).toMatchObject({ url: '/fns/egrul/legal-entity', auth: 'Bearer token' });
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ ogrn: mfc.ogrn, inn: mfc.inn });
  });

  it('reads "not found", refuses an answer of another shape, and retries a 503', async () => {
    const sut = new HttpTaxRegister(base, undefined);
    answer = json(200, { found: false });
    await expect(sut.findLegalEntity(mfc)).resolves.toEqual({ found: false });
    answer = json(200, { found: true, ogrn: mfc.ogrn, status: 'dissolved' });
    await expect(sut.findLegalEntity(mfc)).rejects.toBeInstanceOf(RegistryProtocolError);
    answer = json(200, {});
    await expect(sut.findLegalEntity(mfc)).rejects.toBeInstanceOf(RegistryProtocolError);
    answer = json(503, {});
    await expect(sut.findLegalEntity(mfc)).rejects.toBeInstanceOf(RegistryUnavailableError);
  });
});
