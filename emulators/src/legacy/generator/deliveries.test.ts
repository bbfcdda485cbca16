import { describe, expect, it } from "vitest";
import { legacyDeliveryRowSchema } from "../../../../functions/src/legacy/legacy-rows.js";
import { dailyOrderCount } from "./calendar.js";
import { ClientSampler } from "./client-sampler.js";
import { allClientProfiles } from "./clients.js";
import { generateDeliveryBatch } from "./deliveries.js";
import { firstOrderDay, historyDays, lastOrderDay, seedPlan } from "./plan.js";
import { cylinderUnitPrice, meteredPricePerKg } from "./products.js";
import { rocDate } from "./roc-date.js";

const plan = seedPlan({ seed: 3, scale: 1 });
const profiles = allClientProfiles(plan);
const profileByCode = new Map(profiles.map((profile) => [profile.code, profile]));
const sampler = new ClientSampler(profiles);

function totalOrders(scale: number): { total: number; max: number } {
  const counts = Array.from({ length: historyDays }, (_, offset) =>
    dailyOrderCount(3, scale, firstOrderDay + offset),
  );
  return { total: counts.reduce((a, b) => a + b, 0), max: Math.max(...counts) };
}

describe("daily order counts", () => {
  it("total ≈200,000 over three years at scale 1, with peaks near 500", () => {
    const { total, max } = totalOrders(1);
    expect(total).toBeGreaterThan(190_000);
    expect(total).toBeLessThan(210_000);
    expect(max).toBeGreaterThan(440);
    expect(max).toBeLessThan(580);
  });

  it("scale multiplies the volume", () => {
    const { total } = totalOrders(10);
    expect(total).toBeGreaterThan(1_900_000);
    expect(total).toBeLessThan(2_100_000);
  });
});

describe("a day's deliveries", () => {
  const batchNo = 400;
  const rows = generateDeliveryBatch(plan, sampler, batchNo);

  it("are byte-identical when regenerated, and differ for another seed", () => {
    expect(JSON.stringify(generateDeliveryBatch(plan, sampler, batchNo))).toBe(JSON.stringify(rows));
    const other = seedPlan({ seed: 4, scale: 1 });
    const otherRows = generateDeliveryBatch(other, new ClientSampler(allClientProfiles(other)), batchNo);
    expect(JSON.stringify(otherRows)).not.toBe(JSON.stringify(rows));
  });

  it("are numbered D + ROC order date + daily sequence", () => {
    const day = rocDate(firstOrderDay + batchNo);
    expect(rows).toHaveLength(dailyOrderCount(plan.seed, plan.scale, firstOrderDay + batchNo));
    rows.forEach((row, index) => {
      legacyDeliveryRowSchema.parse(row);
      expect(row.delivery_no).toBe(`D${day}${String(index + 1).padStart(4, "0")}`);
      expect(row.order_date).toBe(day);
    });
  });

  it("swap no more cylinders than the client holds and charge the list price", () => {
    for (const row of rows) {
      const client = profileByCode.get(row.client_code);
      if (!client) throw new Error(`unknown client ${row.client_code}`);
      const qty = {
        50: row.qty_50 ?? 0,
        20: row.qty_20 ?? 0,
        16: row.qty_16 ?? 0,
        10: row.qty_10 ?? 0,
        4: row.qty_4 ?? 0,
      };
      for (const size of [50, 20, 16, 10, 4] as const)
        expect(qty[size]).toBeLessThanOrEqual(client.bySize[size]);
      expect(Object.values(qty).some((count) => count > 0)).toBe(true);
      if (client.metered) {
        const size = ([50, 20, 16, 10, 4] as const).find((candidate) => client.bySize[candidate] > 0) ?? 20;
        expect(row.amount).toBe(Math.round(Number(row.flow_kg) * meteredPricePerKg[size]));
      } else {
        const expected = (Object.entries(qty) as [string, number][]).reduce(
          (sum, [size, count]) => sum + cylinderUnitPrice[Number(size) as 50 | 20 | 16 | 10 | 4] * count,
          0,
        );
        expect(row.flow_kg).toBeNull();
        expect(row.amount).toBe(expected);
      }
    }
  });

  it("are settled on old days and still in the workflow on the last day", () => {
    const old = rows.map((row) => row.status);
    expect(old.filter((status) => status === "05").length / old.length).toBeGreaterThan(0.9);
    expect(old.every((status) => ["05", "06", "07"].includes(status ?? ""))).toBe(true);
    const last = generateDeliveryBatch(plan, sampler, lastOrderDay - firstOrderDay).map((row) => row.status);
    for (const open of ["01", "02", "03", "04"]) expect(last).toContain(open);
  });
});
