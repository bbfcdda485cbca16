import { z } from "zod";
import { CliError } from "./cli-error.js";

/** Who signs in where: a demo user on the Auth emulator, or a real user of a Firebase project. */
export type SignInTarget =
  | { kind: "emulator"; host: string; email: string; password: string }
  | { kind: "firebase"; apiKey: string; email: string; password: string };

export interface IdToken {
  token: string;
  expiresInSeconds: number;
}

/** The emulator accepts any API key; a real project needs its web API key. */
const emulatorApiKey = "local-emulator";

const signedInSchema = z.looseObject({ idToken: z.string().min(1), expiresIn: z.coerce.number().positive() });
const refusalSchema = z.looseObject({ error: z.looseObject({ message: z.string() }) });

/** Signs in with e-mail and password through Identity Toolkit, as the dashboard's Firebase SDK does. */
export async function signIn(target: SignInTarget, fetchImpl: typeof fetch = fetch): Promise<IdToken> {
  const base =
    target.kind === "emulator"
      ? `http://${target.host}/identitytoolkit.googleapis.com`
      : "https://identitytoolkit.googleapis.com";
  const key = target.kind === "emulator" ? emulatorApiKey : target.apiKey;
  let response: Response;
  try {
    response = await fetchImpl(`${base}/v1/accounts:signInWithPassword?key=${encodeURIComponent(key)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: target.email, password: target.password, returnSecureToken: true }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new CliError(
      target.kind === "emulator"
        ? `the Auth emulator is not reachable at ${target.host}; start the local stack with \`npm start\``
        : "Firebase Auth (identitytoolkit.googleapis.com) is not reachable",
    );
  }
  const body: unknown = await response.json().catch(() => undefined);
  const signedIn = signedInSchema.safeParse(body);
  if (response.ok && signedIn.success) {
    return { token: signedIn.data.idToken, expiresInSeconds: signedIn.data.expiresIn };
  }
  const why = refusalSchema.safeParse(body).data?.error.message ?? `HTTP ${response.status}`;
  const hint = target.kind === "emulator" ? "; the demo users are created by `npm start`" : "";
  throw new CliError(`sign-in of ${target.email} was refused (${why})${hint}`);
}

/** Tokens last an hour: sign in again five minutes before, so a long `--watch` never sends a stale one. */
const renewBeforeMs = 5 * 60_000;

export function signedInToken(
  target: SignInTarget,
  fetchImpl: typeof fetch = fetch,
  now: () => number = Date.now,
): () => Promise<string> {
  let current: { token: string; expiresAt: number } | undefined;
  return async () => {
    if (current && current.expiresAt - renewBeforeMs > now()) return current.token;
    const signedIn = await signIn(target, fetchImpl);
    current = { token: signedIn.token, expiresAt: now() + signedIn.expiresInSeconds * 1000 };
    return current.token;
  };
}
