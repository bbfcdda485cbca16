import type { LegacyProductRow } from "../../../../functions/src/legacy/legacy-rows.js";

export const cylinderSizes = [50, 20, 16, 10, 4] as const;
export type CylinderSize = (typeof cylinderSizes)[number];

/** NT$ per cylinder, tax included; the attribute (好運, 瓶安, 營, 幸福丸) does not change the price. */
export const cylinderUnitPrice: Record<CylinderSize, number> = {
  50: 2100,
  20: 850,
  16: 700,
  10: 450,
  4: 200,
};

/** NT$ per kg for metered (流量) customers: smaller cylinders cost more to handle per kg. */
export const meteredPricePerKg: Record<CylinderSize, number> = { 50: 40, 20: 42, 16: 43, 10: 44, 4: 45 };

export const cylinderMethod = "桶裝";
export const meteredMethod = "流量";
export const regularAttribute = "一般";

const cylinderProducts: [code: string, size: CylinderSize, attribute: string, label: string][] = [
  ["C50", 50, regularAttribute, ""],
  ["C20", 20, regularAttribute, ""],
  ["C16", 16, regularAttribute, ""],
  ["C10", 10, regularAttribute, ""],
  ["C04", 4, regularAttribute, ""],
  ["C20HY", 20, "好運", "好運"],
  ["C16HY", 16, "好運", "好運"],
  ["C10PA", 10, "瓶安", "瓶安"],
  ["C20YG", 20, "營", "營業用"],
  ["C16YG", 16, "營", "營業用"],
  ["C04XF", 4, "幸福丸", "幸福丸"],
];

/** The vendor's 16 products: 11 cylinder items and 5 metered sizes. */
export function generateProducts(): LegacyProductRow[] {
  const cylinders = cylinderProducts.map(([code, size, attribute, label]) => ({
    product_code: code,
    name: `${size}公斤${label}桶裝瓦斯`,
    size_kg: size,
    method: cylinderMethod,
    attribute,
    unit_price: cylinderUnitPrice[size],
  }));
  const metered = cylinderSizes.map((size) => ({
    product_code: `M${String(size).padStart(2, "0")}`,
    name: `${size}公斤流量瓦斯(每公斤)`,
    size_kg: size,
    method: meteredMethod,
    attribute: regularAttribute,
    unit_price: meteredPricePerKg[size],
  }));
  return [...cylinders, ...metered];
}
