import type pg from "pg";
import { type Driver, driverSchema } from "../domain/driver.js";
import { type Product, productSchema } from "../domain/products.js";
import { legacyDriverRowSchema, legacyProductRowSchema } from "../legacy/legacy-rows.js";
import { DependencyUnavailableError } from "../shared/errors.js";

const methodByLegacy: Readonly<Record<string, Product["method"]>> = { 桶裝: "cylinder", 流量: "metered" };
const attributeByLegacy: Readonly<Record<string, Product["attribute"]>> = {
  一般: "regular",
  regular: "regular",
  好運: "haoyun",
  瓶安: "pingan",
  營: "propane",
  幸福丸: "xingfuwan",
};

/** A product row the domain cannot express is a data defect to fix at the source, so it is reported. */
export function productFromRow(row: unknown): Product {
  const legacy = legacyProductRowSchema.parse(row);
  const product = productSchema.safeParse({
    code: legacy.product_code,
    name: legacy.name,
    sizeKg: legacy.size_kg,
    method: methodByLegacy[legacy.method.trim()],
    attribute: attributeByLegacy[legacy.attribute.trim()],
    unitPrice: legacy.unit_price,
  });
  if (!product.success) {
    throw new DependencyUnavailableError(
      `Legacy product ${legacy.product_code} cannot be read: ${product.error.message}`,
    );
  }
  return product.data;
}

export function driverFromRow(row: unknown): Driver {
  const legacy = legacyDriverRowSchema.parse(row);
  return driverSchema.parse({
    code: legacy.driver_code,
    name: legacy.name,
    phone: legacy.phone,
    plate: legacy.plate,
  });
}

/** Port: reference data every stage shares (the vendor keeps it; the new system reads it). */
export interface ReferenceReader {
  products(): Promise<Product[]>;
  drivers(): Promise<Driver[]>;
}

export class LegacyReferenceReader implements ReferenceReader {
  constructor(private readonly pool: pg.Pool) {}

  async products(): Promise<Product[]> {
    const result = await this.pool.query("SELECT * FROM products ORDER BY product_code");
    return result.rows.map(productFromRow);
  }

  async drivers(): Promise<Driver[]> {
    const result = await this.pool.query("SELECT * FROM drivers ORDER BY driver_code");
    return result.rows.map(driverFromRow);
  }
}
