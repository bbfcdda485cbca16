/**
 * Order-frequency bands over the legacy deliveries of the last 90 days (about 13 weeks). The
 * bounds follow how the office thinks of its customers: `none` had no delivery (dormant or
 * seasonal), `low` 1–2 (a cylinder every month or two), `regular` 3–6 (about monthly to
 * fortnightly), `frequent` 7 or more (every other week or faster: shops, stalls, schools).
 */
export const frequencyBands = ["none", "low", "regular", "frequent"] as const;
export type FrequencyBand = (typeof frequencyBands)[number];

/** The smallest 90-day delivery count of each band; a band runs up to the next one's bound. */
export const frequencyBandLowerBounds: Readonly<Record<FrequencyBand, number>> = {
  none: 0,
  low: 1,
  regular: 3,
  frequent: 7,
};

export function frequencyBand(deliveries90d: number): FrequencyBand {
  if (deliveries90d >= frequencyBandLowerBounds.frequent) return "frequent";
  if (deliveries90d >= frequencyBandLowerBounds.regular) return "regular";
  if (deliveries90d >= frequencyBandLowerBounds.low) return "low";
  return "none";
}
