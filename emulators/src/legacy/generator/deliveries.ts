import type { LegacyDeliveryRow } from "../../../../functions/src/legacy/legacy-rows.js";
import { dailyOrderCount } from "./calendar.js";
import type { ClientSampler } from "./client-sampler.js";
import type { ClientProfile } from "./clients.js";
import { driverCode, driverCount } from "./drivers.js";
import { firstOrderDay, lastOrderDay, type SeedPlan } from "./plan.js";
import { createPrng, type Prng, pickWeighted, weightedTable } from "./prng.js";
import { type CylinderSize, cylinderSizes, cylinderUnitPrice, meteredPricePerKg } from "./products.js";
import { rocDate, rocTime } from "./roc-date.js";
import { deliveryStatusTable } from "./statuses.js";

const deliveryRemarks = weightedTable<string | null>([
  ["", 90],
  [null, 5],
  ["改下午送", 2],
  ["順便收款", 2],
  ["空桶放門口", 1],
]);

/** Cylinders swapped per size: never more than the client holds, at least one in total. */
function quantities(prng: Prng, client: ClientProfile): Record<CylinderSize, number> {
  const held = cylinderSizes.filter((size) => client.bySize[size] > 0);
  const quantity: Record<CylinderSize, number> = { 50: 0, 20: 0, 16: 0, 10: 0, 4: 0 };
  for (const size of held) quantity[size] = prng.chance(0.7) ? prng.int(1, client.bySize[size]) : 0;
  const primary = held[0] ?? 20;
  if (held.every((size) => quantity[size] === 0))
    quantity[primary] = prng.int(1, Math.max(1, client.bySize[primary]));
  return quantity;
}

/** Tax-included NT$: cylinders × unit price, or metered kg × the per-kg price of the largest size held. */
function pricing(prng: Prng, client: ClientProfile, quantity: Record<CylinderSize, number>) {
  const kgSwapped = cylinderSizes.reduce((kg, size) => kg + size * quantity[size], 0);
  if (!client.metered) {
    const amount = cylinderSizes.reduce((sum, size) => sum + cylinderUnitPrice[size] * quantity[size], 0);
    return { flowKg: null, amount };
  }
  const flowKg = Math.round(kgSwapped * (0.45 + 0.5 * prng.next()) * 10) / 10;
  const pricedSize = cylinderSizes.find((size) => client.bySize[size] > 0) ?? 20;
  return { flowKg: flowKg.toFixed(1), amount: Math.round(flowKg * meteredPricePerKg[pricedSize]) };
}

function deliveryOffset(prng: Prng, client: ClientProfile): number {
  if (client.sameDay) return 0;
  const roll = prng.next();
  return roll < 0.6 ? 0 : roll < 0.9 ? 1 : 2;
}

function generateDelivery(
  prng: Prng,
  day: number,
  sequence: number,
  client: ClientProfile,
): LegacyDeliveryRow {
  const quantity = quantities(prng, client);
  const { flowKg, amount } = pricing(prng, client, quantity);
  const deliveryDay = day + deliveryOffset(prng, client);
  const status = pickWeighted(prng, deliveryStatusTable(lastOrderDay - day));
  const swapped = cylinderSizes.reduce((count, size) => count + quantity[size], 0);
  const delivered = status === "05";
  return {
    delivery_no: `D${rocDate(day)}${String(sequence).padStart(4, "0")}`,
    client_code: client.code,
    order_date: rocDate(day),
    delivery_date: rocDate(deliveryDay),
    time_slot: prng.chance(0.9) ? client.timeSlot : prng.pick(["0", "1", "2"]),
    qty_50: quantity[50],
    qty_20: quantity[20],
    qty_16: quantity[16],
    qty_10: quantity[10],
    qty_4: quantity[4],
    flow_kg: flowKg,
    empties_returned: delivered ? (prng.chance(0.85) ? swapped : prng.int(0, swapped)) : 0,
    amount,
    status,
    // Drafts and unconfirmed orders have no driver yet.
    driver_code: status === "01" || status === "02" ? "" : driverCode(prng.int(0, driverCount - 1)),
    urgent: prng.chance(0.03) ? "V" : "",
    remark: status === "07" ? "客戶不在" : pickWeighted(prng, deliveryRemarks),
    upd_date: rocDate(Math.min(deliveryDay, lastOrderDay)),
    upd_time: rocTime(prng.int(6 * 3600, 20 * 3600)),
  };
}

/** All orders taken on firstOrderDay + batchNo, numbered by their daily sequence. */
export function generateDeliveryBatch(
  plan: SeedPlan,
  sampler: ClientSampler,
  batchNo: number,
): LegacyDeliveryRow[] {
  const day = firstOrderDay + batchNo;
  const prng = createPrng(plan.seed, "deliveries", day);
  const count = dailyOrderCount(plan.seed, plan.scale, day);
  const rows: LegacyDeliveryRow[] = [];
  for (let sequence = 1; sequence <= count; sequence += 1) {
    rows.push(generateDelivery(prng, day, sequence, sampler.pick(prng, day)));
  }
  return rows;
}
