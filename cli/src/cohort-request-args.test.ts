import { describe, expect, it } from "vitest";
import { cohortRequestArgs } from "./cohort-request-args.js";

const parse = (values: Record<string, unknown>, positionals: string[] = []) =>
  cohortRequestArgs.safeParse({ values, positionals });
const firstIssue = (values: Record<string, unknown>) => {
  const parsed = parse(values);
  return parsed.success
    ? undefined
    : { path: parsed.error.issues[0]?.path, message: parsed.error.issues[0]?.message };
};

describe("cohortRequestArgs", () => {
  it("sends only what was given: the API's defaults stay the API's", () => {
    expect(parse({ percent: "1" })).toEqual({ success: true, data: { percent: 1 } });
    expect(parse({ count: "50", seed: "-3" })).toEqual({ success: true, data: { count: 50, seed: -3 } });
  });

  it("maps every option to its field of the request", () => {
    const parsed = parse({
      count: "20",
      strata: "area, clientType",
      allow: ["activeOrder", "terminated,importRejected"],
      deny: ["0000001,0000002"],
      include: ["0000003", "0000004"],
      limit: ["maxSmd=0.2", "maxDeviationPp=3"],
      force: true,
      reason: "volunteers first",
    });
    expect(parsed.data).toEqual({
      count: 20,
      strata: ["area", "clientType"],
      exclude: { activeOrder: false, terminated: false, importRejected: false, deny: ["0000001", "0000002"] },
      include: ["0000003", "0000004"],
      limits: { maxSmd: 0.2, maxDeviationPp: 3 },
      force: true,
      reason: "volunteers first",
    });
  });

  it("refuses what the API would refuse, naming the option", () => {
    expect(firstIssue({})).toEqual({
      path: ["values", "percent"],
      message: "give the size with --percent or --count (one of them)",
    });
    expect(firstIssue({ percent: "150" })).toEqual({
      path: ["values", "percent"],
      message: "percent is at most 100",
    });
    expect(firstIssue({ count: "1.5" })).toMatchObject({ path: ["values", "count"] });
    expect(firstIssue({ count: "5", include: ["12"] })).toEqual({
      path: ["values", "include"],
      message: "customer code is 7 digits",
    });
    expect(firstIssue({ count: "5", deny: ["0000001", "0000001"] })).toMatchObject({
      path: ["values", "deny"],
    });
    expect(firstIssue({ count: "5", force: true })).toEqual({
      path: ["values", "reason"],
      message: "say why the cohort is forced",
    });
    expect(firstIssue({ count: "5", strata: "area,colour" })).toMatchObject({
      path: ["values", "strata", 1],
    });
    expect(firstIssue({ count: "5", allow: ["deny"] })).toMatchObject({ path: ["values", "allow", 0] });
    expect(firstIssue({ count: "5", limit: ["maxSmd"] })).toEqual({
      path: ["values", "limit"],
      message: '"maxSmd" is not name=number',
    });
    expect(firstIssue({ count: "5", limit: ["tightness=1"] })).toMatchObject({ path: ["values", "limit"] });
    expect(parse({ count: "5" }, ["extra"]).success).toBe(false);
  });
});
