import { z } from "zod";

/**
 * The one message both directions of the sync carry (topics `legacy-changes` and
 * `new-changes`). `data` is the record in the SOURCE's shape: a legacy row (clients /
 * deliveries columns as `pg` returns them) from legacy, a domain record (Customer / Order)
 * from the new system; the consumer validates it with the matching schema before applying.
 */
export const syncSourceSchema = z.enum(["legacy", "new"]);
export type SyncSource = z.infer<typeof syncSourceSchema>;

export const syncEntitySchema = z.enum(["customer", "order"]);
export type SyncEntity = z.infer<typeof syncEntitySchema>;

export const changeMessageSchema = z.strictObject({
  changeId: z.uuid(),
  source: syncSourceSchema,
  entity: syncEntitySchema,
  /** Customer code, or delivery number for orders. */
  key: z.string().min(1).max(20),
  /** Ordering key of the message: every change of one customer (and its orders) is one stream. */
  customerCode: z.string().regex(/^\d{7}$/),
  op: z.enum(["upsert", "delete"]),
  /** Monotonic per record and source; an older or equal version than the ledger's is ignored. */
  sourceVersion: z.number().int().nonnegative(),
  /** When the source committed the change (ISO 8601), for lag measurement. */
  committedAt: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()).nullable(),
  /**
   * Legacy upserts only: the capture was an INSERT, so legacy had no row with this key then. The
   * vendor reuses a deleted order's number (max + 1), so an insert may meet the deleted order in
   * Firestore before that delete, which travels with the other customer's changes, arrives.
   */
  created: z.boolean().optional(),
});
export type ChangeMessage = z.infer<typeof changeMessageSchema>;

/** Attributes every published change carries (the emulator drops orderingKey from push bodies). */
export function changeAttributes(message: ChangeMessage): Record<string, string> {
  return {
    source: message.source,
    entity: message.entity,
    customerCode: message.customerCode,
    changeId: message.changeId,
  };
}
