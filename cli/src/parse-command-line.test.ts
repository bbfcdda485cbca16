import { describe, expect, it } from "vitest";
import { UsageError } from "./cli-error.js";
import { commands } from "./commands.js";
import { parseArgsMessage, parseCommandLine } from "./parse-command-line.js";

const parse = (argv: string[]) => parseCommandLine(argv, commands);
const usageErrorOf = (argv: string[]): string => {
  try {
    parse(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`${argv.join(" ")} was accepted`);
};

describe("parseCommandLine", () => {
  it("answers help at every level: all commands, a group, one command", () => {
    const overall = parse(["--help"]);
    expect(overall.kind).toBe("help");
    for (const name of ["cohort preview", "wave status", "verify", "conflicts resolve", "import-report"]) {
      expect(overall.kind === "help" && overall.text).toContain(name);
    }
    expect(parse([])).toMatchObject({ kind: "help" });
    expect(parse(["wave"])).toMatchObject({
      kind: "help",
      text: expect.stringContaining("luckygas wave rollback"),
    });
    const one = parse(["wave", "status", "--help"]);
    expect(one.kind === "help" && one.text).toContain("--watch");
  });

  it("finds two-word and one-word commands and reads the options every command takes", () => {
    const parsed = parse([
      "wave",
      "status",
      "w1",
      "--json",
      "--as",
      "viewer",
      "--api",
      "http://localhost:9000",
    ]);
    expect(parsed).toMatchObject({
      kind: "run",
      command: { name: ["wave", "status"] },
      global: { as: "viewer", json: true, api: "http://localhost:9000", help: false },
    });
    expect(parse(["verify", "0000001"])).toMatchObject({ kind: "run", command: { name: ["verify"] } });
  });

  it("refuses unknown commands, options and values in one line naming what was wrong", () => {
    expect(usageErrorOf(["frob"])).toBe('unknown command "frob"');
    expect(usageErrorOf(["cohort", "delete"])).toBe(
      'unknown command "cohort delete"; cohort takes preview, create, show, list, members',
    );
    expect(usageErrorOf(["cohort", "preview", "--bogus"])).toBe("unknown option --bogus");
    expect(usageErrorOf(["cohort", "preview", "--percent"])).toBe("--percent needs a value");
    expect(usageErrorOf(["cohort", "list", "--json=yes"])).toBe("--json takes no value");
    expect(usageErrorOf(["cohort", "list", "extra"])).toBe('unexpected argument "extra"');
    expect(usageErrorOf(["cohort", "show", "--as", "root", "c1"])).toBe(
      "--as: must be one of admin, operator, viewer",
    );
    expect(usageErrorOf(["cohort", "show", "c1", "--as", "admin", "--email", "a@b.tw"])).toBe(
      "--email: give --as or --email, not both",
    );
    expect(usageErrorOf(["cohort", "show", "c1", "--api", "ftp://x"])).toBe(
      "--api: must be an http:// or https:// URL",
    );
    for (const argv of [["frob"], ["cohort", "preview", "--percent"], ["cohort", "show"]]) {
      expect(usageErrorOf(argv)).not.toContain("\n");
    }
  });

  it("checks each command's own arguments before anything runs", () => {
    expect(usageErrorOf(["cohort", "show"])).toBe("<id>: give one cohort id");
    expect(usageErrorOf(["cohort", "show", "does-not-exist"])).toBe("<id>: not a cohort id");
    expect(usageErrorOf(["wave", "status", "a/b"])).toBe("<id>: an id is 1–128 letters, digits, _ or -");
    expect(usageErrorOf(["wave", "advance", "w1"])).toBe("--reason: required: say why (it is recorded)");
    expect(usageErrorOf(["wave", "create", "--reason", "pilot"])).toBe(
      "--cohort: required: the cohort the wave migrates",
    );
    expect(usageErrorOf(["wave", "status", "w1", "--interval", "0"])).toBe("--interval: at least 0.2 s");
    expect(usageErrorOf(["cohort", "members", "cmc0ffee0-abc123", "--page-size", "0"])).toBe(
      "--page-size: must be at least 1",
    );
    expect(usageErrorOf(["verify"])).toBe("<customerCode>: give customer codes or --all (one of them)");
    expect(usageErrorOf(["verify", "123"])).toBe("<customerCode>: customer code is 7 digits");
    expect(usageErrorOf(["conflicts", "list", "--status", "gone"])).toMatch(/^--status: /);
    expect(usageErrorOf(["conflicts", "resolve", "c-1", "--choose", "maybe", "--reason", "x"])).toBe(
      "--choose: must be legacy, new or value",
    );
    expect(usageErrorOf(["conflicts", "resolve", "c-1", "--choose", "value", "--reason", "x"])).toBe(
      "--value: required with --choose value",
    );
    expect(usageErrorOf(["import-report", "--url", "mysql://x"])).toBe(
      "--url: must be a postgres:// URL (or set LEGACY_DATABASE_URL)",
    );
  });
});

describe("parseArgsMessage", () => {
  it("shortens node's multi-line messages to one line", () => {
    const long = new Error(
      "Unknown option '--x'. To specify a positional argument starting with a '-', place it…",
    );
    expect(parseArgsMessage(long)).toBe("unknown option --x");
    expect(parseArgsMessage(new Error("first\n  second"))).toBe("first; second");
  });
});
