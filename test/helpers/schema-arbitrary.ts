import fc from 'fast-check';

/** A JSON Schema as the OpenAPI document has it (draft 2020-12 subset that zod emits). */
export type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
};

/** Values a careless or hostile client sends: wrong types, huge, odd Unicode, unstorable, tricky numbers. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '',
    ' ',
    'null',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff\ud800',
    '💥'.repeat(50),
    'é'.normalize('NFD'),
    '../../etc/passwd',
    "' or 1=1 --",
    '%00',
    '%',
    '<script>alert(1)</script>',
    'x'.repeat(70_000),
    -0,
    1e308,
    -1e308,
    2 ** 53 + 1,
    Number.MIN_VALUE,
    true,
    [],
    {},
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__": {"polluted": true}}'),
    { constructor: { prototype: { polluted: true } } },
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constant(null).map(() => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200; i++) deep = { d: deep };
    return deep;
  }),
);

export function resolve(schema: Schema, components: Record<string, Schema>): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) s = components[s.$ref.replace('#/components/schemas/', '')] ?? {};
  return s;
}

/** Values that follow `schema` (mostly valid requests), built from the document itself. */
export function valid(schema: Schema, components: Record<string, Schema>, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => valid(a, components, depth + 1)));
  if (Array.isArray(s.type))
    return fc.oneof(...s.type.map((type) => valid({ ...s, type }, components, depth + 1)));
  switch (s.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({
        min: Math.max(s.minimum ?? -1e6, -(2 ** 31)),
        max: Math.min(s.maximum ?? 1e6, 2 ** 31),
      });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case 'string': {
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'date-time')
        return fc
          .date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) })
          .map((d) => d.toISOString());
      if (s.pattern)
        return fc
          .stringMatching(new RegExp(s.pattern))
          .filter((x) => x.length <= (s.maxLength ?? 10_000) && x.length >= (s.minLength ?? 0));
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 30) });
    }
    case 'array':
      return fc.array(valid(s.items ?? {}, components, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, 3),
      });
    case 'object': {
      if (!s.properties || depth > 4)
        return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
      const required = new Set(s.required ?? []);
      const entries = Object.entries(s.properties).map(([key, child]) => {
        const value = valid(child, components, depth + 1);
        return [key, required.has(key) ? value : fc.option(value, { nil: undefined })] as const;
      });
      return fc
        .record(Object.fromEntries(entries))
        .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Mostly valid, sometimes hostile: where validation and the code behind it meet. */
export const fuzzed = (schema: Schema, components: Record<string, Schema>) =>
  fc.oneof({ weight: 3, arbitrary: valid(schema, components) }, { weight: 1, arbitrary: hostile });

/** A query or path value as text. */
export const asParam = (value: unknown) =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
