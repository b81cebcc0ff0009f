import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actingForClient } from '../support/acting-for.js';
import { createFederalOperator, signedInClient, uniqueEmail } from '../support/factories.js';
import { createConfirmedCitizen, insertTestOrganization } from '../support/organizations.js';
import { TestClient } from '../support/http.js';
import { workstationAtCenter, workstationOperator, workstationOrganization } from '../support/workstation.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * The OpenAPI document says what each operation can answer: every operation lists its error
 * responses in the ApiError shape, at least the refusals every route of its kind shares. (The
 * fuzz test checks the other way round: every status an operation answers is in the document.)
 */
let sut: TestSystem;
let doc: any;
beforeAll(async () => {
  sut = await startTestSystem();
  doc = (await new TestClient(sut.app).get('/api/docs/json')).body;
});
afterAll(() => sut?.stop());

function operations(): { name: string; method: string; op: any }[] {
  return Object.entries(doc.paths as Record<string, any>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, method, op })),
  );
}

const isApiError = (response: any) =>
  JSON.stringify(response?.content?.['application/json']?.schema ?? {}).includes('ApiError');

describe('the OpenAPI document', () => {
  it('declares error responses for every operation that can refuse', () => {
    const missing = operations()
      .filter(
        ({ name }) =>
          name !== 'GET /api/health' && !name.startsWith('GET /api/demo/') && name !== 'GET /api/session',
      )
      .filter(({ op }) => !Object.keys(op.responses ?? {}).some((status) => Number(status) >= 400))
      .map(({ name }) => name);
    expect(missing).toEqual([]);
  });

  it('gives every error response the ApiError shape', () => {
    const wrong = operations().flatMap(({ name, op }) =>
      Object.entries(op.responses ?? {})
        .filter(
          ([status, response]) =>
            Number(status) >= 400 && name !== 'GET /api/health' && !isApiError(response),
        )
        .map(([status]) => `${name} ${status}`),
    );
    expect(wrong).toEqual([]);
  });

  it('lists the refusals a request with a body shares: input, CSRF, size and type', () => {
    const missing = operations()
      .filter(({ method }) => method !== 'get')
      .flatMap(({ name, op }) =>
        ['400', '403', '413', '415']
          .filter((status) => !op.responses?.[status])
          .map((status) => `${name} ${status}`),
      );
    expect(missing).toEqual([]);
  });

  it('lists what the signature, test-CA and trust-list operations refuse with', () => {
    const responses = (method: string, path: string) => Object.keys(doc.paths[path][method].responses);
    expect(responses('post', '/api/signature/login')).toEqual(
      expect.arrayContaining(['400', '404', '409', '410', '422', '503']),
    );
    expect(responses('post', '/api/me/confirmation/signature')).toEqual(
      expect.arrayContaining(['400', '401', '409', '410', '422', '503']),
    );
    expect(responses('post', '/api/test-ca/my-certificate')).toEqual(
      expect.arrayContaining(['400', '401', '403', '409']),
    );
    expect(responses('get', '/api/registry/trust-list')).toEqual(expect.arrayContaining(['401', '403']));
    expect(responses('post', '/api/registry/trust-list')).toEqual(
      expect.arrayContaining(['400', '401', '403', '409', '422']),
    );
    expect(responses('delete', '/api/registry/trust-list/{id}')).toEqual(
      expect.arrayContaining(['401', '403', '404']),
    );
  });

  it('has every free-text field of every request body refuse U+0000 with text.invalid_chars', async () => {
    // Every string leaf that is not an enum or a checked format gets a NUL byte; the one base
    // string schema (contracts text()) must name each of them.
    const leaves: string[] = [];
    const fill = (schema: any, path: string[]): unknown => {
      if (schema?.$ref) return fill(doc.components.schemas[schema.$ref.split('/').pop()], path);
      if (schema?.anyOf) return fill(schema.anyOf.find((s: any) => s.type !== 'null') ?? {}, path);
      if (schema?.type === 'object')
        return Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([k, v]) => [k, fill(v, [...path, k])]),
        );
      if (schema?.type === 'array') return [fill(schema.items, [...path, '0'])];
      if (
        schema?.type === 'string' &&
        !schema.enum &&
        schema.const === undefined &&
        !['uuid', 'date-time'].includes(schema.format)
      ) {
        leaves.push(`${path.join('.')}`);
        return 'a\u0000';
      }
      return undefined;
    };
    // Each audience refuses anyone else before the body is read: the federal operator for its
    // routes and the rest, the head of an organization (acting for it) for the organization's,
    // an employee of a region's operator for the regional operator's.
    const federal = await signedInClient(sut, await createFederalOperator(sut));
    const head = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    const org = await insertTestOrganization(sut, { id: head.id, ...head.personalData });
    const member = await actingForClient(sut, head, org.id);
    const staff = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    const operatorOrg = await insertTestOrganization(
      sut,
      { id: staff.id, ...staff.personalData },
      { operatorOfRegion: '77' },
    );
    const regional = await actingForClient(sut, staff, operatorOrg.id);
    // the workstation: an operator of every operation at a center offering every service
    const workstation = await workstationOrganization(sut);
    const desk = await workstationAtCenter(sut, await workstationOperator(sut, workstation), workstation);
    const clientFor = (path: string) =>
      path.startsWith('/api/ra/')
        ? desk
        : path.startsWith('/api/organization/') || path === '/api/organization'
          ? member
          : path.startsWith('/api/regional-operator/')
            ? regional
            : federal;
    const unreported: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, any>)) {
      for (const [method, op] of Object.entries(item as Record<string, any>)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (!schema) continue;
        leaves.length = 0;
        const payload = fill(schema, []);
        // Valid path parameters: Fastify validates them before the body.
        const url = path
          .replace('{serial}', '0A')
          .replace('{approval}', 'form_z')
          .replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await clientFor(path).request(method.toUpperCase(), url, payload);
        const reported = new Set(
          (res.body?.error?.fields ?? [])
            .filter((f: any) => f.code === 'text.invalid_chars')
            .map((f: any) => f.path),
        );
        for (const leaf of leaves)
          if (!reported.has(leaf)) unreported.push(`${method.toUpperCase()} ${path} ${leaf}`);
      }
    }
    expect(unreported).toEqual([]);
  });
});
