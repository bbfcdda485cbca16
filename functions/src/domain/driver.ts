import { z } from "zod";

export const driverSchema = z.strictObject({
  code: z.string().min(1).max(6),
  name: z.string().min(1),
  phone: z.string().nullable(),
  plate: z.string().nullable(),
});
export type Driver = z.infer<typeof driverSchema>;
