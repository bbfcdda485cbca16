/**
 * Chi-square goodness of fit without a statistics dependency: the p-value is the regularised
 * upper incomplete gamma function Q(df/2, χ²/2), computed as in Numerical Recipes (gammq): the
 * series for x < a + 1, the continued fraction otherwise, with Lanczos' ln Γ.
 */

const epsilon = 1e-14;
/** Smallest usable magnitude in the continued fraction (Lentz's method). */
const tiny = 1e-300;
/** Both expansions converge in O(√a) terms; this covers a in the millions. */
const maxIterations = 100_000;

const lanczos = [
  76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2,
  -0.5395239384953e-5,
];

/** ln Γ(x) for x > 0 (Lanczos, |error| < 2e-10). */
export function lnGamma(x: number): number {
  let series = 1.000000000190015;
  lanczos.forEach((coefficient, j) => {
    series += coefficient / (x + j + 1);
  });
  const t = x + 5.5;
  return (x + 0.5) * Math.log(t) - t + Math.log((2.5066282746310007 * series) / x);
}

/** Q(a, x) = Γ(a, x) / Γ(a), the probability that a gamma(a) variable exceeds x. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`Q(${a}, ${x}) needs a > 0 and x ≥ 0`);
  if (x === 0) return 1;
  return x < a + 1 ? 1 - lowerSeries(a, x) : upperContinuedFraction(a, x);
}

/** P(a, x) by its series Σ xⁿ / (a (a+1) … (a+n)), times e^(−x) xᵃ / Γ(a). */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < maxIterations && Math.abs(term) >= Math.abs(sum) * epsilon; n += 1) {
    term *= x / (a + n);
    sum += term;
  }
  return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
}

/** Q(a, x) by its continued fraction, evaluated with the modified Lentz method. */
function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < maxIterations; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < epsilon) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
}

/** P(χ² ≥ statistic) with `degreesOfFreedom`; no degree of freedom (one cell) always fits: 1. */
export function chiSquarePValue(statistic: number, degreesOfFreedom: number): number {
  if (degreesOfFreedom <= 0 || statistic <= 0) return 1;
  return regularizedGammaQ(degreesOfFreedom / 2, statistic / 2);
}

export interface ChiSquareTest {
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
}

/** Σ (observed − expected)² / expected over the cells expected above 0; df = those cells − 1. */
export function chiSquareGoodnessOfFit(
  cells: readonly { observed: number; expected: number }[],
): ChiSquareTest {
  const counted = cells.filter((cell) => cell.expected > 0);
  const statistic = counted.reduce(
    (sum, cell) => sum + (cell.observed - cell.expected) ** 2 / cell.expected,
    0,
  );
  const degreesOfFreedom = Math.max(counted.length - 1, 0);
  return { statistic, degreesOfFreedom, pValue: chiSquarePValue(statistic, degreesOfFreedom) };
}
