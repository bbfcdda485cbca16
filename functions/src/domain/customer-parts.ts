import { z } from "zod";

/** Mirrors taiwan/phone-numbers.ts PhoneNumber (a test keeps the two in step). */
export const phoneNumberSchema = z.strictObject({
  kind: z.enum(["mobile", "landline"]),
  national: z.string().regex(/^0\d{8,9}$/),
  areaCode: z
    .string()
    .regex(/^0\d{1,3}$/)
    .optional(),
  repaired: z.enum(["leading-zero", "taitung-area-code"]).optional(),
});
export type PhoneNumber = z.infer<typeof phoneNumberSchema>;

export const phonesSchema = z.strictObject({
  /** The cell exactly as the office typed it; NULL and '' are different legacy values. */
  raw: z.string().nullable(),
  numbers: z.array(phoneNumberSchema),
  notes: z.array(z.string()),
});

export const parsedAddressSchema = z.strictObject({
  county: z.string().min(1),
  district: z.string().min(1),
  village: z.string().min(1).optional(),
  road: z.string().min(1),
  number: z.string().min(1),
  rest: z.string().min(1).optional(),
});

export const addressSchema = z.strictObject({
  raw: z.string(),
  parsed: parsedAddressSchema.optional(),
});

const weekdaySchema = z.number().int().min(1).max(7);
const dayOfMonthSchema = z.number().int().min(1).max(31);

/** Mirrors taiwan/closed-days.ts ClosedDays. */
export const closedDaysSchema = z.strictObject({
  weekdays: z.array(weekdaySchema),
  daysOfMonth: z.array(dayOfMonthSchema),
  redLetterDays: z.boolean(),
  lunar: z.array(z.union([z.literal(1), z.literal(15)])),
  unparsed: z.string().optional(),
  repaired: z.literal("float-artifact").optional(),
  raw: z.string().nullable(),
});
export type ClosedDaysValue = z.infer<typeof closedDaysSchema>;

export const areaSchema = z.strictObject({
  code: z.string().nullable(),
  name: z.string().nullable(),
  raw: z.string().nullable(),
});

export const taxIdSchema = z.strictObject({
  value: z.string().nullable(),
  /** 統一編號 checksum result; blank values are not valid. */
  valid: z.boolean(),
});

export const usageSchema = z.strictObject({
  avgDailyKg: z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .nullable(),
  maxCycleDays: z.number().int().nullable(),
  canDelayDays: z.number().int().nullable(),
  monthlyKg: z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .nullable(),
});
