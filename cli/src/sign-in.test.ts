import { describe, expect, it } from "vitest";
import { CliError } from "./cli-error.js";
import { signedInToken, signIn } from "./sign-in.js";

const emulator = {
  kind: "emulator",
  host: "127.0.0.1:9099",
  email: "admin@luckygas.test",
  password: "demo-password",
} as const;

function identityToolkit(answers: (() => Response)[]) {
  const urls: string[] = [];
  const fetch = (async (url: string) => {
    urls.push(url);
    const answer = answers.shift();
    if (!answer) throw new Error("no more answers");
    return answer();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, urls };
}
const token = (idToken: string) => () => new Response(JSON.stringify({ idToken, expiresIn: "3600" }));

describe("signIn", () => {
  it("signs in on the emulator or on Identity Toolkit with the project's key", async () => {
    const { fetch, urls } = identityToolkit([token("t1"), token("t2")]);
    expect(await signIn(emulator, fetch)).toEqual({ token: "t1", expiresInSeconds: 3600 });
    await signIn({ kind: "firebase", apiKey: "AIza k", email: "a@b.tw", password: "p" }, fetch);
    expect(urls).toEqual([
      "http://127.0.0.1:9099/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=local-emulator",
      "https://identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=AIza%20k",
    ]);
  });

  it("says why a sign-in was refused, and when the emulator is not running", async () => {
    const refused = () =>
      new Response(JSON.stringify({ error: { message: "INVALID_LOGIN_CREDENTIALS" } }), { status: 400 });
    const { fetch } = identityToolkit([refused]);
    await expect(signIn(emulator, fetch)).rejects.toThrow(
      "sign-in of admin@luckygas.test was refused (INVALID_LOGIN_CREDENTIALS); the demo users are created by `npm start`",
    );
    const down = identityToolkit([]);
    await expect(signIn(emulator, down.fetch)).rejects.toBeInstanceOf(CliError);
    await expect(signIn(emulator, down.fetch)).rejects.toThrow(
      "the Auth emulator is not reachable at 127.0.0.1:9099",
    );
  });
});

describe("signedInToken", () => {
  it("reuses a token until five minutes before it expires", async () => {
    const { fetch, urls } = identityToolkit([token("t1"), token("t2")]);
    let clock = 0;
    const current = signedInToken(emulator, fetch, () => clock);
    expect(await current()).toBe("t1");
    clock = 54 * 60_000;
    expect(await current()).toBe("t1");
    clock = 56 * 60_000;
    expect(await current()).toBe("t2");
    expect(urls).toHaveLength(2);
  });
});
