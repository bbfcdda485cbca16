import type { z } from "zod";
import type { LegacyRaw } from "../../domain/primitives.js";
import type { Finding } from "./findings.js";
import { sameValue } from "./same-value.js";

export type LegacyValue = string | number | null;
export type LegacyRow = Record<string, LegacyValue>;

export interface Decoded<V> {
  value: V;
  repairs?: Finding[];
  warnings?: Finding[];
}

/**
 * How one domain field is stored in one or more legacy columns. `decode` must accept any
 * value the row schema allows and never throw; `encode` gives the canonical legacy text.
 */
export interface ColumnCodec<Row extends LegacyRow, K extends keyof Row & string, V> {
  columns: readonly K[];
  decode(raw: Pick<Row, K>): Decoded<V>;
  encode(value: V): Pick<Row, K>;
}

function pick<Row extends LegacyRow, K extends keyof Row & string>(
  row: Row | LegacyRaw,
  columns: readonly K[],
) {
  return Object.fromEntries(columns.map((column) => [column, row[column]])) as Pick<Row, K>;
}

/**
 * Decodes a row field by field. Wherever the canonical encoding of the decoded value differs
 * from the actual column value, the actual value goes into `legacyRaw`; that is what makes
 * legacy → new → legacy the identity by construction.
 */
export class LosslessReader<Row extends LegacyRow> {
  readonly legacyRaw: LegacyRaw = {};
  readonly repairs: Finding[] = [];
  readonly warnings: Finding[] = [];

  constructor(private readonly row: Row) {}

  read<K extends keyof Row & string, V>(codec: ColumnCodec<Row, K, V>): V {
    const raw = pick<Row, K>(this.row, codec.columns);
    const decoded = codec.decode(raw);
    const canonical = codec.encode(decoded.value);
    for (const column of codec.columns) {
      if (!Object.is(canonical[column], raw[column])) this.legacyRaw[column] = raw[column];
    }
    this.repairs.push(...(decoded.repairs ?? []));
    this.warnings.push(...(decoded.warnings ?? []));
    return decoded.value;
  }
}

/**
 * Encodes a field, preferring the kept legacy values while they still decode to the current
 * value. Once the field is edited in the new system they no longer do, and the canonical
 * encoding is written instead: stale legacy text never overrides an edit.
 */
export function writeLossless<Row extends LegacyRow, K extends keyof Row & string, V>(
  codec: ColumnCodec<Row, K, V>,
  value: V,
  legacyRaw: LegacyRaw,
  columnSchemas: Readonly<Record<K, z.ZodType>>,
): Pick<Row, K> {
  const canonical = codec.encode(value);
  const kept = codec.columns.filter(
    (column) =>
      Object.hasOwn(legacyRaw, column) && columnSchemas[column].safeParse(legacyRaw[column]).success,
  );
  if (kept.length === 0) return canonical;
  const candidate = { ...canonical, ...pick<Row, K>(legacyRaw, kept) };
  return sameValue(codec.decode(candidate).value, value) ? candidate : canonical;
}
