import { describe, expect, it } from "vitest";
import { parseRoleArgs } from "./role-cli.js";

const local = {
  projectId: "demo-luckygas",
  emulators: { auth: "127.0.0.1:9099", firestore: "127.0.0.1:8180" },
};
const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseRoleArgs(argv, env);
const why = ["--reason", "first admin"];

describe("parseRoleArgs", () => {
  it("sets a role by e-mail or uid on the local stack by default", () => {
    expect(parse(["--email", "someone@example.com", "--role", "admin", ...why])).toEqual({
      ok: true,
      command: {
        kind: "set",
        user: { email: "someone@example.com" },
        role: "admin",
        reason: "first admin",
        target: local,
      },
    });
    expect(parse(["--uid", "Ab_9-x", "--role", "viewer", ...why])).toMatchObject({
      ok: true,
      command: { user: { uid: "Ab_9-x" }, role: "viewer" },
    });
  });

  it("removes the role with --role none", () => {
    expect(parse(["--uid", "u1", "--role", "none", ...why])).toMatchObject({
      ok: true,
      command: { kind: "set", role: null },
    });
  });

  it("lists, and answers --help", () => {
    expect(parse(["--list"])).toEqual({ ok: true, command: { kind: "list", target: local } });
    expect(parse(["--help"])).toEqual({ ok: true, command: { kind: "help" } });
  });

  it("finds the local stack where its environment says", () => {
    const env = { PROJECT_ID: "demo-other", AUTH_PORT: "19099", FIRESTORE_EMULATOR_HOST: "localhost:18180" };
    expect(parse(["--list"], env)).toEqual({
      ok: true,
      command: {
        kind: "list",
        target: {
          projectId: "demo-other",
          emulators: { auth: "127.0.0.1:19099", firestore: "localhost:18180" },
        },
      },
    });
  });

  it("sets no emulator hosts for a real project, so firebase-admin uses its credentials", () => {
    expect(parse(["--list", "--project", "luckygas-prod"])).toEqual({
      ok: true,
      command: { kind: "list", target: { projectId: "luckygas-prod", emulators: undefined } },
    });
    expect(parse(["--list", "--project", "demo-x1"])).toMatchObject({
      ok: true,
      command: { target: { projectId: "demo-x1", emulators: local.emulators } },
    });
  });

  it.each([
    [["--emial", "a@b.co", "--role", "admin", ...why], "unknown option --emial"],
    [["--email"], "--email needs a value"],
    [["--email", "--role", "admin", ...why], "--email needs a value"],
    [
      ["--email", "a@b.co", "--role", "root", ...why],
      '--role must be admin, operator, viewer or none, not "root"',
    ],
    [["--email", "a@b.co", "--role", "admin"], "--reason is required: say why the role changes"],
    [["--email", "a@b.co", "--role", "admin", "--reason", "  "], "--reason must be 1–500 characters"],
    [["--email", "a@b.co", ...why], "--role is required: admin, operator, viewer or none"],
    [["--role", "admin", ...why], "give the user's --email or --uid (or --list)"],
    [["--email", "a@b.co", "--uid", "u1", "--role", "admin", ...why], "give --email or --uid, not both"],
    [
      ["--email", "not-an-address", "--role", "admin", ...why],
      '--email must be an e-mail address, not "not-an-address"',
    ],
    [["--uid", "a/b", "--role", "admin", ...why], "--uid must be 1–128 letters, digits, _ or -"],
    [["--list", "--role", "admin"], "--list lists everyone; it takes no --role"],
    [["--list", "--project", "Prod!"], '--project must be a Google Cloud project id, not "Prod!"'],
    [["--list", "extra"], "Unexpected argument 'extra'. This command does not take positional arguments"],
  ])("refuses %j with one line", (argv, error) => {
    const parsed = parse(argv);
    expect(parsed).toEqual({ ok: false, error });
    if (!parsed.ok) expect(parsed.error).not.toContain("\n");
  });

  it("refuses a broken local stack configuration in one line", () => {
    const parsed = parse(["--list"], { PROJECT_ID: "luckygas-prod" });
    expect(parsed).toMatchObject({
      ok: false,
      error: expect.stringContaining("PROJECT_ID: must start with demo-"),
    });
    if (!parsed.ok) expect(parsed.error).not.toContain("\n");
  });
});
