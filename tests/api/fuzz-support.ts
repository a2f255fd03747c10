// Input generators for the write-route fuzz test: from an OpenAPI request-body schema, bodies
// that are valid (so some land as 2xx), bodies with one to three fields broken in a hostile
// way, whole bodies of the wrong kind, and raw texts that are not JSON at all.
import fc from 'fast-check';

export interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  example?: unknown;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

/** A generated request: a JSON value to encode, or a raw body sent as is. */
export type FuzzInput = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };

/** Follows `$ref`s and folds `allOf` into one schema (the later parts win). */
export function resolve(schema: Schema, doc: OpenApiDoc): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components.schemas[name];
    if (!target) throw new Error(`unresolved ${schema.$ref}`);
    return resolve(target, doc);
  }
  if (schema.allOf) {
    const parts = schema.allOf.map((s) => resolve(s, doc));
    return Object.assign({}, ...parts) as Schema;
  }
  return schema;
}

const SQL = ["'; DROP TABLE companies; --", "1' OR '1'='1", "Robert'); DROP TABLE contacts;--", '" OR ""="', "x' UNION ALL --"];
const HTML = ['<script>alert(1)</script>', '<img src=x onerror="window.__pwned=1">', '"><svg onload=alert(1)>', 'javascript:alert(1)'];
const UNICODE = ['\uD800', 'a\uDC00b', '\uDFFF\uD800', '\u0000', 'nul\u0000byte', '\u0007\u001b[31mred', '\r\n\t', '\u202Eevil', '\uFEFF', '\u200B', '😀', 'Příliš žluťoučký kůň'];
const DATES = ['2026-02-30', '2026-13-01T00:00:00Z', 'not a date', '0000-00-00', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '1970-01-01', '2026-11-27T25:61:00Z', '2026-11-27 09:30', 'T', '1e308'];
const ODD = ['', ' ', '   \t ', '__proto__', 'constructor', 'null', 'undefined', 'NaN', 'Infinity', '../../etc/passwd', '%00', '${7*7}', '{{7*7}}', 'won', 'lost', 'CZ', 'cz'];
const NUMBERS = [1e308, -1e308, -1, 0, -0, 2 ** 53 + 1, -(2 ** 53 + 1), 1.5, 5e-324, Number.MAX_SAFE_INTEGER, 1e21, 100_001, 101, 10_000_000_000_001, 4_294_967_296];

/** 10 KB – 200 KB of one repeated piece (plain, multi-byte, lone surrogate, markup, quote). */
const hugeString = fc
  .record({ n: fc.integer({ min: 10_000, max: 200_000 }), piece: fc.constantFrom('a', 'ž', '\uD800', '<b>', "'", '😀', ' ') })
  .map(({ n, piece }) => piece.repeat(Math.ceil(n / piece.length)));

export const evilString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SQL, ...HTML, ...UNICODE, ...DATES, ...ODD) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('\uD800', '\uDC00', '\u0000', '\u001f', 'a', '<', "'"), maxLength: 30 }) },
  { weight: 1, arbitrary: hugeString },
);

const evilNumber: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(...NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());

/** Any JSON value a field should not accept (or should accept only after checking it). */
export const evilValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: evilString },
  { weight: 3, arbitrary: evilNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, [[[[]]]], { a: { b: { c: {} } } }, [null], { amount: -1, currency: 'CZK' }, { toString: 'x' }) },
  { weight: 1, arbitrary: fc.array(evilString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), evilString, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 51, max: 5_000 }).map((n) => Array.from({ length: n }, (_, i) => `t${i}`)) },
);

/** Values for id-like fields that point at seeded records, so valid bodies can pass. */
export type IdPicker = (field: string) => fc.Arbitrary<unknown> | undefined;

function typesOf(schema: Schema): string[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/** A value the schema accepts (ids taken from `ids` where the field names a record). */
export function validValue(schema: Schema, doc: OpenApiDoc, ids: IdPicker, field = ''): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  const picked = ids(field);
  if (picked) return picked;
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf) return fc.oneof(...s.anyOf.map((x) => validValue(x, doc, ids, field)));
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((t) => validValue({ ...s, type: t }, doc, ids, field)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1_000_000, max: Math.min(s.maximum ?? 1_000_000, 1_000_000_000) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case 'array':
      return fc.array(validValue(s.items ?? {}, doc, ids, field), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 5, 5) });
    case 'object': {
      const props = s.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(props)) model[key] = validValue(sub, doc, ids, key);
      return fc.record(model, { requiredKeys: s.required ?? [] });
    }
    case 'string':
      return validString(s);
    default:
      return fc.constant(null);
  }
}

