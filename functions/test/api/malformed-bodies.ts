import fc from "fast-check";

/** The JSON type a field accepts; a value of any other type makes the body invalid. */
export type FieldKind =
  | "string"
  | "nullableString"
  | "boolean"
  | "number"
  | "nullableNumber"
  | "object"
  | "array"
  | "enum";

// Finite: JSON.stringify turns ±Infinity into null, which a nullable number field accepts.
const finiteFraction = fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true });

const wrongTypeValues: Record<FieldKind, fc.Arbitrary<unknown>> = {
  string: fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 2 }),
    fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }),
  ),
  nullableString: fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.array(fc.string(), { maxLength: 2 }),
    fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }),
  ),
  boolean: fc.oneof(
    fc.string(),
    fc.integer(),
    fc.constant(null),
    fc.constant("true"),
    fc.array(fc.boolean(), { maxLength: 2 }),
  ),
  number: fc.oneof(fc.string(), fc.boolean(), fc.constant(null), finiteFraction, fc.constant(-1)),
  nullableNumber: fc.oneof(fc.string(), fc.boolean(), finiteFraction, fc.integer({ max: -1 })),
  object: fc.oneof(
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 2 }),
  ),
  array: fc.oneof(
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }),
  ),
  // No enum of ours has a value with a digit or an upper-case letter.
  enum: fc.oneof(
    fc.integer(),
    fc.constant(null),
    fc.string().map((text) => `X${text}9`),
  ),
};

/** Keys no schema of ours accepts (prefixed, so never a real field name). */
const unknownKey = fc.string({ minLength: 1, maxLength: 12 }).map((text) => `zz_${text}`);

/**
 * Bodies that are invalid by construction: a valid base with one field of the wrong type or an
 * unknown key, a top-level non-object, or text that is not JSON at all.
 */
export function malformedBody(base: Record<string, unknown>, fields: Record<string, FieldKind>) {
  const names = Object.keys(fields);
  const wrongField = fc
    .constantFrom(...names)
    .chain((name) =>
      wrongTypeValues[fields[name] ?? "string"].map((value) => ({ json: { ...base, [name]: value } })),
    );
  const extraKey = fc
    .tuple(unknownKey, fc.jsonValue())
    .map(([key, value]) => ({ json: { ...base, [key]: value } }));
  const notAnObject = fc
    .oneof(
      fc.array(fc.jsonValue(), { maxLength: 3 }),
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    )
    .map((json) => ({ json }));
  const text = JSON.stringify(base);
  const notJson = fc
    .oneof(
      fc.integer({ min: 1, max: text.length - 1 }).map((cut) => text.slice(0, cut)),
      fc.string({ minLength: 1 }).map((garbage) => `{${garbage}`),
      fc.constant("{'single': 'quotes'}"),
    )
    .map((raw) => ({ raw }));
  return fc.oneof(
    { weight: 4, arbitrary: wrongField },
    { weight: 2, arbitrary: extraKey },
    { weight: 1, arbitrary: notAnObject },
    { weight: 1, arbitrary: notJson },
  ) as fc.Arbitrary<{ json?: unknown; raw?: string }>;
}
