import type { Customer } from "../domain/customer.js";
import { customerCodeSchema } from "../domain/primitives.js";
import type { Classification } from "../legacy/mapping/classify.js";
import type { CandidateFacts } from "./cohort-candidate-facts.js";
import type { DeliveryFacts } from "./delivery-tally.js";

/** A monthly kg the sampler can average: unreadable or negative (a vendor typo) is 0. */
function monthlyKgOf(customer: Customer): number {
  const kg = Number(customer.usage.monthlyKg ?? 0);
  return Number.isFinite(kg) && kg > 0 ? kg : 0;
}

/**
 * One customer's facts from the import's verdict on its clients row and its deliveries. A rejected
 * row still is a customer of the register (it is counted, and excluded by `importRejected`), but
 * its strata cannot be read: it stands in the area `none` as a residential cylinder customer,
 * which only matters when an operator switches that exclusion off. A row whose code is not a
 * customer code at all cannot be addressed by any route, so it is no candidate (null).
 */
export function candidateFactsOf(
  verdict: Classification<Customer>,
  deliveries: DeliveryFacts,
): CandidateFacts | null {
  const { deliveries90d, orderValue90d, hasActiveOrder, hasRejectedDelivery } = deliveries;
  const activity = { deliveries90d, orderValue90d, hasActiveOrder };
  if (verdict.outcome === "rejected") {
    const code = customerCodeSchema.safeParse(verdict.key?.trim());
    if (!code.success) return null;
    return {
      customerCode: code.data,
      area: null,
      clientType: "residential",
      pricingMethod: "cylinder",
      terminated: false,
      balance: null,
      creditLimit: null,
      rejectedByImport: true,
      monthlyKg: 0,
      ...activity,
    };
  }
  const customer = verdict.record;
  return {
    customerCode: customer.code,
    area: customer.area.code,
    clientType: customer.customerType,
    pricingMethod: customer.pricingMethod,
    terminated: customer.terminated,
    balance: customer.balance,
    creditLimit: customer.creditLimit,
    rejectedByImport: hasRejectedDelivery,
    monthlyKg: monthlyKgOf(customer),
    ...activity,
  };
}
