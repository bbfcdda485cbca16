import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { deleteApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { firebaseApp, firestoreFor } from "../../functions/src/adapters/firebase-app.js";
import { reasonSchema } from "../../functions/src/audit/audit-log.js";
import { FirestoreAuditLog } from "../../functions/src/audit/firestore-audit-log.js";
import { type Role, roleSchema } from "../../functions/src/auth/principal.js";
import { FirebaseUserDirectory } from "../../functions/src/users/firebase-user-directory.js";
import { firebaseUidSchema, type UserDirectory } from "../../functions/src/users/user-directory.js";
import { UserRoleService } from "../../functions/src/users/user-role-service.js";
import { parseStackConfig } from "./stack-config.js";

/**
 * Manages roles from a terminal, for operators of the system; the first admin can only be made here,
 * since nobody can call PUT /v1/users/{uid}/role before there is one:
 *   npm run role -- --email someone@example.com --role admin --reason "first admin"
 *   npm run role -- --uid <uid> --role none --reason "left the company"
 *   npm run role -- --list
 * The local stack by default; `--project <id>` (not demo-…) uses Application Default Credentials.
 * Exit codes: 0 done, 1 user not found or the change refused or failed, 2 bad arguments.
 */
export const usage = [
  "usage: npm run role -- (--email <address> | --uid <uid>) --role admin|operator|viewer|none --reason <why>",
  "       npm run role -- --list",
  "       either with [--project <id>]: default the local stack (PROJECT_ID, demo-luckygas)",
].join("\n");

export interface RoleTarget {
  projectId: string;
  /** Emulator hosts to point firebase-admin at; undefined leaves the environment as it is. */
  emulators: { auth: string; firestore: string } | undefined;
}

export type RoleCommand =
  | { kind: "help" }
  | { kind: "list"; target: RoleTarget }
  | {
      kind: "set";
      user: { uid: string } | { email: string };
      role: Role | null;
      reason: string;
      target: RoleTarget;
    };

export type ParsedRoleArgs = { ok: true; command: RoleCommand } | { ok: false; error: string };

const options = {
  email: { type: "string" },
  uid: { type: "string" },
  role: { type: "string" },
  reason: { type: "string" },
  list: { type: "boolean" },
  project: { type: "string" },
  help: { type: "boolean" },
} as const;
type Values = ReturnType<typeof parseArgs<{ options: typeof options }>>["values"];

class UsageError extends Error {}

/** Reads the command line; never exits, so every refusal can be tested. */
export function parseRoleArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedRoleArgs {
  try {
    const { values } = parseArgs({ args: argv, options, strict: true });
    if (values.help) return { ok: true, command: { kind: "help" } };
    const target = targetOf(values.project, env);
    return { ok: true, command: values.list ? listCommand(values, target) : setCommand(values, target) };
  } catch (error) {
    return { ok: false, error: usageMessageOf(error) };
  }
}

function listCommand(values: Values, target: RoleTarget): RoleCommand {
  const extra = (["email", "uid", "role", "reason"] as const).find((name) => values[name] !== undefined);
  if (extra) throw new UsageError(`--list lists everyone; it takes no --${extra}`);
  return { kind: "list", target };
}

function setCommand(values: Values, target: RoleTarget): RoleCommand {
  if (values.email !== undefined && values.uid !== undefined) {
    throw new UsageError("give --email or --uid, not both");
  }
  if (values.role === undefined) throw new UsageError("--role is required: admin, operator, viewer or none");
  if (values.reason === undefined) throw new UsageError("--reason is required: say why the role changes");
  const reason = reasonSchema.safeParse(values.reason);
  if (!reason.success) throw new UsageError("--reason must be 1–500 characters");
  return { kind: "set", user: userOf(values), role: roleOf(values.role), reason: reason.data, target };
}

function userOf(values: Values): { uid: string } | { email: string } {
  if (values.uid !== undefined) {
    if (!firebaseUidSchema.safeParse(values.uid).success) {
      throw new UsageError("--uid must be 1–128 letters, digits, _ or -");
    }
    return { uid: values.uid };
  }
  if (values.email === undefined) throw new UsageError("give the user's --email or --uid (or --list)");
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) {
    throw new UsageError(`--email must be an e-mail address, not "${values.email}"`);
  }
  return { email: values.email };
}

function roleOf(value: string): Role | null {
  if (value === "none") return null;
  const role = roleSchema.safeParse(value);
  if (!role.success) throw new UsageError(`--role must be admin, operator, viewer or none, not "${value}"`);
  return role.data;
}

