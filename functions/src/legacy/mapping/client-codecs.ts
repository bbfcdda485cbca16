import type { CustomerType } from "../../domain/customer.js";
import type { CylinderCounts, CylinderProduct } from "../../domain/products.js";
import { type CylinderColumn, cylinderColumns, type LegacyClientRow } from "../legacy-rows.js";
import type { ColumnCodec, Decoded } from "./column-codec.js";
import { count, enumCode } from "./shared-codecs.js";

type Row = LegacyClientRow;

/**
 * client_type: '' is residential (≈92%). Commercial exists only in the new model, so it is
 * written back as 商業; an unknown non-blank type is some kind of business and reads as
 * commercial, with its text kept.
 */
export const customerTypeCodec = enumCode<Row, "client_type", CustomerType>("client_type", {
  canonical: {
    residential: "",
    commercial: "商業",
    "night-market": "夜市",
    school: "學校",
    market: "市場",
    "food-truck": "餐車",
    banquet: "辦桌",
  },
  blank: "residential",
  unknown: { value: "commercial", repair: "client-type-unknown" },
});

export const pricingMethodCodec = enumCode<Row, "pricing_method", "cylinder" | "metered">("pricing_method", {
  canonical: { cylinder: "桶裝", metered: "流量" },
  // 桶裝現金 is cylinder pricing with a note about cash; payment_method carries the payment.
  aliases: { 桶裝現金: { value: "cylinder", repair: "pricing-method-variant" } },
  blank: "cylinder",
  blankWarning: "pricing-method-missing",
  unknown: { value: "cylinder", repair: "pricing-method-unknown" },
});

export const paymentMethodCodec = enumCode<Row, "payment_method", "cash" | "monthly" | "unspecified">(
  "payment_method",
  {
    canonical: { cash: "現金", monthly: "月結", unspecified: "" },
    aliases: { 收現: { value: "cash" } },
    blank: "unspecified",
    unknown: { value: "unspecified", warning: "payment-method-unknown" },
  },
);

export const vehicleCodec = enumCode<Row, "vehicle", "car" | "motorcycle" | "any">("vehicle", {
  canonical: { any: "0", car: "1", motorcycle: "2" },
  blank: "any",
  unknown: { value: "any", warning: "vehicle-unknown" },
});

/** 營 = propane; 好運, 瓶安 and 幸福丸 are the vendor's branded cylinders. */
const productByColumn: Readonly<Record<CylinderColumn, CylinderProduct>> = {
  cyl_50: "regular-50kg",
  cyl_20: "regular-20kg",
  cyl_16: "regular-16kg",
  cyl_10: "regular-10kg",
  cyl_4: "regular-4kg",
  cyl_ying20: "propane-20kg",
  cyl_ying16: "propane-16kg",
  cyl_haoyun20: "haoyun-20kg",
  cyl_haoyun16: "haoyun-16kg",
  cyl_pingan10: "pingan-10kg",
  cyl_xingfuwan: "xingfuwan-4kg",
};

export const cylindersCodec: ColumnCodec<Row, CylinderColumn, CylinderCounts> = {
  columns: cylinderColumns,
  decode: (raw) => {
    const decoded: Decoded<Record<string, number>> = { value: {}, repairs: [] };
    for (const column of cylinderColumns) {
      const product = productByColumn[column];
      const one = count<Row, CylinderColumn>(column).decode(raw);
      decoded.value[product] = one.value;
      decoded.repairs?.push(...(one.repairs ?? []));
    }
    return decoded as Decoded<CylinderCounts>;
  },
  encode: (counts) =>
    Object.fromEntries(cylinderColumns.map((column) => [column, counts[productByColumn[column]]])) as Pick<
      Row,
      CylinderColumn
    >,
};
