import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";

/**
 * What "nothing was written" is compared on: a checksum of every table (and the position of
 * every sequence) of the vendor schema and of the sync's own `sync` schema, and the document
 * count of every Firestore collection there is — listed each time, so a write that creates a
 * new collection shows up as a new key.
 */
export interface WriteSnapshot {
  tables: Record<string, string>;
  sequences: Record<string, string>;
  collections: Record<string, number>;
}

const quoted = (schema: string, name: string) =>
  `"${schema.replaceAll('"', '""')}"."${name.replaceAll('"', '""')}"`;

/** `schema.table` → md5 of all its rows, in a fixed order: any inserted, deleted or changed row changes it. */
export async function tableChecksums(
  legacy: pg.Pool,
  schemas: readonly string[] = ["public", "sync"],
): Promise<{ tables: Record<string, string>; sequences: Record<string, string> }> {
  const tables = await legacy.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
    [schemas],
  );
  const sequences = await legacy.query<{ schema: string; name: string }>(
    `SELECT sequence_schema AS schema, sequence_name AS name FROM information_schema.sequences
      WHERE sequence_schema = ANY($1) ORDER BY 1, 2`,
    [schemas],
  );
  const tableSums: Record<string, string> = {};
  for (const { schema, name } of tables.rows) {
    const result = await legacy.query<{ sum: string }>(
      `SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum
         FROM ${quoted(schema, name)} t`,
    );
    tableSums[`${schema}.${name}`] = result.rows[0]?.sum ?? "";
  }
  const sequencePositions: Record<string, string> = {};
  for (const { schema, name } of sequences.rows) {
    const result = await legacy.query<{ position: string }>(
      `SELECT last_value || ':' || is_called AS position FROM ${quoted(schema, name)}`,
    );
    sequencePositions[`${schema}.${name}`] = result.rows[0]?.position ?? "";
  }
  return { tables: tableSums, sequences: sequencePositions };
}

/** The document count of every top-level collection, from `listCollections()` (not a fixed list). */
export async function collectionCounts(db: Firestore): Promise<Record<string, number>> {
  const collections = await db.listCollections();
  const counts = await Promise.all(
    collections.map(
      async (collection) => [collection.id, (await collection.count().get()).data().count] as const,
    ),
  );
  return Object.fromEntries(counts.sort(([a], [b]) => a.localeCompare(b)));
}

export async function writeSnapshot(legacy: pg.Pool, db: Firestore): Promise<WriteSnapshot> {
  const [{ tables, sequences }, collections] = await Promise.all([
    tableChecksums(legacy),
    collectionCounts(db),
  ]);
  return { tables, sequences, collections };
}

/** A snapshot once background writes of the setup (read comparisons, audit entries) have landed. */
export async function settledWriteSnapshot(legacy: pg.Pool, db: Firestore): Promise<WriteSnapshot> {
  let previous = await writeSnapshot(legacy, db);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const next = await writeSnapshot(legacy, db);
    if (JSON.stringify(next) === JSON.stringify(previous)) return next;
    previous = next;
  }
  throw new Error("the databases kept changing after the setup: no stable baseline to compare against");
}
