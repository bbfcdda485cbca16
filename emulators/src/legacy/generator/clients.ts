import {
  type CylinderColumn,
  cylinderColumns,
  type LegacyClientRow,
} from "../../../../functions/src/legacy/legacy-rows.js";
import { legacyAddress } from "./addresses.js";
import { pickArea } from "./areas.js";
import * as attributes from "./client-attributes.js";
import { heldKg, holdingsBySize, pickHoldings } from "./cylinders.js";
import { clientShortName, invoiceTitle } from "./names.js";
import { legacyPhone } from "./phones.js";
import { clientBatchSize, firstOrderDay, historyDays, lastOrderDay, type SeedPlan } from "./plan.js";
import { createPrng, type Prng, pickWeighted } from "./prng.js";
import type { CylinderSize } from "./products.js";
import { rocDate, rocTime } from "./roc-date.js";
import { clientTaxIdentity } from "./tax-identity.js";

/** What delivery generation needs to know about a client, kept small so 75,000 of them fit easily. */
export interface ClientProfile {
  code: string;
  metered: boolean;
  bySize: Record<CylinderSize, number>;
  timeSlot: string;
  sameDay: boolean;
  /** Relative order frequency (≈ deliveries per day). */
  weight: number;
  activeFrom: number;
  activeUntil: number;
}

export interface ClientBatch {
  rows: LegacyClientRow[];
  profiles: ClientProfile[];
}

/** Codes rise with the index but are not contiguous, like a register where codes were retired. */
function clientCode(prng: Prng, index: number): string {
  return String(1_000_000 + index * 7 + prng.int(0, 6));
}

function cylinderFields(holdings: Partial<Record<CylinderColumn, number>>, unusedAsNull: boolean) {
  const fields = {} as Record<CylinderColumn, number | null>;
  for (const column of cylinderColumns) fields[column] = holdings[column] ?? (unusedAsNull ? null : 0);
  return fields;
}

function money(prng: Prng, paymentMethod: string): { credit_limit: number | null; balance: number | null } {
  if (paymentMethod === "月結") {
    const limit = prng.pick(attributes.creditLimits);
    return { credit_limit: limit, balance: Math.round((prng.next() * limit * 0.8) / 10) * 10 };
  }
  if (prng.chance(0.05)) return { credit_limit: null, balance: null };
  // A few cash customers prepaid (negative) or owe for a failed collection.
  const balance = prng.chance(0.03) ? prng.int(-30, 30) * 100 : 0;
  return { credit_limit: 0, balance };
}

function generateClient(prng: Prng, index: number): { row: LegacyClientRow; profile: ClientProfile } {
  const code = clientCode(prng, index);
  const clientType = pickWeighted(prng, attributes.clientTypes);
  const kind = attributes.kindOfClientType(clientType, prng.next());
  const shortName = clientShortName(prng, kind !== "household");
  const { area, township } = pickArea(prng);
  const pricingMethod = pickWeighted(prng, attributes.pricingMethods);
  const paymentMethod = pickWeighted(prng, attributes.paymentMethods);
  const holdings = pickHoldings(prng, kind);
  const dailyKg =
    (kind === "business" ? 0.05 + prng.next() * 0.15 : 0.02 + prng.next() * 0.04) * heldKg(holdings);
  const timeSlot = pickWeighted(prng, attributes.timeSlots);
  const sameDay = prng.chance(0.05);
  const terminated = prng.chance(0.01);
  const activeFrom = prng.chance(0.85) ? firstOrderDay : prng.int(firstOrderDay, lastOrderDay);
  const activeUntil = terminated ? prng.int(activeFrom, lastOrderDay) : lastOrderDay;
  const row: LegacyClientRow = {
    client_code: code,
    short_name: shortName,
    ...clientTaxIdentity(prng, shortName, invoiceTitle),
    address: legacyAddress(prng, township).address,
    phone: legacyPhone(prng),
    area,
    client_type: clientType,
    pricing_method: pricingMethod,
    payment_method: paymentMethod,
    ...cylinderFields(holdings, prng.chance(0.15)),
    time_slot: timeSlot,
    vehicle: pickWeighted(prng, attributes.vehicles),
    closed_days: pickWeighted(prng, attributes.closedDays),
    subscription: prng.chance(0.25) ? "V" : "",
    same_day: sameDay ? "V" : "",
    terminated: terminated ? "V" : "",
    avg_daily_kg: dailyKg.toFixed(2),
    max_cycle_days: Math.min(90, Math.max(7, Math.round(heldKg(holdings) / dailyKg))),
    can_delay_days: prng.int(0, 5),
    monthly_kg: (dailyKg * 30).toFixed(1),
    ...money(prng, paymentMethod),
    remark: pickWeighted(prng, attributes.remarks),
    upd_date: rocDate(prng.int(firstOrderDay, firstOrderDay + historyDays - 1)),
    upd_time: rocTime(prng.int(7 * 3600, 19 * 3600)),
  };
  const bySize = holdingsBySize(holdings);
  const profile = {
    code,
    metered: pricingMethod === "流量",
    bySize,
    timeSlot,
    sameDay,
    // A delivery refills roughly 60% of what the client holds.
    weight: dailyKg / (0.6 * heldKg(holdings)),
    activeFrom,
    activeUntil,
  };
  return { row, profile };
}

/** Clients [batchNo × 1000, …) from their own stream: any batch can be regenerated alone. */
export function generateClientBatch(plan: SeedPlan, batchNo: number): ClientBatch {
  const prng = createPrng(plan.seed, "clients", batchNo);
  const first = batchNo * clientBatchSize;
  const last = Math.min(plan.clientCount, first + clientBatchSize);
  const batch: ClientBatch = { rows: [], profiles: [] };
  for (let index = first; index < last; index += 1) {
    const { row, profile } = generateClient(prng, index);
    batch.rows.push(row);
    batch.profiles.push(profile);
  }
  return batch;
}

/** Every client's profile, regenerated batch by batch (rows are dropped as soon as they're made). */
export function allClientProfiles(plan: SeedPlan): ClientProfile[] {
  const profiles: ClientProfile[] = [];
  for (let batchNo = 0; batchNo < plan.clientBatches; batchNo += 1) {
    profiles.push(...generateClientBatch(plan, batchNo).profiles);
  }
  return profiles;
}
