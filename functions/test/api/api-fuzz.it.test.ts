import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteInfo } from "../../src/http/route.js";
import { someClientCode } from "./api-fixtures.js";
import { type ApiTestStack, startApiTestStack } from "./api-test-stack.js";
import {
  type FieldKind,
  type FuzzBody,
  malformedBody,
  malformedForStrictObject,
  unknownKeyPrefix,
  whyMalformed,
} from "./malformed-bodies.js";
import { settledWriteSnapshot, type WriteSnapshot, writeSnapshot } from "./write-snapshot.js";

/**
 * Every write route of the API — as `GET /v1/routes` lists them, so a route added later is fuzzed
 * without anyone listing it here — gets ≈1,000 generated malformed bodies from an admin (so the
 * body, not the role, is what is refused): only 4xx answers, and nothing written anywhere.
 */
const runsPerRoute = 1_000;
/** The stack's keep-alive agent holds 8 sockets. */
const concurrency = 8;
/** Reproduce a run with FUZZ_SEED=<the seed it printed>. */
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const flagKey = "fuzz-flag";
/** Fits every id pattern outside orders: conflicts (`entity-key-column`) and dead letters. */
const someId = "customer-1-fuzz";

let stack: ApiTestStack;
let code: string;
let orderId: string;
let uid: string;
let writeRoutes: RouteInfo[];
const preconditionTags = new Map<string, string>();
let baseline: WriteSnapshot;

const customerFields: Record<string, FieldKind> = {
  shortName: "string",
  invoiceTitle: "nullableString",
  taxId: "nullableString",
  address: "string",
  phones: "nullableString",
  areaCode: "nullableString",
  customerType: "enum",
  pricingMethod: "enum",
  paymentMethod: "enum",
  cylinders: "object",
  timeSlot: "enum",
  vehicle: "enum",
  closedDays: "object",
  subscription: "boolean",
  sameDay: "boolean",
  terminated: "boolean",
  usage: "object",
  creditLimit: "nullableNumber",
  remark: "nullableString",
};
const orderFields: Record<string, FieldKind> = {
  items: "array",
  // A decimal written as text: any non-string is wrong (a random string could be a valid "12").
  meteredKg: "nullableString",
  emptiesReturned: "number",
  amount: "nullableNumber",
  driverCode: "nullableString",
  urgent: "boolean",
  remark: "nullableString",
  timeSlot: "enum",
  deliveryDate: "nullableString",
  orderDate: "string",
};
const reasonOnly = () => malformedBody({ reason: "fuzz" }, { reason: "string" });
const betaFlag = { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off" };

/**
 * Field-aware generators (a valid base with one field of the wrong type, …) for the routes whose
 * fields they know, by `METHOD path` as the route table names them. Every other write route gets
 * the generic generator only, which is malformed for any strict object schema.
 */
const fieldAware: Record<string, () => fc.Arbitrary<FuzzBody>> = {
  "POST /v1/customers": () =>
    malformedBody(
      { code: "9000001", shortName: "新客戶", address: "臺東縣臺東市中華路一段1號" },
      { ...customerFields, code: "string" },
    ),
  "PATCH /v1/customers/{code}": () => malformedBody({ remark: "fuzz" }, customerFields),
  "POST /v1/customers/{code}/orders": () =>
    malformedBody({ items: [{ sizeKg: 20, quantity: 1 }] }, orderFields),
  "POST /v1/orders/{id}:transition": () => malformedBody({ to: "confirmed" }, { to: "enum" }),
  "POST /v1/migration/customers/{code}:advance": () =>
    malformedBody({ to: "dualwrite", reason: "fuzz" }, { to: "enum", reason: "string" }),
  "POST /v1/migration/customers/{code}:rollback": () =>
    malformedBody({ to: "off", reason: "fuzz" }, { to: "enum", reason: "string" }),
  "POST /v1/sync/verify": () => malformedBody({ customers: ["1000001"] }, { customers: "array" }),
  "POST /v1/sync/conflicts/{id}:resolve": () =>
    malformedBody({ choose: "legacy", reason: "fuzz" }, { choose: "enum", reason: "string" }),
  "POST /v1/sync/dead-letters/{id}:discard": () =>
    malformedBody({ reason: "fuzz reason" }, { reason: "string" }),
  "PUT /v1/flags/{key}": () =>
    malformedBody({ definition: betaFlag, reason: "fuzz" }, { definition: "object", reason: "string" }),
  "POST /v1/flags/{key}:archive": reasonOnly,
  "POST /v1/flags/{key}:kill": reasonOnly,
  "POST /v1/flags/{key}:enable": reasonOnly,
  "POST /v1/flags/{key}:revert": () =>
    malformedBody({ version: 1, reason: "fuzz" }, { version: "number", reason: "string" }),
  "POST /v1/flags/{key}:rollout": () =>
    malformedBody(
      { variant: "on", percentage: 10, reason: "fuzz" },
      { variant: "string", percentage: "number", reason: "string" },
    ),
  "POST /v1/flags/{key}:weights": () =>
    malformedBody({ weights: { on: 50, off: 50 }, reason: "fuzz" }, { weights: "object", reason: "string" }),
  "POST /v1/flags/{key}:targeting": () =>
    malformedBody(
      { variant: "on", add: ["1000001"], reason: "fuzz" },
      { variant: "string", add: "array", remove: "array", reason: "string" },
    ),
  "PUT /v1/users/{uid}/role": () =>
    malformedBody({ role: "viewer", reason: "fuzz" }, { role: "nullableEnum", reason: "string" }),
};

const nameOf = (route: RouteInfo) => `${route.method} ${route.path}`;

/** Write routes: every method but GET, except the OFREP evaluations (POSTs that only read). */
const isWriteRoute = (route: RouteInfo) => route.method !== "GET" && !route.path.startsWith("/ofrep/");

/** Real records where the route acts on one, so that the path is never what is refused. */
function paramValue(name: string, path: string): string {
  switch (name) {
    case "code":
      return code;
    case "id":
      if (path.startsWith("/v1/waves/")) return "w00000000-fuzz00"; // well-formed: the body is what is refused
      return path.startsWith("/v1/orders/") ? orderId : someId;
    case "key":
      return flagKey;
    case "uid":
      return uid;
    default:
      // A new parameter: syntactically plausible; the probe below tells if the path refuses it.
      return "fuzz-1";
  }
}

const pathOf = (route: RouteInfo) =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(paramValue(name, route.path)));

