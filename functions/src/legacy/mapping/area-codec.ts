import type { z } from "zod";
import type { areaSchema } from "../../domain/customer-parts.js";
import { deliveryAreaName, deliveryAreas } from "../../domain/delivery-areas.js";
import type { LegacyClientRow } from "../legacy-rows.js";
import type { ColumnCodec, Decoded } from "./column-codec.js";
import { sameValue } from "./same-value.js";

type Area = z.infer<typeof areaSchema>;
const field = "area";

/** Reads `H-鹿野線`; also `H 鹿野線`, a lowercase letter and a name without its letter. */
export function parseArea(raw: string | null): Decoded<Area> {
  const empty = { code: null, name: null, raw };
  if (raw === null || raw.trim() === "") return { value: empty };
  const match = /^\s*([A-Za-z])\s*[-－_ ]?\s*(.*?)\s*$/.exec(raw);
  if (!match) return byNameOnly(raw);
  const code = (match[1] ?? "").toUpperCase();
  const written = match[2] ?? "";
  const known = deliveryAreaName(code);
  if (known === undefined) {
    return { value: { code, name: written, raw }, warnings: [{ code: "area-unknown", field, detail: raw }] };
  }
  if (written === known) return { value: { code, name: known, raw } };
  const detail = `${raw} → ${code}-${known}`;
  // The letter is what the routing uses; a misspelt name (鹿野縣 for 鹿野線) follows it.
  const finding = isTypo(written, known)
    ? { repairs: [{ code: "area-name-typo", field, detail }] }
    : { warnings: [{ code: "area-name-mismatch", field, detail }] };
  return { value: { code, name: known, raw }, ...finding };
}

function byNameOnly(raw: string): Decoded<Area> {
  const name = raw.trim();
  const code = Object.keys(deliveryAreas).find((letter) => deliveryAreas[letter] === name);
  if (code)
    return {
      value: { code, name, raw },
      repairs: [{ code: "area-code-missing", field, detail: `${raw} → ${code}-${name}` }],
    };
  return {
    value: { code: null, name: null, raw },
    warnings: [{ code: "area-unparsed", field, detail: raw }],
  };
}

/** Same length and at most one character different (縣/線 are read alike: xiàn). */
function isTypo(written: string, known: string): boolean {
  if (written.length !== known.length) return false;
  return [...written].filter((ch, index) => ch !== known[index]).length <= 1;
}

export const areaCodec: ColumnCodec<LegacyClientRow, "area", Area> = {
  columns: [field],
  decode: (raw) => parseArea(raw.area),
  encode: (value) => {
    if (sameValue(parseArea(value.raw).value, value)) return { area: value.raw };
    return {
      area: value.code === null ? null : `${value.code}-${value.name ?? deliveryAreaName(value.code) ?? ""}`,
    };
  },
};
