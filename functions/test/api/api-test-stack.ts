import { randomBytes } from "node:crypto";
import { Agent } from "node:http";
import { deleteApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import type { Firestore } from "firebase-admin/firestore";
import pg from "pg";
import { createIsolatedDatabase } from "../../../emulators/src/legacy/isolated-database.js";
import { seedLegacyDatabase } from "../../../emulators/src/legacy/seed.js";
import { firebaseApp, firestoreFor } from "../../src/adapters/firebase-app.js";
import { type RunningFunction, startFunction } from "../support/function-harness.js";
import { testEnv, uniqueProjectId } from "../support/test-env.js";

export type TestRole = "viewer" | "operator" | "admin";

export interface ApiTestStack {
  api: RunningFunction;
  projectId: string;
  db: Firestore;
  legacy: pg.Pool;
  tokens: Record<TestRole, string>;
  call(method: string, path: string, options?: CallOptions): Promise<ApiAnswer>;
  stop(): Promise<void>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Raw body text (sent as is), for malformed-input tests. */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

const apiKey = "any-key-works-on-the-emulator";

async function authRest(path: string, body: unknown): Promise<Record<string, unknown>> {
  const url = `http://${testEnv().FIREBASE_AUTH_EMULATOR_HOST}/identitytoolkit.googleapis.com/v1/${path}?key=${apiKey}`;
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`Auth emulator ${path}: ${JSON.stringify(answer)}`);
  return answer;
}

function audienceOf(idToken: string): string {
  const payload = idToken.split(".")[1] ?? "";
  return (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { aud: string }).aud;
}

/**
 * Real emulator tokens: users are created through the Auth emulator's REST API (which serves
 * its default project, whatever the API key), given their role claim with firebase-admin,
 * then signed in again so the ID token carries the claim.
 */
async function signInTestUsers(
  label: string,
): Promise<{ authProject: string; tokens: Record<TestRole, string> }> {
  const password = randomBytes(12).toString("hex");
  const tokens = {} as Record<TestRole, string>;
  let authProject = "";
  for (const role of ["viewer", "operator", "admin"] as const) {
    const email = `${label}-${role}-${randomBytes(3).toString("hex")}@luckygas.test`;
    const signedUp = await authRest("accounts:signUp", { email, password, returnSecureToken: true });
    authProject = audienceOf(String(signedUp.idToken));
    await getAuth(firebaseApp(authProject)).setCustomUserClaims(String(signedUp.localId), { role });
    const signedIn = await authRest("accounts:signInWithPassword", {
      email,
      password,
      returnSecureToken: true,
    });
    tokens[role] = String(signedIn.idToken);
  }
  return { authProject, tokens };
}

export async function startApiTestStack(label: string, scale = 0.02): Promise<ApiTestStack> {
  const env = testEnv();
  const projectId = uniqueProjectId(label);
  const legacyUrl = await createIsolatedDatabase(
    env.LEGACY_ADMIN_URL,
    `api_${label}_${randomBytes(3).toString("hex")}`,
  );
  await seedLegacyDatabase(legacyUrl, { seed: 7, scale });
  const { authProject, tokens } = await signInTestUsers(label);
  const api = await startFunction({
    name: "api",
    entry: "src/deployables/api/index.ts",
    signature: "http",
    env: {
      GCLOUD_PROJECT: projectId,
      FIREBASE_AUTH_PROJECT: authProject,
      FIRESTORE_EMULATOR_HOST: env.FIRESTORE_EMULATOR_HOST,
      FIREBASE_AUTH_EMULATOR_HOST: env.FIREBASE_AUTH_EMULATOR_HOST,
      LEGACY_DATABASE_URL: legacyUrl,
      READ_COMPARISON_SAMPLE_RATIO: "1",
      METADATA_SERVER_DETECTION: "none",
      LOG_LEVEL: "WARNING",
    },
  });
  const db = firestoreFor(firebaseApp(projectId));
  const legacy = new pg.Pool({ connectionString: legacyUrl, max: 3 });
  // One keep-alive agent for every request of the file (the fuzz test sends thousands).
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const call = (method: string, path: string, options: CallOptions = {}) =>
    request(api.url, agent, method, path, options);
  return {
    api,
    projectId,
    db,
    legacy,
    tokens,
    call,
    stop: async () => {
      agent.destroy();
      await api.stop();
      await legacy.end();
      await deleteApp(firebaseApp(projectId));
      await deleteApp(firebaseApp(authProject)).catch(() => undefined);
    },
  };
}

async function request(
  base: string,
  agent: Agent,
  method: string,
  path: string,
  options: CallOptions,
): Promise<ApiAnswer> {
  const { request: httpRequest } = await import("node:http");
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const text = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (text !== undefined) {
    headers["content-type"] = options.contentType ?? "application/json";
    headers["content-length"] = String(Buffer.byteLength(text));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path.replace(/^\//, ""), base), { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        let body: unknown = raw;
        try {
          body = raw === "" ? undefined : JSON.parse(raw);
        } catch {
          // Not JSON (e.g. the framework's own 400 for unparsable bodies): keep the text.
        }
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (typeof value === "string") responseHeaders.set(name, value);
        }
        resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    if (text !== undefined) req.write(text);
    req.end();
  });
}
