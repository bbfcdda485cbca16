import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { getAuth } from "firebase-admin/auth";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoUsers } from "../../emulators/src/demo-users.js";
import { createIsolatedDatabase } from "../../emulators/src/legacy/isolated-database.js";
import { seedLegacyDatabase } from "../../emulators/src/legacy/seed.js";
import { firebaseApp } from "../../functions/src/adapters/firebase-app.js";
import { conflictsCollection } from "../../functions/src/sync/conflicts/conflict-record.js";
import { type ApiTestStack, startApiTestStack } from "../../functions/test/api/api-test-stack.js";
import { testEnv } from "../../functions/test/support/test-env.js";

/**
 * The real bin (node_modules/.bin/luckygas, as `npx luckygas` runs it) as a child process, from a
 * directory outside the repository, against the API function served over the real emulators and
 * a seeded legacy database.
 */
const repoRoot = join(import.meta.dirname, "..", "..");
const bin = join(repoRoot, "node_modules", ".bin", "luckygas");
const run = promisify(execFile);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

let stack: ApiTestStack;

/** What the child sees: the test stack's API and Auth emulator, nothing of the test's own settings. */
function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}

async function luckygas(args: string[], extra: Record<string, string | undefined> = {}): Promise<Result> {
  const env = childEnv({
    LUCKYGAS_API_URL: stack.api.url,
    FIREBASE_AUTH_EMULATOR_HOST: testEnv().FIREBASE_AUTH_EMULATOR_HOST,
    ...extra,
  });
  try {
    const { stdout, stderr } = await run(bin, args, { cwd: tmpdir(), env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  stack = await startApiTestStack("cli");
  // The demo users `--as` signs in as, in the Auth emulator project the API trusts.
  await ensureDemoUsers(getAuth(firebaseApp(stack.authProject)));
});

afterAll(async () => {
  await stack?.stop();
});

describe("luckygas", () => {
  it("prints its help from any directory", async () => {
    const result = await luckygas(["--help"]);
    expect(result.code, result.stderr).toBe(0);
    for (const command of ["cohort preview", "wave status", "verify", "conflicts resolve", "import-report"]) {
      expect(result.stdout).toContain(command);
    }
  });

  it("refuses a bad option in one line with exit code 2", async () => {
    const result = await luckygas(["conflicts", "list", "--colour", "red"]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: "luckygas: unknown option --colour\n" });
  });

  it("lists conflicts as the API's JSON with --json, and as a table without", async () => {
    const conflict = {
      id: "customer-0000042-balance",
      entity: "customer",
      key: "0000042",
      customerCode: "0000042",
      fields: ["balance"],
      base: { balance: "100.00" },
      legacy: { balance: "80.00" },
      new: { balance: "120.00" },
      status: "open",
      createdAt: "2026-11-28T02:00:00.000Z",
      resolvedAt: null,
      resolvedBy: null,
    };
    await stack.db.collection(conflictsCollection).doc(conflict.id).set(conflict);
    const json = await luckygas(["conflicts", "list", "--json", "--as", "viewer"]);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ conflicts: [conflict] });
    const table = await luckygas(["conflicts", "list", "--status", "open"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(
      /customer-0000042-balance\s+0000042\s+open\s+balance=100\.00\s+balance=80\.00/,
    );
  });

  it("reports an API error in one line with exit code 1", async () => {
    const missing = await luckygas(["cohort", "show", "c00000000-000000"]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toMatch(/^luckygas: 404 \w+: .*c00000000-000000.* \[correlation id [\w-]+\]\n$/);
    // The role travels in the demo user's token: a viewer may not verify.
    const forbidden = await luckygas(["verify", "0000001", "--as", "viewer"]);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toMatch(/^luckygas: 403 \w+/);
    expect(forbidden.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("previews a 1% cohort (JSON for scripts, the report's headline for people)", async () => {
    const json = await luckygas(["cohort", "preview", "--percent", "1", "--json"]);
    expect(json.code, json.stderr).toBe(0);
    const preview = JSON.parse(json.stdout) as {
      outcome: string;
      report: { cohortSize: number; populationSize: number };
    };
    expect(["accepted", "forced", "refused"]).toContain(preview.outcome);
    expect(preview.report.populationSize).toBeGreaterThan(0);
    expect(preview.report.cohortSize).toBe(Math.max(1, Math.round(preview.report.populationSize / 100)));
    const text = await luckygas(["cohort", "preview", "--percent", "10", "--as", "viewer"]);
    expect(text.code, text.stderr).toBe(0);
    for (const figure of [
      "outcome",
      "size",
      "largest deviation",
      "chi-square p",
      "SMD",
      "money at risk",
      "excluded",
    ]) {
      expect(text.stdout).toMatch(new RegExp(`^${figure}\\s`, "m"));
    }
  });

  it("creates a cohort, shows it and lists every member", async () => {
    const created = await luckygas([
      "cohort",
      "create",
      "--count",
      "5",
      "--force",
      "--reason",
      "cli test",
      "--json",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const cohort = JSON.parse(created.stdout) as { id: string; size: number };
    expect(cohort.size).toBe(5);
    const shown = await luckygas(["cohort", "show", cohort.id]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`cohort ${cohort.id}`);
    expect(shown.stdout).toMatch(/^size\s+5 of /m);
    const members = await luckygas(["cohort", "members", cohort.id, "--page-size", "2", "--all", "--json"]);
    expect(members.code, members.stderr).toBe(0);
    const { items } = JSON.parse(members.stdout) as { items: { customerCode: string }[] };
    expect(new Set(items.map((item) => item.customerCode)).size).toBe(5);
  });

  it("creates a wave, advances it into dualwrite watching its progress, and shows where it stands", async () => {
    const created = await luckygas([
      "cohort",
      "create",
      "--count",
      "3",
      "--seed",
      "4",
      "--force",
      "--reason",
      "cli wave",
      "--json",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const cohort = JSON.parse(created.stdout) as { id: string };
    const wave = await luckygas(["wave", "create", "--cohort", cohort.id, "--reason", "cli wave", "--json"]);
    expect(wave.code, wave.stderr).toBe(0);
    const { id } = JSON.parse(wave.stdout) as { id: string };
    const advanced = await luckygas([
      "wave",
      "advance",
      id,
      "--reason",
      "start",
      "--watch",
      "--interval",
      "0.5",
      "--json",
    ]);
    expect(advanced.code, advanced.stderr).toBe(0);
    const lines = advanced.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { stage: string; status: string });
    expect(lines.at(-1)).toMatchObject({ stage: "dualwrite", status: "idle" });
    const shown = await luckygas(["wave", "status", id]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain("dualwrite");
    const skipped = await luckygas(["wave", "rollback", id, "--reason", "back"]);
    expect(skipped.code, skipped.stderr).toBe(0);
  });

  it("explains an API that is not there in one line", async () => {
    const result = await luckygas(["conflicts", "list"], { LUCKYGAS_API_URL: "http://127.0.0.1:9" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^luckygas: the API is not reachable at http:\/\/127\.0\.0\.1:9 .*\n$/);
  });
});

describe("luckygas import-report", () => {
  it("accounts for every row of a seeded legacy database, as text and as JSON", async () => {
    const url = await createIsolatedDatabase(
      testEnv().LEGACY_ADMIN_URL,
      `cli_report_${randomBytes(3).toString("hex")}`,
    );
    await seedLegacyDatabase(url, { seed: 13, scale: 0.02 });
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const counts = await pool.query(
      "SELECT (SELECT count(*) FROM clients)::int AS clients, (SELECT count(*) FROM deliveries)::int AS deliveries",
    );
    await pool.end();
    const { clients, deliveries } = counts.rows[0] as { clients: number; deliveries: number };

    const text = await luckygas(["import-report", "--url", url]);
    expect(text.code, text.stderr).toBe(0);
    const seen = [...text.stdout.matchAll(/^rows seen\s+(\d+)/gm)].map((match) => Number(match[1]));
    expect(seen).toEqual([clients, deliveries]);
    expect(text.stdout.match(/totals add up/g)).toHaveLength(2);

    const json = await luckygas(["import-report", "--json"], { LEGACY_DATABASE_URL: url });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      clients: { rowsSeen: clients },
      deliveries: { rowsSeen: deliveries },
      consistent: true,
    });
  });

  it("needs no flag against the local stack: it reads the database where npm start puts it", async () => {
    // The test services' server stands in for `npm start`'s: same password, `legacy` database, its port.
    const port = new URL(testEnv().LEGACY_ADMIN_URL).port;
    const local = { LEGACY_DATABASE_URL: undefined, LEGACY_DB_PORT: port };
    const cli = await luckygas(["import-report"], local);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain("clients → customers");
    // `npm run import:report` exactly as the README writes it.
    const script = await run("npm", ["run", "-s", "import:report"], { cwd: repoRoot, env: childEnv(local) });
    expect(script.stdout).toContain("deliveries → orders");
  });
});
