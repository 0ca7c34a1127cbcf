import fc from 'fast-check';

/** The subset of JSON Schema (as @fastify/swagger renders our zod schemas) the fuzzer reads. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
}

// Values that break naive code: boundaries of integer columns, huge and odd numbers, and strings
// with quotes, formula starters, control characters, emoji and SQL-looking text.
const NASTY_INTEGERS = [0, -1, 1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
const NASTY_STRINGS = ['', ' ', "'; drop table people; --", '=HYPERLINK("http://x")', '\u0000', '👍🏽', 'a'.repeat(5000), '../../etc/passwd', '<script>alert(1)</script>', '%s%n', '\\'];

// The hostile values that fit a schema's bounds, chosen from a list rather than filtered: a
// filter that nothing passes would make fast-check retry for ever.
function someOf<T>(values: T[]): fc.Arbitrary<T>[] {
  return values.length ? [fc.constantFrom(...values)] : [];
}

function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -Number.MAX_SAFE_INTEGER);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : Number.MAX_SAFE_INTEGER);
  const low = Math.max(min, -(2 ** 31));
  const high = Math.min(max, 2 ** 31 - 1);
  const inRange = low <= high ? [fc.integer({ min: low, max: high })] : [];
  return fc.oneof(...inRange, fc.constantFrom(min, max), ...someOf(NASTY_INTEGERS.filter((n) => n >= min && n <= max)));
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const maxLength = Math.min(schema.maxLength ?? 200, 300);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  switch (schema.format) {
    case 'date':
      return fc.date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    default:
      return fc.oneof(fc.string({ minLength, maxLength }), ...someOf(NASTY_STRINGS.filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity))));
  }
}

/** Mostly valid values for `schema`, with the boundaries and hostile strings mixed in. */
export function arbitraryFor(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => arbitraryFor(s, depth)));
  if (schema.allOf?.length) return arbitraryFor(Object.assign({}, ...schema.allOf), depth);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'integer':
      return integerArbitrary(schema);
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: schema.minimum, max: schema.maximum }), integerArbitrary(schema));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'string':
      return stringArbitrary(schema);
    case 'array': {
      if (depth > 4 || !schema.items) return fc.constant([]);
      return fc.array(arbitraryFor(schema.items, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 5) });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const shape = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, depth > 4 ? fc.constant(null) : arbitraryFor(s, depth + 1)]));
      const fixed = fc.record(shape, { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) });
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object' && depth <= 4) {
        const valueSchema = schema.additionalProperties;
        return fc.tuple(fixed, fc.dictionary(stringArbitrary(schema.propertyNames ?? { maxLength: 40 }), arbitraryFor(valueSchema, depth + 1), { maxKeys: 4 })).map(([a, b]) => ({ ...b, ...a }));
      }
      return fixed;
    }
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

/** A body for a request: usually shaped by the schema, sometimes anything at all. */
export function bodyArbitrary(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return fc.constant(undefined);
  return fc.oneof({ arbitrary: arbitraryFor(schema), weight: 4 }, { arbitrary: fc.anything({ maxDepth: 3 }), weight: 1 });
}
