import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import { deleteApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ensureDemoUsers } from "../../../emulators/src/demo-users.js";
import { createIsolatedDatabase } from "../../../emulators/src/legacy/isolated-database.js";
import { seedLegacyDatabase } from "../../../emulators/src/legacy/seed.js";
import { findFreePort } from "../../../emulators/src/ports.js";
import { firebaseApp } from "../../src/adapters/firebase-app.js";
import { testEnv } from "../support/test-env.js";

const repoRoot = join(import.meta.dirname, "..", "..", "..");
const tsx = join(repoRoot, "node_modules", ".bin", "tsx");
const run = promisify(execFile);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(script: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(tsx, [join(repoRoot, script), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const apps: string[] = [];
afterAll(async () => {
  for (const project of apps) await deleteApp(firebaseApp(project));
});

describe("npm run import:report", () => {
  it("accounts for every row of a seeded database (scale 0.05): total = COUNT(*) of both tables", async () => {
    const url = await createIsolatedDatabase(
      testEnv().LEGACY_ADMIN_URL,
      `api_report_${randomBytes(3).toString("hex")}`,
    );
    await seedLegacyDatabase(url, { seed: 11, scale: 0.05 });
    const result = await cli("functions/src/legacy/import-report-cli.ts", ["--url", url]);
    expect(result.code, result.stderr).toBe(0);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const counts = await pool.query(
      "SELECT (SELECT count(*) FROM clients)::int AS clients, (SELECT count(*) FROM deliveries)::int AS deliveries",
    );
    await pool.end();
    const { clients, deliveries } = counts.rows[0] as { clients: number; deliveries: number };
    expect(clients).toBeGreaterThan(200);
    const seen = [...result.stdout.matchAll(/^rows seen\s+(\d+)/gm)].map((match) => Number(match[1]));
    expect(seen).toEqual([clients, deliveries]);
    expect(result.stdout.match(/totals add up/g)).toHaveLength(2);
  });

  it("refuses a URL that is not postgres:// with exit code 2", async () => {
    const result = await cli("functions/src/legacy/import-report-cli.ts", ["--url", "mysql://x"], {
      LEGACY_DATABASE_URL: "",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("postgres://");
  });
});

describe("npm run token", () => {
  it("prints an ID token of the demo user of the role, which the Auth emulator's project verifies", async () => {
    const host = testEnv().FIREBASE_AUTH_EMULATOR_HOST;
    const signUp = await fetch(`http://${host}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=x`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ returnSecureToken: true }),
    });
    const anonymous = (await signUp.json()) as { idToken: string };
    const project = (
      JSON.parse(Buffer.from(anonymous.idToken.split(".")[1] ?? "", "base64url").toString()) as {
        aud: string;
      }
    ).aud;
    apps.push(project);
    const auth = getAuth(firebaseApp(project));
    await ensureDemoUsers(auth);
    const result = await cli("emulators/src/token-cli.ts", ["--role", "operator"], {
      FIREBASE_AUTH_EMULATOR_HOST: host,
    });
    expect(result.code, result.stderr).toBe(0);
    const decoded = await auth.verifyIdToken(result.stdout.trim());
    expect(decoded).toMatchObject({ email: "operator@luckygas.test", role: "operator" });
  });

  it("explains when the emulator is not running (exit 1) and refuses an unknown role (exit 2)", async () => {
    const closedPort = await findFreePort();
    const down = await cli("emulators/src/token-cli.ts", [
      "--role",
      "viewer",
      "--host",
      `127.0.0.1:${closedPort}`,
    ]);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain("not reachable");
    const badRole = await cli("emulators/src/token-cli.ts", ["--role", "superuser"]);
    expect(badRole.code).toBe(2);
  });
});
