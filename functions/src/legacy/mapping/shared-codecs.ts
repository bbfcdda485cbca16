import { isoToRocDate, isoToRocDateTime, rocDateTimeToIso, rocDateToIso } from "../../taiwan/roc-date.js";
import type { ColumnCodec, Decoded, LegacyRow, LegacyValue } from "./column-codec.js";
import type { Finding } from "./findings.js";

type Key<Row> = keyof Row & string;

/** A single-column Pick built from a column name known only as a type parameter. */
function cell<Row extends LegacyRow, K extends Key<Row>>(column: K, value: LegacyValue): Pick<Row, K> {
  return { [column]: value } as Pick<Row, K>;
}

const isBlank = (value: LegacyValue): boolean => value === null || String(value).trim() === "";

/** Free text and plain numbers the new system stores exactly as the vendor does. */
export function verbatim<Row extends LegacyRow, K extends Key<Row>>(column: K): ColumnCodec<Row, K, Row[K]> {
  return {
    columns: [column],
    decode: (raw) => ({ value: raw[column] }),
    encode: (value) => cell(column, value),
  };
}

/** Cylinder counts: NULL reads as 0; a negative count cannot be a stock level and reads as 0. */
export function count<Row extends LegacyRow, K extends Key<Row>>(column: K): ColumnCodec<Row, K, number> {
  return {
    columns: [column],
    decode: (raw) => {
      const value = raw[column];
      if (typeof value !== "number") return { value: 0 };
      if (value >= 0) return { value };
      return { value: 0, repairs: [{ code: "count-negative", field: column, detail: `${value} read as 0` }] };
    },
    encode: (value) => cell(column, value),
  };
}

/**
 * char(1) flags: 'V' is set, blank or NULL is not. pg returns '' as ' ' (char padding), so
 * ' ' is the canonical "not set"; anything else is kept and flagged.
 */
export function flag<Row extends LegacyRow, K extends Key<Row>>(column: K): ColumnCodec<Row, K, boolean> {
  return {
    columns: [column],
    decode: (raw) => {
      const value = raw[column];
      if (isBlank(value)) return { value: false };
      if (String(value).trim().toUpperCase() === "V") return { value: true };
      return {
        value: false,
        warnings: [{ code: "flag-unknown", field: column, detail: `${value} read as not set` }],
      };
    },
    encode: (value) => cell(column, value ? "V" : " "),
  };
}

export interface EnumCodecSpec<V extends string> {
  /** Canonical legacy code for each value. */
  canonical: Readonly<Record<V, string>>;
  /** Other spellings seen in the data; a repair code when the reading is an interpretation. */
  aliases?: Readonly<Record<string, { value: V; repair?: string }>>;
  blank: Decoded<V>["value"];
  blankWarning?: string;
  unknown: { value: V; repair?: string; warning?: string };
}

/** Coded text columns (client_type, time_slot, …). Unknown codes keep their raw text. */
export function enumCode<Row extends LegacyRow, K extends Key<Row>, V extends string>(
  column: K,
  spec: EnumCodecSpec<V>,
): ColumnCodec<Row, K, V> {
  const byCode = new Map(Object.entries(spec.canonical).map(([value, code]) => [code as string, value as V]));
  const finding = (code: string, detail: string): Finding[] => [{ code, field: column, detail }];
  return {
    columns: [column],
    decode: (raw) => {
      const value = raw[column];
      const text = value === null ? "" : String(value).trim();
      if (text === "") {
        return {
          value: spec.blank,
          ...(spec.blankWarning && { warnings: finding(spec.blankWarning, "blank") }),
        };
      }
      const known = byCode.get(text);
      if (known !== undefined) return { value: known };
      const alias = spec.aliases && Object.hasOwn(spec.aliases, text) ? spec.aliases[text] : undefined;
      if (alias)
        return {
          value: alias.value,
          ...(alias.repair && { repairs: finding(alias.repair, `${text} → ${alias.value}`) }),
        };
      const { unknown } = spec;
      const detail = `${text} → ${unknown.value}`;
      return {
        value: unknown.value,
        ...(unknown.repair && { repairs: finding(unknown.repair, detail) }),
        ...(unknown.warning && { warnings: finding(unknown.warning, detail) }),
      };
    },
    encode: (value) => cell(column, spec.canonical[value]),
  };
}

export const timeSlotCodes = {
  "all-day": "0",
  morning: "1",
  afternoon: "2",
  evening: "3",
  unspecified: "",
} as const;

export function timeSlot<Row extends LegacyRow, K extends Key<Row>>(column: K) {
  return enumCode<Row, K, keyof typeof timeSlotCodes>(column, {
    canonical: timeSlotCodes,
    blank: "unspecified",
    unknown: { value: "unspecified", warning: "time-slot-unknown" },
  });
}

/** char(7) ROC dates → ISO dates; NULL is the canonical "no date". */
export function rocDate<Row extends LegacyRow, K extends Key<Row>>(
  column: K,
): ColumnCodec<Row, K, string | null> {
  return {
    columns: [column],
    decode: (raw) => {
      const value = raw[column];
      if (isBlank(value)) return { value: null };
      const date = rocDateToIso(String(value));
      if (date.ok) return { value: date.value };
      return { value: null, warnings: [{ code: "date-invalid", field: column, detail: date.error.code }] };
    },
    encode: (value) => {
      const roc = value === null ? undefined : isoToRocDate(value);
      return cell(column, roc?.ok ? roc.value : null);
    },
  };
}

/** upd_date + upd_time (Taipei wall clock) → one ISO timestamp; a blank time reads as midnight. */
export function updatedAt<Row extends LegacyRow, D extends Key<Row>, T extends Key<Row>>(
  dateColumn: D,
  timeColumn: T,
): ColumnCodec<Row, D | T, string | null> {
  const write = (date: LegacyValue, time: LegacyValue) =>
    ({ [dateColumn]: date, [timeColumn]: time }) as Pick<Row, D | T>;
  return {
    columns: [dateColumn, timeColumn],
    decode: (raw): Decoded<string | null> => {
      const [date, time] = [raw[dateColumn], raw[timeColumn]];
      if (isBlank(date)) return { value: null };
      const stamp = rocDateTimeToIso(String(date), isBlank(time) ? "000000" : String(time));
      if (stamp.ok) return { value: stamp.value };
      const field = stamp.error.code === "roc-time-format" ? timeColumn : dateColumn;
      return { value: null, warnings: [{ code: "timestamp-invalid", field, detail: stamp.error.code }] };
    },
    encode: (value) => {
      const roc = value === null ? undefined : isoToRocDateTime(value);
      return roc?.ok ? write(roc.value.date, roc.value.time) : write(null, null);
    },
  };
}
