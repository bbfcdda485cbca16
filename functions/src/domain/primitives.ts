import { z } from "zod";

/** The legacy 7-digit client_code is the customer's identity in both systems. */
export const customerCodeSchema = z.string().regex(/^\d{7}$/, "customer code is 7 digits");

/** Quantities of kg and NT$ with decimals travel as text so they never pass through a float. */
export const decimalStringSchema = z.string().regex(/^-?\d+(\.\d+)?$/, "decimal as text, e.g. 12.50");

export const isoDateSchema = z.iso.date();
/** Always with an offset; legacy-derived values use +08:00 (Asia/Taipei wall clock). */
export const isoTimestampSchema = z.iso.datetime({ offset: true });

export const nonNegativeIntSchema = z.number().int().nonnegative();

/**
 * Legacy column values that the canonical encoding of a field would not reproduce (NULL where
 * '' is canonical, 收現 for cash, char padding, unknown codes). Only such columns appear, so
 * writing a record back to the vendor database is lossless.
 */
export const legacyRawSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export type LegacyRaw = z.infer<typeof legacyRawSchema>;
