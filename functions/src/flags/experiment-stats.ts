/** Totals for one variant of an experiment flag (summed over flushes). */
export interface VariantTotals {
  variant: string;
  exposures: number;
  conversions: number;
}

export interface Interval {
  low: number;
  high: number;
}

export interface VariantStats extends VariantTotals {
  conversionRate: number;
  /** 95% Wilson score interval for the conversion rate. */
  interval95: Interval;
  /** Two-proportion z statistic against the control (undefined for the control or with no data). */
  zScore: number | undefined;
  /** Two-sided p-value of that z-test. */
  pValue: number | undefined;
}

/** z for a two-sided 95% interval. */
const z95 = 1.959963984540054;

/** Per-variant conversion rate, Wilson interval and pooled two-proportion z-test against `control`. */
export function experimentStats(variants: readonly VariantTotals[], control: string): VariantStats[] {
  const controlTotals = variants.find((v) => v.variant === control);
  return variants.map((totals) => {
    const test =
      controlTotals && totals.variant !== control ? twoProportionZTest(controlTotals, totals) : undefined;
    return {
      ...totals,
      conversionRate: totals.exposures === 0 ? 0 : totals.conversions / totals.exposures,
      interval95: wilsonInterval(totals.conversions, totals.exposures),
      zScore: test?.z,
      pValue: test?.pValue,
    };
  });
}

/** Wilson score interval: stays inside [0, 1] and behaves at small counts, unlike the normal approximation. */
export function wilsonInterval(successes: number, trials: number, z = z95): Interval {
  if (trials === 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return { low: Math.max(0, centre - halfWidth), high: Math.min(1, centre + halfWidth) };
}

/** Pooled two-proportion z-test of `treatment` against `control`; undefined when it is not defined. */
export function twoProportionZTest(
  control: VariantTotals,
  treatment: VariantTotals,
): { z: number; pValue: number } | undefined {
  const { exposures: n1, conversions: x1 } = control;
  const { exposures: n2, conversions: x2 } = treatment;
  if (n1 === 0 || n2 === 0) return undefined;
  const pooled = (x1 + x2) / (n1 + n2);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (standardError === 0) return undefined;
  const z = (x2 / n2 - x1 / n1) / standardError;
  return { z, pValue: 2 * (1 - standardNormalCdf(Math.abs(z))) };
}

/** Φ(x), the standard normal CDF, through erf. */
export function standardNormalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

/** Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7). */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const poly =
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  return sign * (1 - poly * Math.exp(-ax * ax));
}
