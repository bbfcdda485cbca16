import { describe, expect, it } from "vitest";
import { UsageError } from "./cli-error.js";
import { type GlobalArgs, resolveConnection } from "./connection.js";

const args = (extra: Partial<GlobalArgs> = {}): GlobalArgs => ({ json: false, help: false, ...extra });

describe("resolveConnection", () => {
  it("needs nothing against the local stack: its API and the demo admin on its Auth emulator", () => {
    expect(resolveConnection(args(), {})).toEqual({
      apiUrl: "http://127.0.0.1:8080",
      signIn: {
        kind: "emulator",
        host: "127.0.0.1:9099",
        email: "admin@luckygas.test",
        password: "demo-password",
      },
    });
  });

  it("follows the stack's own port variables, then the explicit overrides", () => {
    expect(resolveConnection(args({ as: "viewer" }), { API_PORT: "9000", AUTH_PORT: "9199" })).toMatchObject({
      apiUrl: "http://127.0.0.1:9000",
      signIn: { host: "127.0.0.1:9199", email: "viewer@luckygas.test" },
    });
    const env = { LUCKYGAS_API_URL: "http://api.test:1", FIREBASE_AUTH_EMULATOR_HOST: "auth.test:2" };
    expect(resolveConnection(args(), env)).toMatchObject({
      apiUrl: "http://api.test:1",
      signIn: { host: "auth.test:2" },
    });
    expect(resolveConnection(args({ api: "http://flag.test" }), env).apiUrl).toBe("http://flag.test");
  });

  it("signs --email in on an emulator named in the environment, else on the real project", () => {
    const password = { LUCKYGAS_PASSWORD: "s3cret" };
    expect(
      resolveConnection(args({ email: "op@luckygas.tw" }), {
        ...password,
        FIREBASE_AUTH_EMULATOR_HOST: "h:1",
      }),
    ).toEqual({
      apiUrl: "http://127.0.0.1:8080",
      signIn: { kind: "emulator", host: "h:1", email: "op@luckygas.tw", password: "s3cret" },
    });
    const real = { ...password, LUCKYGAS_API_KEY: "key", LUCKYGAS_API_URL: "https://api.luckygas.tw" };
    expect(resolveConnection(args({ email: "op@luckygas.tw" }), real)).toEqual({
      apiUrl: "https://api.luckygas.tw",
      signIn: { kind: "firebase", apiKey: "key", email: "op@luckygas.tw", password: "s3cret" },
    });
  });

  it("says which variable a real sign-in is missing, or which one is malformed", () => {
    const refusal = (extra: Partial<GlobalArgs>, env: NodeJS.ProcessEnv) => {
      try {
        resolveConnection(args(extra), env);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      return "accepted";
    };
    const email = { email: "op@luckygas.tw" };
    expect(refusal(email, {})).toMatch(/LUCKYGAS_PASSWORD/);
    expect(refusal(email, { LUCKYGAS_PASSWORD: "p" })).toMatch(/LUCKYGAS_API_KEY/);
    expect(refusal(email, { LUCKYGAS_PASSWORD: "p", LUCKYGAS_API_KEY: "k" })).toMatch(
      /--api or LUCKYGAS_API_URL/,
    );
    expect(refusal({}, { LUCKYGAS_API_URL: "localhost:8080" })).toBe(
      "LUCKYGAS_API_URL: must be an http:// or https:// URL",
    );
    expect(refusal({}, { FIREBASE_AUTH_EMULATOR_HOST: "nowhere" })).toBe(
      "FIREBASE_AUTH_EMULATOR_HOST: must be host:port",
    );
    expect(refusal({}, { API_PORT: "http" })).toMatch(/API_PORT/);
    // An exported but empty variable is unset.
    expect(refusal({}, { LUCKYGAS_API_URL: "" })).toBe("accepted");
  });
});
