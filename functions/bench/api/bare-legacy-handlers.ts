import { createHash, randomUUID } from "node:crypto";
import pg from "pg";
import { inLegacyTransaction } from "../../src/adapters/legacy-transaction.js";
import { legacyClientColumns } from "../../src/legacy/legacy-rows.js";
import { deliveryNo, deliveryNoPrefix } from "../../src/orders/order-edits.js";
import { type BareAnswer, type BareInput, BareRefusal } from "./bare-answer.js";

/** The API's own pool size and connection wait (adapters/legacy-pool.ts), so both queue alike. */
const pool = new pg.Pool({
  connectionString: process.env.LEGACY_DATABASE_URL,
  max: 5,
  connectionTimeoutMillis: 5_000,
});
pool.on("error", () => undefined);

const columns = legacyClientColumns.join(", ");
const selectClient = `SELECT ${columns} FROM clients WHERE client_code = $1`;

/** A strong ETag of the row as read: the API hashes the mapped record, the bare the row itself. */
function rowEtag(row: unknown): string {
  return `"L-${createHash("sha256").update(JSON.stringify(row)).digest("base64url")}"`;
}

/** The write's audit entry, in the same transaction, as the API stages it (the relay's sweep moves it). */
async function stageAudit(client: pg.PoolClient, input: BareInput, entry: Record<string, unknown>) {
  const who = { uid: input.uid, email: input.email, role: "operator" };
  const full = { who, when: new Date(), reason: null, correlationId: randomUUID(), ...entry };
  await client.query("INSERT INTO sync.audit_outbox (id, entry) VALUES ($1, $2)", [
    randomUUID(),
    JSON.stringify(full),
  ]);
}

export async function getLegacyCustomer({ code }: BareInput): Promise<BareAnswer> {
  const row = (await pool.query(selectClient, [code])).rows[0];
  if (!row) throw new BareRefusal(404);
  return { status: 200, body: row, etag: rowEtag(row) };
}

export async function listLegacyCustomers(): Promise<BareAnswer> {
  const rows = (await pool.query(`SELECT ${columns} FROM clients ORDER BY client_code LIMIT 50`)).rows;
  return { status: 200, body: { items: rows } };
}

/** SELECT … FOR UPDATE, compare If-Match, UPDATE the one column the patch names, audit row, COMMIT. */
export function patchLegacyCustomer(input: BareInput): Promise<BareAnswer> {
  const remark = (input.body as { remark?: string }).remark ?? null;
  return inLegacyTransaction(pool, async (client) => {
    const before = (await client.query(`${selectClient} FOR UPDATE`, [input.code])).rows[0];
    if (!before) throw new BareRefusal(404);
    if (rowEtag(before) !== input.ifMatch) throw new BareRefusal(412);
    const updated = await client.query(
      `UPDATE clients SET remark = $2 WHERE client_code = $1 RETURNING ${columns}`,
      [input.code, remark],
    );
    const after = updated.rows[0] as Record<string, unknown>;
    await stageAudit(client, input, { action: "update", entity: "customer", key: input.code, before, after });
    return { status: 200, body: after, etag: rowEtag(after) };
  });
}

/** The vendor's numbering (advisory lock, today's highest D number + 1), the row, its audit row. */
export function createLegacyOrder(input: BareInput): Promise<BareAnswer> {
  return inLegacyTransaction(pool, async (client) => {
    const customer = await client.query("SELECT 1 FROM clients WHERE client_code = $1 FOR SHARE", [
      input.code,
    ]);
    if (customer.rowCount === 0) throw new BareRefusal(404);
    const prefix = deliveryNoPrefix(new Date());
    await client.query("SELECT pg_advisory_xact_lock(hashtext('deliveries:' || $1))", [prefix]);
    const last = await client.query(
      "SELECT max(delivery_no) AS last FROM deliveries WHERE delivery_no LIKE $1 || '____' AND delivery_no ~ '^D[0-9]{11}$'",
      [prefix],
    );
    const lastNo = (last.rows[0] as { last: string | null }).last;
    const id = deliveryNo(prefix, lastNo === null ? 1 : Number(lastNo.slice(-4)) + 1);
    const inserted = await client.query(
      `INSERT INTO deliveries (delivery_no, client_code, order_date, qty_20, empties_returned, status, urgent)
       VALUES ($1, $2, $3, 2, 0, '01', 'N') RETURNING *`,
      [id, input.code, prefix.slice(1)],
    );
    const after = inserted.rows[0] as Record<string, unknown>;
    await stageAudit(client, input, { action: "create", entity: "order", key: id, before: null, after });
    return { status: 201, body: after, etag: rowEtag(after) };
  });
}
