import { describe, expect, it } from "vitest";
import { classifyClientRow } from "../legacy/mapping/classify.js";
import { sampleClientRow } from "../legacy/mapping/legacy-fixtures.js";
import { candidateFactsOf } from "./candidate-facts-of.js";
import { noDeliveries } from "./delivery-tally.js";

const activity = { deliveries90d: 4, orderValue90d: 3_200, hasActiveOrder: true, hasRejectedDelivery: false };

describe("candidateFactsOf", () => {
  it("reads strata and money from the mapped customer, activity from the tally", () => {
    const verdict = classifyClientRow(
      sampleClientRow({ balance: 1200, credit_limit: 5000, monthly_kg: "42.5" }),
    );
    if (verdict.outcome === "rejected") throw new Error("the sample row should import");
    expect(candidateFactsOf(verdict, activity)).toEqual({
      customerCode: verdict.record.code,
      area: verdict.record.area.code,
      clientType: verdict.record.customerType,
      pricingMethod: verdict.record.pricingMethod,
      terminated: false,
      balance: 1200,
      creditLimit: 5000,
      rejectedByImport: false,
      monthlyKg: 42.5,
      deliveries90d: 4,
      orderValue90d: 3_200,
      hasActiveOrder: true,
    });
  });

  it("counts a customer whose delivery history the import rejects in part as rejected", () => {
    const verdict = classifyClientRow(sampleClientRow());
    expect(candidateFactsOf(verdict, { ...activity, hasRejectedDelivery: true })?.rejectedByImport).toBe(
      true,
    );
  });

  it("keeps a rejected clients row as a rejected candidate, and drops a row without a customer code", () => {
    const rejected = classifyClientRow({ ...sampleClientRow({ client_code: "0100009" }), short_name: 42 });
    expect(rejected.outcome).toBe("rejected");
    expect(candidateFactsOf(rejected, noDeliveries())).toMatchObject({
      customerCode: "0100009",
      rejectedByImport: true,
      area: null,
    });
    const nameless = classifyClientRow({ ...sampleClientRow({ client_code: "X1" }), short_name: 42 });
    expect(candidateFactsOf(nameless, noDeliveries())).toBeNull();
  });

  it("reads an unreadable or negative monthly kg as 0", () => {
    const verdict = classifyClientRow(sampleClientRow({ monthly_kg: "-3.0" }));
    if (verdict.outcome === "rejected") throw new Error("the sample row should import");
    expect(candidateFactsOf(verdict, noDeliveries())?.monthlyKg).toBe(0);
  });
});