interface Sample extends FuzzBody {
  generic: boolean;
}

function bodiesFor(route: RouteInfo): fc.Arbitrary<Sample> {
  const generic = malformedForStrictObject().map((body) => ({ ...body, generic: true }));
  const known = fieldAware[nameOf(route)];
  if (!known) return generic;
  return fc.oneof(
    { weight: 3, arbitrary: known().map((body) => ({ ...body, generic: false })) },
    { weight: 1, arbitrary: generic },
  );
}

function describeBody(body: FuzzBody): string {
  const text =
    body.raw !== undefined ? `raw ${JSON.stringify(body.raw.slice(0, 200))}` : JSON.stringify(body.json);
  const length = body.raw?.length ?? JSON.stringify(body.json).length;
  return length > 300 ? `${text.slice(0, 300)}… (${length} chars)` : text;
}

beforeAll(async () => {
  stack = await startApiTestStack("fuzz");
  const admin = stack.tokens.admin;
  code = await someClientCode(stack.legacy, 1);
  const order = await stack.call("POST", `/v1/customers/${code}/orders`, {
    token: admin,
    body: { meteredKg: "3" },
  });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  orderId = (order.body as { id: string }).id;
  const flag = await stack.call("PUT", `/v1/flags/${flagKey}`, {
    token: admin,
    headers: { "if-none-match": "*" },
    body: { definition: betaFlag, reason: "fuzz test setup" },
  });
  expect(flag.status, JSON.stringify(flag.body)).toBe(201);
  const me = await stack.call("GET", "/v1/me", { token: stack.tokens.viewer });
  uid = me.status === 200 ? (me.body as { uid: string }).uid : "fuzz-uid";

  const table = await stack.call("GET", "/v1/routes", { token: admin });
  expect(table.status, JSON.stringify(table.body)).toBe(200);
  writeRoutes = (table.body as { routes: RouteInfo[] }).routes.filter(isWriteRoute);

  // If-Match: the current ETag of the record the route edits (the customer, the order, the flag),
  // so only the body can be what is refused; a syntactically valid tag where there is none to read
  // (the router validates the body before it evaluates the precondition).
  for (const route of writeRoutes.filter((candidate) => candidate.precondition !== undefined)) {
    const resource = pathOf(route).replace(/:[A-Za-z]+$/, "");
    const read = await stack.call("GET", resource, { token: admin });
    preconditionTags.set(nameOf(route), (read.status === 200 && read.headers.get("etag")) || '"fuzz"');
  }
  // After every setup write (and the read comparisons the GETs record).
  baseline = await settledWriteSnapshot(stack.legacy, stack.db);
});

