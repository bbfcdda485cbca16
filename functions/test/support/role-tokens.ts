import { randomBytes } from "node:crypto";
import { getAuth } from "firebase-admin/auth";
import { firebaseApp } from "../../src/adapters/firebase-app.js";
import { testEnv } from "./test-env.js";

export type TestRole = "viewer" | "operator" | "admin";

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

/** A fresh ID token of an existing emulator user: it carries the user's current claims. */
export async function signInWithPassword(email: string, password: string): Promise<string> {
  const signedIn = await authRest("accounts:signInWithPassword", {
    email,
    password,
    returnSecureToken: true,
  });
  return String(signedIn.idToken);
}

/** One real emulator user with a role claim, signed in again so the ID token carries it. */
export async function signInTestUser(
  label: string,
  role: TestRole,
): Promise<{ uid: string; email: string; password: string; token: string; authProject: string }> {
  const password = randomBytes(12).toString("hex");
  const email = `${label}-${role}-${randomBytes(3).toString("hex")}@luckygas.test`;
  const signedUp = await authRest("accounts:signUp", { email, password, returnSecureToken: true });
  const authProject = audienceOf(String(signedUp.idToken));
  const uid = String(signedUp.localId);
  await getAuth(firebaseApp(authProject)).setCustomUserClaims(uid, { role });
  return { uid, email, password, token: await signInWithPassword(email, password), authProject };
}

/**
 * Real emulator tokens, one per role: users are created through the Auth emulator's REST API
 * (which serves its default project, whatever the API key), given their role claim with
 * firebase-admin, then signed in again so the ID token carries the claim.
 */
export async function signInTestUsers(
  label: string,
): Promise<{ authProject: string; tokens: Record<TestRole, string> }> {
  const tokens = {} as Record<TestRole, string>;
  let authProject = "";
  for (const role of ["viewer", "operator", "admin"] as const) {
    const user = await signInTestUser(label, role);
    tokens[role] = user.token;
    authProject = user.authProject;
  }
  return { authProject, tokens };
}