function validString(s: Schema): fc.Arbitrary<string> {
  const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
  if (s.format === 'date-time') return day.map((d) => d.toISOString());
  if (s.format === 'date') return day.map((d) => d.toISOString().slice(0, 10));
  if (s.example && typeof s.example === 'string' && s.example.includes('@')) return fc.nat().map((n) => `fuzz${n}@example.cz`);
  if (s.pattern === '^[A-Z]{2}$') return fc.constantFrom('CZ', 'SK', 'DE', 'AT');
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
  return fc.string({ minLength: Math.max(s.minLength ?? 0, 1), maxLength: Math.min(s.maxLength ?? 40, 40) }).map((x) => (x.trim() ? x : 'x'));
}

type Mutation = { op: 'set'; key: string; value: unknown } | { op: 'delete'; key: string } | { op: 'extra'; key: string; value: unknown } | { op: 'nested'; key: string; value: unknown };

function mutation(keys: string[]): fc.Arbitrary<Mutation> {
  const key = keys.length ? fc.constantFrom(...keys) : fc.string({ maxLength: 12 });
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), key, value: evilValue }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), key }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('extra' as const), key: fc.oneof(fc.constantFrom('id', 'version', 'createdAt', 'deletedAt', 'workspaceId', '__proto__', 'role', 'plan'), fc.string({ maxLength: 12 })), value: evilValue }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('nested' as const), key, value: evilValue }) },
  );
}

function applyMutations(base: unknown, muts: Mutation[]): unknown {
  const obj: Record<string, unknown> = base && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  for (const m of muts) {
    // defineProperty, so "__proto__" becomes an own key that JSON.stringify really sends.
    const put = (key: string, value: unknown) => Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
    if (m.op === 'delete') delete obj[m.key];
    else if (m.op === 'nested') put(m.key, { [m.key]: m.value, amount: m.value, currency: m.value, street: m.value });
    else put(m.key, m.value);
  }
  return obj;
}

const RAW_BODIES = [
  '',
  '{',
  '{"name": "x"',
  '{"name": NaN}',
  '{"title": Infinity}',
  '{"a":1,}',
  "{'name': 'x'}",
  '[1,2,3]',
  '[]',
  '"bare string"',
  '42',
  'true',
  'null',
  'NaN',
  '\uD800',
  '{"name":"\\uD800"}',
  '{"name":"\\u0000"}',
  '{"name":"a","name":"b"}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '['.repeat(5_000),
  '{"a":'.repeat(2_000),
  'name=x&title=y',
  '<xml/>',
];

/** Everything the fuzz test sends to a route with this request-body schema. */
export function fuzzInput(schema: Schema, doc: OpenApiDoc, ids: IdPicker): fc.Arbitrary<FuzzInput> {
  const s = resolve(schema, doc);
  const keys = Object.keys(s.properties ?? {});
  const valid = validValue(s, doc, ids);
  const json = (value: unknown): FuzzInput => ({ kind: 'json', value });
  return fc.oneof(
    { weight: 10, arbitrary: fc.tuple(valid, fc.array(mutation(keys), { minLength: 1, maxLength: 3 })).map(([base, muts]) => json(applyMutations(base, muts))) },
    { weight: 2, arbitrary: valid.map(json) },
    // The whole body of the wrong kind: null, an array, a string, a number…
    { weight: 2, arbitrary: fc.oneof(evilValue, fc.array(valid, { minLength: 1, maxLength: 2 })).map(json) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_BODIES).map((text): FuzzInput => ({ kind: 'raw', text })) },
    // Valid JSON cut short somewhere.
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat()).map(([v, n]): FuzzInput => {
        const text = JSON.stringify(v);
        return { kind: 'raw', text: text.slice(0, n % text.length) };
      }),
    },
  );
}
