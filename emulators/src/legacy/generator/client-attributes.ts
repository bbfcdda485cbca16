import { weightedTable } from "./prng.js";

/** Shares of the vendor's coded columns, as observed in the real export's shape. */
export const clientTypes = weightedTable<string>([
  ["", 92],
  ["夜市", 2],
  ["學校", 1.5],
  ["市場", 2],
  ["餐車", 1.5],
  ["辦桌", 1],
]);

export const pricingMethods = weightedTable<string>([
  ["桶裝", 62],
  ["流量", 37.5],
  ["桶裝現金", 0.5],
]);

export const paymentMethods = weightedTable<string>([
  ["現金", 51],
  ["月結", 48],
  ["收現", 0.6],
  ["", 0.4],
]);

export const timeSlots = weightedTable<string>([
  ["0", 33],
  ["1", 30],
  ["2", 23],
  ["3", 3],
  ["", 11],
]);

export const vehicles = weightedTable<string>([
  ["1", 83],
  ["2", 15],
  ["0", 1],
  ["", 1],
]);

/** Free text: weekdays joined by dots, "Red"/見紅休 (closed on red calendar days), float artefacts. */
export const closedDays = weightedTable<string>([
  ["", 85],
  ["6", 3],
  ["7", 1.5],
  ["6.7", 3],
  ["1.2.3", 1],
  ["Red", 1.5],
  ["見紅休", 2],
  ["10.20.30", 0.5],
  ["7(初一十五)", 1],
  ["2.2999999999999998", 0.5],
]);

export const creditLimits = [5_000, 10_000, 20_000, 30_000, 50_000] as const;

export const remarks = weightedTable<string | null>([
  ["", 80],
  [null, 8],
  ["後門進", 2],
  ["狗很兇", 2],
  ["放樓梯下", 2],
  ["請先電話聯絡", 3],
  ["空桶放後院", 2],
  ["中午休息勿送", 1],
]);

export type ClientKind = "household" | "business" | "stall";

/** Which kind of customer a client_type implies; untyped clients are split household/business. */
export function kindOfClientType(clientType: string, businessRoll: number): ClientKind {
  if (clientType === "夜市" || clientType === "餐車") return "stall";
  if (clientType !== "") return "business";
  return businessRoll < 0.4 ? "business" : "household";
}