/**
 * A `demo-` project exists only in the emulators (stack-config.ts's rule), so it gets the local
 * stack's hosts unless the environment names others. Any other project is real: no emulator host
 * is set, and firebase-admin uses Application Default Credentials (or hosts the caller exported).
 */
function targetOf(project: string | undefined, env: NodeJS.ProcessEnv): RoleTarget {
  if (project !== undefined && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(project)) {
    throw new UsageError(`--project must be a Google Cloud project id, not "${project}"`);
  }
  if (project !== undefined && !project.startsWith("demo-"))
    return { projectId: project, emulators: undefined };
  const stack = parseStackConfig(env);
  return {
    projectId: project ?? stack.PROJECT_ID,
    emulators: {
      auth: env.FIREBASE_AUTH_EMULATOR_HOST ?? `127.0.0.1:${stack.AUTH_PORT}`,
      firestore: env.FIRESTORE_EMULATOR_HOST ?? `127.0.0.1:${stack.FIRESTORE_PORT}`,
    },
  };
}

/** One line: node's parseArgs and the stack config speak in several. */
function usageMessageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[\w-]+)/.exec(message)?.[1];
  if (option && /argument missing|ambiguous/.test(message)) return `${option} needs a value`;
  if (option && message.startsWith("Unknown option")) return `unknown option ${option}`;
  return message.replace(/\s*\n\s*/g, "; ");
}

/** How the audit names whoever ran the command: a system actor, like the flags' `flag:…` ones. */
function cliActor(env: NodeJS.ProcessEnv = process.env) {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    // Containers may run as a uid without a passwd entry.
    name = env.USER ?? "unknown";
  }
  return { uid: `cli:${name}`, email: null, role: null };
}

function describeTarget(target: RoleTarget): string {
  if (target.emulators) {
    const { auth, firestore } = target.emulators;
    return `project ${target.projectId} (Auth emulator ${auth}, Firestore emulator ${firestore})`;
  }
  const exported = [process.env.FIREBASE_AUTH_EMULATOR_HOST, process.env.FIRESTORE_EMULATOR_HOST];
  const hosts = exported.filter((host) => host !== undefined && host !== "");
  const how =
    hosts.length > 0
      ? `emulators ${hosts.join(", ")} from the environment`
      : "Application Default Credentials";
  return `project ${target.projectId} (${how})`;
}

async function listUsers(users: UserDirectory): Promise<void> {
  let pageToken: string | undefined;
  do {
    const page = await users.list(1000, pageToken);
    for (const user of page.users) console.log(JSON.stringify(user));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken !== undefined);
}

async function setRole(command: Extract<RoleCommand, { kind: "set" }>, app: ReturnType<typeof firebaseApp>) {
  const users = new FirebaseUserDirectory(getAuth(app));
  const found =
    "uid" in command.user ? await users.get(command.user.uid) : await users.findByEmail(command.user.email);
  const named = "uid" in command.user ? command.user.uid : command.user.email;
  if (!found) throw new Error(`No user ${named} in project ${command.target.projectId}.`);
  const roles = new UserRoleService({ users, audit: new FirestoreAuditLog(firestoreFor(app)) });
  const updated = await roles.setRole({
    uid: found.uid,
    role: command.role,
    reason: command.reason,
    by: cliActor(),
    correlationId: randomUUID(),
  });
  console.error(`${named}: ${found.role ?? "none"} → ${updated.role ?? "none"}; sessions revoked, audited.`);
  console.log(JSON.stringify(updated));
}

async function run(command: Exclude<RoleCommand, { kind: "help" }>): Promise<void> {
  const { target } = command;
  if (target.emulators) {
    // Before the first firebase-admin client: Firestore reads its host when it is created.
    process.env.FIREBASE_AUTH_EMULATOR_HOST = target.emulators.auth;
    process.env.FIRESTORE_EMULATOR_HOST = target.emulators.firestore;
  }
  console.error(`role-cli: ${describeTarget(target)}`);
  const app = firebaseApp(target.projectId);
  try {
    if (command.kind === "list") await listUsers(new FirebaseUserDirectory(getAuth(app)));
    else await setRole(command, app);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint =
      target.emulators && /ECONNREFUSED/.test(message) ? " (is the local stack running? `npm start`)" : "";
    throw new Error(`${message.replace(/\s*\n\s*/g, "; ")}${hint}`);
  } finally {
    await deleteApp(app);
  }
}

async function main(): Promise<void> {
  const parsed = parseRoleArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`role-cli: ${parsed.error} (npm run role -- --help)`);
    process.exit(2);
  }
  if (parsed.command.kind === "help") console.log(usage);
  else await run(parsed.command);
}

// Only when run as the command: the unit test imports parseRoleArgs without running anything.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
