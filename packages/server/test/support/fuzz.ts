import fc from 'fast-check';

/**
 * Bad input for an operation of the OpenAPI document, driven by its JSON schemas: values near
 * what the schema asks for (so that one bad field can travel deep) mixed with NUL bytes, lone
 * surrogates, huge strings, deeply nested arrays and objects, wrong types, missing and extra
 * fields, and path segments that decode to something else.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
};

const hostileUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uFFFE', '\u202E'),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('%00', '%', '%zz', '../', '\\', "'", '"', '<', '\r\n', '$1', '@', '-'),
  },
);

/** Text a field should refuse or survive. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: hostileUnit, maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'a\u0000@b.ru',
      '\uD800',
      'x\uDFFFy',
      '+7 (912) 000-00-00',
      '112-233-445 95',
    ),
  },
  // Huge: past each field's limit, sometimes past the body limit (256 KB).
  { weight: 1, arbitrary: fc.integer({ min: 255, max: 300_000 }).map((n) => 'я'.repeat(n)) },
);

/** A nested array or object `depth` levels deep. */
export function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER, [], {}, [null], { __proto__: 1 }),
  fc.integer(),
  fc.double(),
  fc.integer({ min: 10, max: 2_000 }).chain((d) => fc.constantFrom(nested(d, 'array'), nested(d, 'object'))),
  fc.jsonValue({ maxDepth: 3 }),
);

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

/** A value the schema would accept, roughly: right type, enum member, number in range. */
function plausible(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => value(s, depth)));
  if (schema.allOf?.length) return value(schema.allOf[0], depth);
  const types = typesOf(schema);
  if (types.includes('object') || schema.properties) return objectValue(schema, depth);
  if (types.includes('array')) return fc.array(value(schema.items ?? {}, depth + 1), { maxLength: 4 });
  if (types.includes('integer') || types.includes('number'))
    return fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 3000 });
  if (types.includes('boolean')) return fc.boolean();
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  return fc.string({ maxLength: Math.min(schema.maxLength ?? 30, 30) });
}

function objectValue(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const known = fc.record(
    Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, value(s, depth + 1)])),
    // Any field may be missing.
    { requiredKeys: [] },
  );
  const extra = fc.dictionary(fc.string({ unit: hostileUnit, maxLength: 12 }), wrongType, { maxKeys: 2 });
  return fc.tuple(known, fc.option(extra, { freq: 4 })).map(([k, e]) => ({ ...(e ?? {}), ...k }));
}

/** Mostly plausible, sometimes hostile text, sometimes the wrong type altogether. */
export function value(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 5) return wrongType;
  return fc.oneof(
    { weight: 5, arbitrary: plausible(schema, depth) },
    { weight: 3, arbitrary: hostileString },
    { weight: 2, arbitrary: wrongType },
  );
}

/** A request body: a schema-driven object, or raw text that is not what the schema wants at all. */
export function body(schema: JsonSchema | undefined): fc.Arbitrary<{ json: unknown } | { raw: string }> {
  const field = Object.keys(schema?.properties ?? {})[0] ?? 'a';
  return fc.oneof(
    { weight: 8, arbitrary: (schema ? objectValue(schema, 0) : wrongType).map((json) => ({ json })) },
    { weight: 1, arbitrary: wrongType.map((json) => ({ json })) },
    {
      weight: 1,
      // Deeper than JSON.stringify would go comfortably: written as text.
      arbitrary: fc
        .tuple(fc.integer({ min: 1_000, max: 60_000 }), fc.constantFrom('[', '{"a":'))
        .map(([d, open]) => ({
          raw: `{"${field}":${open.repeat(d)}1${(open === '[' ? ']' : '}').repeat(d)}}`,
        })),
    },
    { weight: 1, arbitrary: fc.string({ unit: hostileUnit, maxLength: 60 }).map((raw) => ({ raw })) },
  );
}

/** Percent-encodes a string, lone surrogates included (as the WTF-8 bytes a careless client sends). */
export function percentEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff)
      out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    else out += encodeURIComponent(ch);
  }
  return out;
}

/** A path segment or query value: encoded hostile text, or raw fragments that decode badly. */
export const urlPart: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.uuid() },
  { weight: 4, arbitrary: hostileString.filter((s) => s.length < 5_000).map(percentEncode) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%2F..%2F', '..', '.', '%ED%A0%80', '%C0%AF'),
  },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 20_000 }).map((n) => 'a'.repeat(n)) },
);
