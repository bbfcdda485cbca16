import type pg from "pg";
import { cursorRows, inLegacySnapshot } from "../adapters/legacy-cursor.js";
import { legacyClientColumns, legacyDeliveryColumns } from "../legacy/legacy-rows.js";
import { classifyClientRow, classifyDeliveryRow } from "../legacy/mapping/classify.js";
import { taipeiDateDaysBefore } from "../taiwan/roc-date.js";
import { candidateFactsOf } from "./candidate-facts-of.js";
import type { CandidateFacts, CohortCandidateFacts } from "./cohort-candidate-facts.js";
import { DeliveryTally } from "./delivery-tally.js";

/** The window of the order-frequency band and of the money at risk. */
export const activityWindowDays = 90;

function clientCodeOf(row: unknown): string | null {
  const code = (row as { client_code?: unknown }).client_code;
  return typeof code === "string" ? code.trim() : null;
}

/**
 * The cohort facts of every customer, read from the vendor's tables through the import's own
 * mapping (so a stratum is what the migrated record will say) in one snapshot: deliveries are
 * streamed once through a cursor and tallied per customer, then the clients.
 */
export class LegacyCohortCandidateFacts implements CohortCandidateFacts {
  constructor(private readonly pool: pg.Pool) {}

  load(asOf: Date): Promise<CandidateFacts[]> {
    const tally = new DeliveryTally(taipeiDateDaysBefore(asOf, activityWindowDays));
    return inLegacySnapshot(this.pool, async (client) => {
      const deliverySql = `SELECT ${legacyDeliveryColumns.join(", ")} FROM deliveries`;
      for await (const row of cursorRows(client, "cohort_deliveries", deliverySql)) {
        // Whether the client row imports is decided per customer below, not per delivery.
        tally.add(
          classifyDeliveryRow(row, () => true),
          clientCodeOf(row),
        );
      }
      const facts: CandidateFacts[] = [];
      const clientSql = `SELECT ${legacyClientColumns.join(", ")} FROM clients ORDER BY client_code`;
      for await (const row of cursorRows(client, "cohort_clients", clientSql)) {
        const code = clientCodeOf(row);
        const candidate = candidateFactsOf(classifyClientRow(row), tally.of(code ?? ""));
        if (candidate) facts.push(candidate);
      }
      return facts;
    });
  }
}
