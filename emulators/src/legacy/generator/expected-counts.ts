import { dailyOrderCount } from "./calendar.js";
import { firstOrderDay, historyDays, seedPlan } from "./plan.js";

/** What the generator says (seed, scale) must produce — computed from the plan, never stored. */
export function expectedSeedCounts(seed: number, scale: number) {
  const plan = seedPlan({ seed, scale });
  let deliveries = 0;
  for (let offset = 0; offset < historyDays; offset += 1)
    deliveries += dailyOrderCount(seed, scale, firstOrderDay + offset);
  return { products: 16, drivers: 8, clients: plan.clientCount, deliveries };
}
