import { formatTaiwanAddress, parseTaiwanAddress, type TaiwanAddress } from "../../taiwan/address.js";
import { type ClosedDays, formatClosedDays, parseClosedDays } from "../../taiwan/closed-days.js";
import { type ParsedPhoneCell, parsePhoneCell } from "../../taiwan/phone-cell.js";
import { formatPhone } from "../../taiwan/phone-numbers.js";
import { isValidTaxId } from "../../taiwan/tax-id.js";
import type { LegacyClientRow } from "../legacy-rows.js";
import type { ColumnCodec, Decoded } from "./column-codec.js";
import type { Finding } from "./findings.js";
import { sameValue } from "./same-value.js";

/**
 * Free-text columns whose domain value carries its raw text. Encoding writes the raw text
 * while it still parses to the stored structure, otherwise the structure formatted anew.
 */
export const taxIdCodec: ColumnCodec<LegacyClientRow, "tax_id", { value: string | null; valid: boolean }> = {
  columns: ["tax_id"],
  decode: ({ tax_id }) => {
    const valid = isValidTaxId(tax_id ?? "");
    const blank = (tax_id ?? "").trim() === "";
    const warnings =
      valid || blank ? [] : [{ code: "tax-id-invalid", field: "tax_id", detail: "checksum fails" }];
    return { value: { value: tax_id, valid }, warnings };
  },
  encode: (taxId) => ({ tax_id: taxId.value }),
};

export const addressCodec: ColumnCodec<LegacyClientRow, "address", TaiwanAddress> = {
  columns: ["address"],
  decode: ({ address }) => {
    const value = parseTaiwanAddress(address);
    if (value.parsed) return { value };
    return {
      value,
      warnings: [{ code: "address-unparsed", field: "address", detail: "not 縣市+區鄉鎮市+路街巷+號" }],
    };
  },
  encode: (value) => {
    if (sameValue(parseTaiwanAddress(value.raw), value) || !value.parsed) return { address: value.raw };
    return { address: formatTaiwanAddress(value.parsed) };
  },
};

export const phoneCodec: ColumnCodec<LegacyClientRow, "phone", ParsedPhoneCell> = {
  columns: ["phone"],
  decode: ({ phone }) => {
    const value = parsePhoneCell(phone);
    const repairs: Finding[] = value.numbers.flatMap((number) =>
      number.repaired
        ? [{ code: `phone-${number.repaired}`, field: "phone", detail: `→ ${number.national.slice(0, 4)}…` }]
        : [],
    );
    const warnings: Finding[] = value.notes.some((note) => /\d/.test(note))
      ? [{ code: "phone-unrecognised-digits", field: "phone", detail: "digits kept as a note" }]
      : [];
    return { value, repairs, warnings };
  },
  encode: (value) => {
    if (sameValue(parsePhoneCell(value.raw), value)) return { phone: value.raw };
    const parts = [...value.numbers.map(formatPhone), ...value.notes];
    return { phone: parts.length === 0 && value.raw === null ? null : parts.join("、") };
  },
};

export const closedDaysCodec: ColumnCodec<LegacyClientRow, "closed_days", ClosedDays> = {
  columns: ["closed_days"],
  decode: ({ closed_days }) => {
    const value = parseClosedDays(closed_days);
    const decoded: Decoded<ClosedDays> = { value, repairs: [], warnings: [] };
    if (value.repaired) {
      decoded.repairs?.push({
        code: "closed-days-float-artifact",
        field: "closed_days",
        detail: `${closed_days}`,
      });
    }
    if (value.unparsed !== undefined) {
      decoded.warnings?.push({ code: "closed-days-unparsed", field: "closed_days", detail: value.unparsed });
    }
    return decoded;
  },
  encode: (value) => {
    if (sameValue(parseClosedDays(value.raw), value)) return { closed_days: value.raw };
    const text = formatClosedDays(value);
    return { closed_days: text === "" && value.raw === null ? null : text };
  },
};
