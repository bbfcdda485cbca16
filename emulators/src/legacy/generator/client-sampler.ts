import type { ClientProfile } from "./clients.js";
import type { Prng } from "./prng.js";

/** Picks clients in proportion to how often they order, among those active on a given day. */
export class ClientSampler {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(private readonly profiles: readonly ClientProfile[]) {
    this.cumulative = new Float64Array(profiles.length);
    let total = 0;
    profiles.forEach((profile, index) => {
      total += profile.weight;
      this.cumulative[index] = total;
    });
    this.total = total;
  }

  pick(prng: Prng, day: number): ClientProfile {
    // Rejection sampling: ≥85% of clients are active on any day, so a handful of tries suffice.
    for (let attempt = 0; attempt < 64; attempt += 1) {
      const candidate = this.profiles[this.indexOf(prng.next() * this.total)];
      if (candidate && candidate.activeFrom <= day && day <= candidate.activeUntil) return candidate;
    }
    const fallback = this.profiles.find((profile) => profile.activeFrom <= day && day <= profile.activeUntil);
    if (!fallback) throw new Error(`no client is active on day ${day}`);
    return fallback;
  }

  private indexOf(target: number): number {
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}