afterAll(async () => {
  await stack?.stop();
});

describe("every write route of the API", () => {
  it(
    `answers ${runsPerRoute} malformed bodies per route with 4xx and writes nothing`,
    async () => {
      expect(writeRoutes.length).toBeGreaterThan(0);
      const names = new Set(writeRoutes.map(nameOf));
      for (const known of Object.keys(fieldAware)) {
        expect
          .soft(names.has(known), `${known} has a field-aware generator but is not in GET /v1/routes`)
          .toBe(true);
      }
      console.log(`fuzz seed ${seed} (FUZZ_SEED=${seed} reproduces the bodies)`);
      console.log(
        `nothing written is checked on ${Object.keys(baseline.tables).length} tables (${Object.keys(baseline.tables).join(", ")}),`,
        `${Object.keys(baseline.sequences).length} sequences and ${Object.keys(baseline.collections).length} Firestore collections`,
        baseline.collections,
        "; If-Match sent:",
        Object.fromEntries(preconditionTags),
      );
      const started = performance.now();
      let total = 0;
      for (const [index, route] of writeRoutes.entries()) {
        const name = nameOf(route);
        const path = pathOf(route);
        const tag = preconditionTags.get(name);
        const headers = tag === undefined ? undefined : { "if-match": tag };
        const send = (body: FuzzBody) =>
          stack.call(route.method, path, {
            token: stack.tokens.admin,
            headers,
            ...(body.raw !== undefined ? { rawBody: body.raw } : { body: body.json }),
          });

        // The probe: a body with only an unknown key is refused by the body's validation — not by the
        // path, the role or the precondition — so the fuzzing below really exercises the body.
        const probe = await send({ json: { [`${unknownKeyPrefix}probe`]: true } });
        const probeErrors = (probe.body as { errors?: { path: string }[] } | undefined)?.errors ?? [];
        expect
          .soft(
            probe.status === 400 && probeErrors.some((error) => error.path.startsWith("body")),
            `${name}: a body with an unknown key should be a 400 on the body, got ${probe.status} ${JSON.stringify(probe.body)}`,
          )
          .toBe(true);

        const samples = fc.sample(bodiesFor(route), { numRuns: runsPerRoute, seed: seed + index });
        for (const sample of samples.filter((candidate) => candidate.generic)) {
          // By construction; checked anyway, since a valid body would really be written.
          expect(
            whyMalformed(sample),
            `generated a possibly valid body: ${describeBody(sample)}`,
          ).toBeDefined();
        }
        const statuses = new Map<number, number>();
        const wrong: string[] = [];
        const routeStarted = performance.now();
        let next = 0;
        const worker = async () => {
          while (next < samples.length) {
            const body = samples[next++] as Sample;
            const answer = await send(body);
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            if ((answer.status < 400 || answer.status >= 500) && wrong.length < 5) {
              wrong.push(
                `${answer.status} for ${describeBody(body)} → ${JSON.stringify(answer.body)?.slice(0, 300)}`,
              );
            }
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
        total += samples.length;
        const seconds = (performance.now() - routeStarted) / 1000;
        console.log(
          `${name}: ${samples.length} malformed bodies in ${seconds.toFixed(1)} s (${(samples.length / seconds).toFixed(0)} req/s) →`,
          Object.fromEntries(statuses),
        );
        expect.soft(wrong, `${name} answered a malformed body with a non-4xx status`).toEqual([]);

        const after = await writeSnapshot(stack.legacy, stack.db);
        expect.soft(after, `${name} wrote something for a malformed body`).toEqual(baseline);
        // The next route is compared on its own (a write found here is reported once, here).
        baseline = after;
      }
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `fuzzed ${writeRoutes.length} write routes with ${total} malformed bodies in ${seconds.toFixed(0)} s:`,
        writeRoutes.map(nameOf).join(", "),
      );
    },
    30 * 60_000,
  );
});
