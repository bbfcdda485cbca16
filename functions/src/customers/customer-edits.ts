import type { Customer } from "../domain/customer.js";
import { customerSchema } from "../domain/customer.js";
import type { CustomerCreateInput, CustomerPatchInput } from "../domain/customer-input.js";
import { deliveryAreaName } from "../domain/delivery-areas.js";
import { cylinderProducts } from "../domain/products.js";
import { parseTaiwanAddress } from "../taiwan/address.js";
import { formatClosedDays } from "../taiwan/closed-days.js";
import { parsePhoneCell } from "../taiwan/phone-cell.js";
import { isValidTaxId } from "../taiwan/tax-id.js";

/** Now as a Taipei wall-clock ISO timestamp, the form legacy-derived timestamps take. */
export function taipeiNow(now: Date = new Date()): string {
  return `${new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

const emptyCustomer = (code: string): Customer => ({
  code,
  shortName: "",
  invoiceTitle: null,
  taxId: { value: null, valid: false },
  address: { raw: "" },
  phones: { raw: null, numbers: [], notes: [] },
  area: { code: null, name: null, raw: null },
  customerType: "residential",
  pricingMethod: "cylinder",
  paymentMethod: "unspecified",
  cylinders: Object.fromEntries(cylinderProducts.map((product) => [product, 0])) as Customer["cylinders"],
  timeSlot: "unspecified",
  vehicle: "any",
  closedDays: { weekdays: [], daysOfMonth: [], redLetterDays: false, lunar: [], raw: null },
  subscription: false,
  sameDay: false,
  terminated: false,
  usage: { avgDailyKg: null, maxCycleDays: null, canDelayDays: null, monthlyKg: null },
  creditLimit: null,
  balance: null,
  remark: null,
  updatedAt: null,
  createdAt: null,
  migration: { stage: "off" },
  legacyRaw: {},
});

/**
 * Applies validated input to a customer. Free text (address, phones, tax id) is parsed here,
 * so the structured parts always agree with the text the office typed.
 */
export function applyCustomerPatch(customer: Customer, patch: CustomerPatchInput, now: Date): Customer {
  const next: Customer = structuredClone(customer);
  const { cylinders, usage, closedDays, areaCode, taxId, address, phones, ...plain } = patch;
  Object.assign(next, plain);
  if (cylinders) next.cylinders = { ...next.cylinders, ...cylinders };
  if (usage) next.usage = { ...next.usage, ...usage };
  if (closedDays) next.closedDays = { ...closedDays, raw: formatClosedDays(closedDays) };
  if (areaCode !== undefined) next.area = areaFor(areaCode);
  if (taxId !== undefined) next.taxId = { value: taxId, valid: isValidTaxId(taxId ?? "") };
  if (address !== undefined) next.address = parseTaiwanAddress(address);
  if (phones !== undefined) next.phones = parsePhoneCell(phones);
  next.updatedAt = taipeiNow(now);
  return customerSchema.parse(next);
}

function areaFor(code: string | null): Customer["area"] {
  if (code === null) return { code: null, name: null, raw: null };
  const name = deliveryAreaName(code) ?? null;
  return { code, name, raw: name === null ? code : `${code}-${name}` };
}

export function newCustomer(input: CustomerCreateInput, now: Date): Customer {
  const { code, ...fields } = input;
  const created = applyCustomerPatch(emptyCustomer(code), fields, now);
  return customerSchema.parse({ ...created, createdAt: created.updatedAt });
}
