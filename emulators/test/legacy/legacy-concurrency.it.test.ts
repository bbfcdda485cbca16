import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIsolatedDatabase, dropDatabase } from "../../src/legacy/isolated-database.js";
import { startTestServer, type TestServer } from "./legacy-test-server.js";

const databaseName = "legacy_concurrency_it";

describe("legacy database under concurrent use", () => {
  let server: TestServer;
  let url: string;

  beforeAll(async () => {
    server = await startTestServer(15434);
    url = await createIsolatedDatabase(server.adminUrl, databaseName);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      "INSERT INTO clients (client_code, short_name, address, balance) VALUES ('9000001', '測試宅', '臺東縣臺東市測試路1號', 1000)",
    );
    await client.end();
  });

  afterAll(async () => {
    await dropDatabase(server.adminUrl, databaseName);
    await server.stop();
  });

  it("serves many connections at once", async () => {
    const pool = new pg.Pool({ connectionString: url, max: 12 });
    try {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          pool.query<{ n: number; pid: number }>(
            "SELECT $1::int AS n, pg_backend_pid() AS pid, pg_sleep(0.2)",
            [index],
          ),
        ),
      );
      expect(results.map((result) => result.rows[0]?.n)).toEqual(
        Array.from({ length: 12 }, (_, index) => index),
      );
      // pg_sleep made them overlap, so they must have been served by distinct backends.
      expect(new Set(results.map((result) => result.rows[0]?.pid)).size).toBe(12);
    } finally {
      await pool.end();
    }
  });

  it("makes the second writer of a row wait, then applies both commits", async () => {
    const first = new pg.Client({ connectionString: url });
    const second = new pg.Client({ connectionString: url });
    await Promise.all([first.connect(), second.connect()]);
    try {
      const update = "UPDATE clients SET balance = balance + $1 WHERE client_code = '9000001'";
      await first.query("BEGIN");
      await first.query(update, [100]);
      const secondPid = (await second.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid;
      await second.query("BEGIN");
      let secondDone = false;
      const secondUpdate = second.query(update, [50]).then(() => {
        secondDone = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(secondDone).toBe(false);
      const waiting = await first.query<{ wait_event_type: string }>(
        "SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1",
        [secondPid],
      );
      expect(waiting.rows[0]?.wait_event_type).toBe("Lock");

      await first.query("COMMIT");
      await secondUpdate;
      await second.query("COMMIT");
      const balance = await first.query<{ balance: number }>(
        "SELECT balance FROM clients WHERE client_code = '9000001'",
      );
      expect(balance.rows[0]?.balance).toBe(1_150);
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
  });
});
