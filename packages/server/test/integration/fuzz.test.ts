import { fuzzRuns } from '@openesia/pki/test-support';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { body, urlPart, type JsonSchema } from '../support/fuzz.js';
import { createFederalOperator, createSimplifiedCitizen, signedInClient } from '../support/factories.js';
import { TestClient } from '../support/http.js';
import { startTestSystem } from '../support/system.js';

/**
 * No input gives a 5xx: bad input generated for every operation of the OpenAPI document the
 * server publishes, sent anonymously and signed in (a citizen, the federal operator), must be
 * answered with a 4xx (or a 2xx) in the {error:{code}} shape. `npm test` runs a few cases per
 * operation; `npm run fuzz` runs many (FUZZ_RUNS).
 */
const runs = fuzzRuns(12);

const sut = await startTestSystem({ env: { RATE_LIMITS: 'false' } });
afterAll(() => sut.stop());

const clients = {
  anonymous: new TestClient(sut.app),
  citizen: await signedInClient(sut, await createSimplifiedCitizen(sut)),
  operator: await signedInClient(sut, await createFederalOperator(sut)),
};

const doc = (await clients.anonymous.get('/api/docs/json')).body;

/** Inlines `$ref`s to components, a few levels deep (request schemas are shallow). */
function resolve(schema: any, depth = 0): JsonSchema {
  if (!schema || depth > 8) return {};
  if (schema.$ref) return resolve(doc.components?.schemas?.[schema.$ref.split('/').pop()], depth + 1);
  const out: any = { ...schema };
  if (schema.properties)
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, depth + 1)]),
    );
  if (schema.items) out.items = resolve(schema.items, depth + 1);
  for (const key of ['anyOf', 'oneOf', 'allOf'])
    if (schema[key]) out[key] = schema[key].map((s: any) => resolve(s, depth + 1));
  return out;
}

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  body?: JsonSchema;
  /** the statuses the document declares */
  declared: string[];
}
const operations: Operation[] = Object.entries(doc.paths as Record<string, any>).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]: [string, any]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name),
      queryParams: (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name),
      body: op.requestBody ? resolve(op.requestBody.content?.['application/json']?.schema) : undefined,
      declared: Object.keys(op.responses ?? {}),
    })),
);

/** Signing in or out with a signed-in client would end the session the other cases need. */
const sessionChanging = /^\/api\/(login|logout|registration|recovery|signature\/login)\b/;

describe('bad input for every operation of the OpenAPI document', () => {
  it('finds the operations', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))(
    '%s never answers 5xx',
    async (_name, op) => {
      const request = fc.record({
        who: sessionChanging.test(op.path)
          ? fc.constant('anonymous' as const)
          : fc.constantFrom('anonymous' as const, 'citizen' as const, 'operator' as const),
        params: fc.tuple(...op.pathParams.map(() => urlPart)),
        query: fc.array(
          fc.tuple(fc.constantFrom(...op.queryParams, 'x', op.queryParams[0] ?? 'y'), urlPart),
          { maxLength: 3 },
        ),
        payload: op.body
          ? body(op.body).map((b) => b as { json: unknown } | { raw: string } | null)
          : fc.constant(null),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ who, params, query, payload }) => {
          let url = op.path;
          op.pathParams.forEach((name, i) => (url = url.replace(`{${name}}`, params[i])));
          if (query.length) url += `?${query.map(([k, v]) => `${k}=${v}`).join('&')}`;
          const res = await clients[who].request(
            op.method,
            url,
            payload === null ? undefined : 'raw' in payload ? payload.raw : payload.json,
            payload && 'raw' in payload ? { headers: { 'content-type': 'application/json' } } : {},
          );
          const summary = `${op.method} ${url.slice(0, 200)} as ${who} -> ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
          expect(res.status, summary).toBeLessThan(500);
          if (res.status >= 400) expect(res.body?.error?.code, summary).toEqual(expect.any(String));
          // A path parameter that is a dot segment («..», «.») makes the URL another path (the
          // client resolves it, RFC 3986 §5.2.4): a 404 there is that path's, not this operation's.
          const otherPath = params.some((p) => p === '.' || p === '..') && res.status === 404;
          // Documented as it is: every refusal the operation answered, its document lists.
          if (res.status >= 400 && !otherPath) expect(op.declared, summary).toContain(String(res.status));
        }),
        { numRuns: runs },
      );
    },
  );
});
