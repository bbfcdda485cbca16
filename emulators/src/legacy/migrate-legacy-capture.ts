import pg from "pg";
import { applySyncSchema } from "../../../functions/src/sync/capture/sync-schema.js";

/** Installs the sync's change capture into a legacy database, as `npm run sync:migrate` does. */
export async function migrateLegacyCapture(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await applySyncSchema(pool);
  } finally {
    await pool.end();
  }
}
