import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiTestStack, startApiTestStack } from "../api/api-test-stack.js";

/**
 * Cohorts through the API, over generated legacy data: the candidate facts are read from the
 * vendor's tables, stored cohorts claim their members in Firestore, and a second cohort is drawn
 * around the first.
 */
let stack: ApiTestStack;
let customersInLegacy: number;

beforeAll(async () => {
  stack = await startApiTestStack("cohorts", { scale: 1 });
  const counted = await stack.legacy.query(
    "SELECT count(*)::int AS n FROM clients WHERE client_code ~ '^[0-9]{7}$'",
  );
  customersInLegacy = (counted.rows[0] as { n: number }).n;
});

afterAll(async () => {
  await stack?.stop();
});

interface ExclusionCount {
  rule: string;
  excluded: number;
  matched: number;
}
interface Member {
  customerCode: string;
  stratum: string;
  pinned: boolean;
}
interface Drawn {
  asOf: string;
  outcome: string;
  members: Member[];
  report: { cohortSize: number; populationSize: number; seed: number; chiSquare: { pValue: number } };
  excluded: { rules: ExclusionCount[]; total: number };
}

async function preview(body: unknown, token = stack.tokens.viewer): Promise<Drawn> {
  const answer = await stack.call("POST", "/v1/cohorts:preview", { token, body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as Drawn;
}

async function allMembers(id: string): Promise<string[]> {
  const codes: string[] = [];
  let token: string | null = null;
  do {
    const query: string = token ? `&pageToken=${encodeURIComponent(token)}` : "";
    const page = await stack.call("GET", `/v1/cohorts/${id}/members?pageSize=2${query}`, {
      token: stack.tokens.viewer,
    });
    expect(page.status).toBe(200);
    const body = page.body as { items: Member[]; nextPageToken: string | null };
    codes.push(...body.items.map((item) => item.customerCode));
    token = body.nextPageToken;
  } while (token);
  return codes;
}

describe("cohorts over the legacy register", () => {
  let firstId = "";
  let firstMembers: string[] = [];

  it("previews a 1% cohort: exact size of the eligible customers, every customer counted once", async () => {
    const drawn = await preview({ percent: 1, seed: 5 });
    expect(drawn.outcome).toBe("accepted");
    expect(drawn.report.cohortSize).toBe(Math.max(1, Math.round(drawn.report.populationSize / 100)));
    expect(drawn.members).toHaveLength(drawn.report.cohortSize);
    expect(drawn.report.populationSize + drawn.excluded.total).toBe(customersInLegacy);
    // The generated register has terminated customers, debtors and open orders: each rule bites.
    for (const rule of ["terminated", "overCreditLimit", "activeOrder"]) {
      expect(drawn.excluded.rules.find((counted) => counted.rule === rule)?.matched, rule).toBeGreaterThan(0);
    }
    // Same seed, same data: the same cohort (only the time the data was read differs).
    const again = await preview({ percent: 1, seed: 5 });
    expect({ ...again, asOf: undefined }).toEqual({ ...drawn, asOf: undefined });
    expect((await stack.call("GET", "/v1/cohorts", { token: stack.tokens.viewer })).body).toEqual({
      items: [],
    });
  });

  it("lets only an admin create one, stores what the preview showed, and audits it", async () => {
    const body = { percent: 1, seed: 5, reason: "pilot wave 1" };
    const expected = await preview(body);
    const byOperator = await stack.call("POST", "/v1/cohorts", { token: stack.tokens.operator, body });
    expect(byOperator.status).toBe(403);
    const created = await stack.call("POST", "/v1/cohorts", { token: stack.tokens.admin, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const cohort = created.body as { id: string; size: number; status: string; report: unknown };
    expect(created.headers.get("location")).toBe(`/v1/cohorts/${cohort.id}`);
    expect(cohort).toMatchObject({ size: expected.members.length, status: "ready", report: expected.report });
    firstId = cohort.id;
    firstMembers = await allMembers(cohort.id);
    expect(firstMembers).toEqual(expected.members.map((member) => member.customerCode).sort());
    const stored = await stack.call("GET", `/v1/cohorts/${cohort.id}`, { token: stack.tokens.viewer });
    expect(stored.body).toMatchObject({
      id: cohort.id,
      request: { percent: 1, seed: 5 },
      createdBy: { uid: expect.any(String) },
    });
    const audit = await stack.call("GET", `/v1/audit?entity=cohort&key=${cohort.id}`, {
      token: stack.tokens.admin,
    });
    expect((audit.body as { items: { action: string; reason: string }[] }).items).toEqual([
      expect.objectContaining({ action: "create", reason: "pilot wave 1" }),
    ]);
  });

  it("draws the next cohort around the members of the first", async () => {
    const next = await preview({ percent: 5, seed: 5 });
    const rule = next.excluded.rules.find((counted) => counted.rule === "otherCohortOrWave");
    expect(rule?.matched).toBe(firstMembers.length);
    const overlap = next.members.filter((member) => firstMembers.includes(member.customerCode));
    expect(overlap).toEqual([]);
    const listed = await stack.call("GET", "/v1/cohorts", { token: stack.tokens.viewer });
    expect((listed.body as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([firstId]);
  });

  it("refuses a cohort outside its limits with the broken limits named, and stores nothing", async () => {
    // No draw of 12 customers matches the register's means to 0.0001 standard deviations.
    const body = { count: 12, limits: { maxSmd: 0.0001 } };
    const refused = await stack.call("POST", "/v1/cohorts", { token: stack.tokens.admin, body });
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect((refused.body as { errors: { path: string }[] }).errors.map((error) => error.path)).toContain(
      "body.limits.maxSmd",
    );
    const listed = await stack.call("GET", "/v1/cohorts", { token: stack.tokens.viewer });
    expect((listed.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it("refuses a pinned volunteer an exclusion rule takes, naming the customer and the rule", async () => {
    const answer = await stack.call("POST", "/v1/cohorts:preview", {
      token: stack.tokens.viewer,
      body: { count: 5, include: [firstMembers[0]] },
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain(firstMembers[0]);
    expect(JSON.stringify(answer.body)).toContain("otherCohortOrWave");
  });
});
