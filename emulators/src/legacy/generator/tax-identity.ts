import type { Prng } from "./prng.js";
import { makeTaxId } from "./tax-id.js";

// 42% with an invoice identity, of which 4% left the id blank: ≈40% carry an 8-digit id.
export const taxIdShare = 0.42;

/**
 * ≈40% of clients invoice to a company. Of those most ids pass the checksum, a few were typed
 * wrong (fail it) and a few were never filled in. The rest have no invoice identity at all.
 */
export function clientTaxIdentity(
  prng: Prng,
  shortName: string,
  titleOf: (prng: Prng, shortName: string) => string,
): { invoice_title: string | null; tax_id: string | null } {
  if (!prng.chance(taxIdShare))
    return prng.chance(0.7) ? { invoice_title: "", tax_id: "" } : { invoice_title: null, tax_id: null };
  const title = titleOf(prng, shortName);
  const roll = prng.next();
  if (roll < 0.9) return { invoice_title: title, tax_id: makeTaxId(prng, true) };
  if (roll < 0.96) return { invoice_title: title, tax_id: makeTaxId(prng, false) };
  return { invoice_title: title, tax_id: "" };
}
