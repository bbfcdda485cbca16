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
  | "enum"
  | "nullableEnum";

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
  nullableEnum: fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.array(fc.string(), { maxLength: 2 }),
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
    // `{` + garbage may happen to be JSON (`{}`, …): never send that as "not JSON".
    .filter((raw) => isNotJson(raw))
    .map((raw) => ({ raw }));
  return fc.oneof(
    { weight: 4, arbitrary: wrongField },
    { weight: 2, arbitrary: extraKey },
    { weight: 1, arbitrary: notAnObject },
    { weight: 1, arbitrary: notJson },
  ) as fc.Arbitrary<{ json?: unknown; raw?: string }>;
}

/** A body as the fuzz test sends it: JSON (serialized by the client) or raw text sent as application/json. */
export type FuzzBody = { json?: unknown; raw?: string };

/** Every unknown key the generic generator adds starts with this; no schema of ours has such a field. */
export const unknownKeyPrefix = "zz_";

/**
 * The text as the server may decode it: lone surrogates become U+FFFD on the wire, and body-parser
 * drops a leading BOM (all of them here, to be safe).
 */
function serverViews(text: string): string[] {
  const wire = Buffer.from(text, "utf8").toString("utf8");
  return [text, wire, wire.replace(/^\uFEFF+/, "")];
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Not JSON however the server decodes it, and not empty either: body-parser reads an empty
 * application/json body (or one that is only a BOM) as `{}`, a valid dead-letter replay.
 */
export function isNotJson(text: string): boolean {
  return serverViews(text).every((view) => view.length > 0 && !parses(view));
}

function hasUnknownKey(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.keys(value).some((key) => key.startsWith(unknownKeyPrefix))
  );
}

/**
 * Why a generic body cannot be valid for any strict object schema (or a union of them), or
 * `undefined` when it could be: the guard the test runs on every generic sample.
 */
export function whyMalformed(body: FuzzBody): string | undefined {
  if (body.raw !== undefined) {
    if (isNotJson(body.raw)) return "not JSON";
    // JSON after all (e.g. deeply nested text): every way the server may read it must be malformed.
    const reasons = serverViews(body.raw)
      .filter((view) => view.length === 0 || parses(view))
      .map((view) => (view.length === 0 ? undefined : malformedValue(JSON.parse(view))));
    return reasons.every((reason) => reason !== undefined) ? reasons[0] : undefined;
  }
  if (body.json === undefined) return undefined;
  // What the server receives is the serialized text, not the JavaScript value.
  return malformedValue(JSON.parse(JSON.stringify(body.json)));
}

function malformedValue(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not an object";
  return hasUnknownKey(value) ? "has an unknown key" : undefined;
}

/** Field names of our bodies: values under them make zod parse the field before it reports the unknown key. */
const likelyKeys = fc.constantFrom(
  "reason",
  "to",
  "choose",
  "value",
  "all",
  "customers",
  "definition",
  "version",
  "variant",
  "percentage",
  "weights",
  "add",
  "remove",
  "start",
  "end",
  "outsideVariant",
  "clear",
  "role",
  "code",
  "shortName",
  "address",
  "items",
  "meteredKg",
  "remark",
  "__proto__",
  "constructor",
  "prototype",
  "",
);

const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt().map((big) => Number(big)),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, 1e308, 5e-324, "", " ", "\u0000", "true", "null", "{}"),
);

/** An object with at least one unknown key, and maybe real field names with odd values. */
const objectWithUnknownKey = fc
  .tuple(
    fc.array(fc.tuple(fc.oneof(likelyKeys, fc.string({ maxLength: 10 })), oddValue), { maxLength: 5 }),
    fc.array(fc.tuple(unknownKey, oddValue), { minLength: 1, maxLength: 3 }),
  )
  .map(([known, unknown]) => ({ json: Object.fromEntries([...known, ...unknown]) }));

const notAnObjectAtAll = fc
  .oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 40 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }),
    // Arrays of (even valid) bodies: still not an object.
    fc.constantFrom([], [{}], [{ all: true }], [{ reason: "fuzz" }], [[]]),
  )
  .map((json) => ({ json }));

/** Texts the server cannot parse, sent as application/json. */
const notJsonText = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 60 }).map((garbage) => `{${garbage}`),
    fc.string({ unit: "binary", minLength: 1, maxLength: 60 }),
    fc.jsonValue({ maxDepth: 2 }).chain((value) => {
      const text = JSON.stringify({ [`${unknownKeyPrefix}a`]: value });
      return fc.integer({ min: 1, max: text.length - 1 }).map((cut) => text.slice(0, cut));
    }),
    fc.constantFrom(
      "{'reason': 'single quotes'}",
      '{"reason": "trailing comma",}',
      "{reason: 1}",
      '{"all": true',
      '{"all": True}',
      '{"value": NaN}',
      '{"value": undefined}',
      "{/* comment */}",
      '{"a":1}}',
      "[1,]",
      "{}{}",
      "nul",
      "\u0000",
      "\uFEFF{'reason': 'bom'}",
      "<xml/>",
      "reason=fuzz",
      "--boundary\r\n",
    ),
  )
  .filter(isNotJson)
  .map((raw) => ({ raw }));

/** Large bodies (up to ≈1 MB): a long string, a long array, or thousands of unknown keys. */
const oversized = fc.oneof(
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 10_000, max: 120_000 }))
    .map(([chunk, times]) => ({ json: { reason: chunk.repeat(times), [`${unknownKeyPrefix}big`]: 1 } })),
  fc
    .integer({ min: 10_000, max: 100_000 })
    .map((length) => ({ json: Array.from({ length }, (_, index) => index) })),
  fc.integer({ min: 1_000, max: 20_000 }).map((keys) => ({
    json: Object.fromEntries(
      Array.from({ length: keys }, (_, index) => [`${unknownKeyPrefix}${index}`, index]),
    ),
  })),
);

/** Deeply nested values, written as text (JSON.stringify itself overflows its stack on them). */
const deeplyNested = fc
  .tuple(
    fc.integer({ min: 100, max: 50_000 }),
    fc.constantFrom("array", "object"),
    fc.constantFrom("top", "unknownKey", "knownKey"),
  )
  .map(([depth, kind, where]) => {
    const nested =
      kind === "array"
        ? `${"[".repeat(depth)}${"]".repeat(depth)}`
        : `${`{"${unknownKeyPrefix}a":`.repeat(depth)}1${"}".repeat(depth)}`;
    if (where === "top") return { raw: nested };
    const key = where === "knownKey" ? "definition" : `${unknownKeyPrefix}deep`;
    return { raw: `{"${key}":${nested},"${unknownKeyPrefix}x":1}` };
  });

/**
 * Bodies that are malformed for ANY strict object schema (or union of them), whatever its fields:
 * JSON that is not an object, objects with at least one unknown key, text that is not JSON,
 * oversized and deeply nested bodies. Every one passes `whyMalformed`.
 */
export function malformedForStrictObject(): fc.Arbitrary<FuzzBody> {
  return fc.oneof(
    { weight: 5, arbitrary: notAnObjectAtAll },
    { weight: 7, arbitrary: objectWithUnknownKey },
    { weight: 5, arbitrary: notJsonText },
    { weight: 1, arbitrary: oversized },
    { weight: 2, arbitrary: deeplyNested },
  ) as fc.Arbitrary<FuzzBody>;
}
