import { deliveriesPerDayPerUnitScale, firstOrderDay, historyDays } from "./plan.js";
import { createPrng } from "./prng.js";
import { dateOfEpochDay, epochDay, weekday } from "./roc-date.js";

/** 春節 (Lunar New Year's day) in and around the generated window. */
const lunarNewYears = [
  epochDay(2023, 1, 22),
  epochDay(2024, 2, 10),
  epochDay(2025, 1, 29),
  epochDay(2026, 2, 17),
];

/** Winter peaks in mid-January (cold nights, hot pot); summer is quiet. */
function seasonalFactor(day: number): number {
  const date = dateOfEpochDay(day);
  const dayOfYear = (day - epochDay(date.getUTCFullYear(), 1, 1)) / 365.25;
  return 1 + 0.3 * Math.cos(2 * Math.PI * (dayOfYear - 15 / 365.25));
}

/** Everyone stocks up in the two weeks before 春節, then the town closes for a few days. */
function lunarNewYearFactor(day: number): number {
  for (const newYear of lunarNewYears) {
    const daysBefore = newYear - day;
    if (daysBefore >= 1 && daysBefore <= 14) return 1 + 1.1 * ((15 - daysBefore) / 14);
    if (daysBefore <= 0 && daysBefore > -4) return 0.35;
  }
  return 1;
}

function demandFactor(day: number): number {
  const weekdayFactor = weekday(day) === 0 ? 0.8 : 1;
  return seasonalFactor(day) * lunarNewYearFactor(day) * weekdayFactor;
}

/** Scales the shape so the window averages deliveriesPerDayPerUnitScale (≈200,000 over three years). */
const meanDemand =
  Array.from({ length: historyDays }, (_, offset) => demandFactor(firstOrderDay + offset)).reduce(
    (a, b) => a + b,
    0,
  ) / historyDays;

export const maxDailySequence = 9_999;

/** Orders taken on `day`, ±10% noise from the day's own stream. */
export function dailyOrderCount(seed: number, scale: number, day: number): number {
  const noise = 0.9 + 0.2 * createPrng(seed, "day-count", day).next();
  const expected = (deliveriesPerDayPerUnitScale * scale * demandFactor(day) * noise) / meanDemand;
  return Math.min(maxDailySequence, Math.max(1, Math.round(expected)));
}
