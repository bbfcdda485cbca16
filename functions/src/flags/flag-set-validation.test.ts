import { describe, expect, it } from "vitest";
import { FlagDefinitionInvalidError } from "./flag-errors.js";
import { assertValidFlagSet } from "./flag-set-validation.js";
import { singleFlagConfig } from "./flagd-config.js";

const validStage = {
  state: "ENABLED",
  variants: { off: "off", live: "live" },
  defaultVariant: "off",
  targeting: {
    if: [
      { starts_with: [{ var: "targetingKey" }, "T9"] },
      "live",
      {
        fractional: [
          ["off", 50],
          ["live", 50],
        ],
      },
    ],
  },
};

function invalidPathOf(definition: Record<string, unknown>, evaluators?: Record<string, unknown>): string {
  try {
    assertValidFlagSet(singleFlagConfig("stage", definition, evaluators));
  } catch (error) {
    if (error instanceof FlagDefinitionInvalidError) return error.path;
    throw error;
  }
  throw new Error("definition was accepted");
}

describe("assertValidFlagSet", () => {
  it("accepts a definition using fractional, starts_with, sem_ver and a shared $ref", () => {
    const withRef = { ...validStage, targeting: { $ref: "pilotCustomers" } };
    const evaluators = {
      pilotCustomers: { if: [{ sem_ver: [{ var: "appVersion" }, ">=", "2.0.0"] }, "live", null] },
    };
    expect(() => assertValidFlagSet(singleFlagConfig("stage", validStage, undefined))).not.toThrow();
    expect(() => assertValidFlagSet(singleFlagConfig("stage", withRef, evaluators))).not.toThrow();
  });

  it("rejects an unknown state with a coded error naming /flags/<key>/state", () => {
    const error = (() => {
      try {
        assertValidFlagSet(singleFlagConfig("stage", { ...validStage, state: "ON" }, undefined));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(FlagDefinitionInvalidError);
    expect((error as FlagDefinitionInvalidError).code).toBe("INVALID_FLAG_DEFINITION");
    expect((error as FlagDefinitionInvalidError).path).toBe("/flags/stage/state");
  });

  it("names the variant whose value breaks the variant type", () => {
    expect(invalidPathOf({ ...validStage, variants: { off: "off", live: 3 } })).toMatch(
      /^\/flags\/stage\/variants/,
    );
  });

  it("rejects a default variant that is not one of the variants", () => {
    expect(invalidPathOf({ ...validStage, defaultVariant: "shadow" })).toBe("/flags/stage/defaultVariant");
  });

  it("rejects targeting with an unknown operator or an unresolved $ref", () => {
    expect(invalidPathOf({ ...validStage, targeting: { no_such_op: [1, 2] } })).toMatch(
      /^\/flags\/stage\/targeting/,
    );
    expect(invalidPathOf({ ...validStage, targeting: { $ref: "missing" } })).toMatch(
      /^\/flags\/stage\/targeting/,
    );
  });

  it("rejects a missing variants map", () => {
    const { variants: _dropped, ...withoutVariants } = validStage;
    expect(invalidPathOf(withoutVariants)).toMatch(/^\/flags\/stage/);
  });
});
