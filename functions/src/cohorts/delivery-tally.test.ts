import { describe, expect, it } from "vitest";
import { classifyDeliveryRow } from "../legacy/mapping/classify.js";
import { sampleDeliveryRow } from "../legacy/mapping/legacy-fixtures.js";
import { DeliveryTally } from "./delivery-tally.js";

const tallied = (rows: Parameters<typeof sampleDeliveryRow>[0][]) => {
  const tally = new DeliveryTally("2025-09-01");
  for (const row of rows) {
    const raw = sampleDeliveryRow(row);
    tally.add(
      classifyDeliveryRow(raw, () => true),
      raw.client_code,
    );
  }
  return tally.of("0100001");
};

describe("DeliveryTally", () => {
  it("counts deliveries on or after the window's first day, by delivery date or else order date", () => {
    const facts = tallied([
      { delivery_no: "D1", status: "05", delivery_date: "1140901", amount: 1000 },
      { delivery_no: "D2", status: "05", delivery_date: "1140831", amount: 5000 },
      { delivery_no: "D3", status: "05", delivery_date: null, order_date: "1141001", amount: 700 },
    ]);
    expect(facts).toMatchObject({ deliveries90d: 2, orderValue90d: 1700 });
  });

  it("leaves cancelled orders and credits out of the figures", () => {
    const facts = tallied([
      { delivery_no: "D1", status: "06", delivery_date: "1141001", amount: 900 },
      { delivery_no: "D2", status: "05", delivery_date: "1141001", amount: -300 },
    ]);
    expect(facts).toMatchObject({ deliveries90d: 1, orderValue90d: 0, hasActiveOrder: false });
  });

  it.each([
    ["02", true],
    ["03", true],
    ["04", true],
    ["05", false],
    ["07", false],
  ])("status %s is an active order: %s, whatever its date", (status, active) => {
    expect(tallied([{ status, delivery_date: "1100101" }]).hasActiveOrder).toBe(active);
  });

  it("marks a customer with a delivery row the import rejects", () => {
    expect(tallied([{ status: "99" }]).hasRejectedDelivery).toBe(true);
    expect(tallied([{ status: "05" }]).hasRejectedDelivery).toBe(false);
  });

  it("answers no deliveries for a customer it never saw", () => {
    expect(new DeliveryTally("2025-09-01").of("0999999")).toEqual({
      deliveries90d: 0,
      orderValue90d: 0,
      hasActiveOrder: false,
      hasRejectedDelivery: false,
    });
  });
});
