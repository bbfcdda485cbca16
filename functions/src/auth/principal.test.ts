import { describe, expect, it } from "vitest";
import { FakeTokenVerifier } from "./fake-token-verifier.js";
import { Authorizer } from "./principal.js";

const verifier = new FakeTokenVerifier({
  viewer: { uid: "v", role: "viewer" },
  operator: { uid: "o", role: "operator" },
  admin: { uid: "a", role: "admin" },
  none: { uid: "n" },
});
const authorizer = new Authorizer(verifier, verifier);

describe("Authorizer", () => {
  it.each([
    [undefined, "UNAUTHENTICATED"],
    ["Basic abc", "UNAUTHENTICATED"],
    ["Bearer forged", "UNAUTHENTICATED"],
    ["Bearer none", "FORBIDDEN"],
    ["Bearer viewer", "FORBIDDEN"],
  ])("refuses %s for an operator write with %s", async (header, code) => {
    await expect(authorizer.authorize(header, { role: "operator", write: true })).rejects.toMatchObject({
      code,
    });
  });

  it("lets higher roles do what lower roles may", async () => {
    await expect(
      authorizer.authorize("Bearer admin", { role: "viewer", write: false }),
    ).resolves.toMatchObject({
      uid: "a",
      role: "admin",
    });
  });

  it("refuses a revoked session on reads as well as writes", async () => {
    verifier.revoke("operator");
    for (const write of [false, true]) {
      await expect(
        authorizer.authorize("Bearer operator", { role: "operator", write }),
      ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    }
  });

  it("refuses a disabled account on reads", async () => {
    verifier.disable("v");
    await expect(
      authorizer.authorize("Bearer viewer", { role: "viewer", write: false }),
    ).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });
});
