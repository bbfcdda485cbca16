import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";

/**
 * The security headers firebase.json gives every Hosting path. The CSP is sized to the dashboard
 * (web/): its own module script and stylesheet, fetches to the same origin (/v1, /ofrep, /healthz,
 * /runtime-config.json) and to Firebase Auth's two REST hosts. Email/password sign-in is plain fetch;
 * the *.firebaseapp.com iframe (and the apis.google.com loader it needs) serves only popup/redirect
 * sign-in, which the dashboard does not use. getAuth() opens it early on Safari and mobile and ignores
 * a failure; with script-src 'self' the loader is refused at once, so sign-in does not wait for it.
 * Locally the stack's Hosting emulator runs from its own generated config
 * (emulators/src/services/firebase-emulators.ts) without these headers, so the Auth emulator and the
 * API on other localhost ports stay reachable and production never allows localhost.
 */
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const firebaseJsonSchema = z.object({
  hosting: z.object({
    headers: z.array(
      z.object({ source: z.string(), headers: z.array(z.object({ key: z.string(), value: z.string() })) }),
    ),
  }),
});

function headersFor(source: string): Map<string, string> {
  const config = firebaseJsonSchema.parse(JSON.parse(readFileSync(join(repoRoot, "firebase.json"), "utf8")));
  const rules = config.hosting.headers.filter((rule) => rule.source === source);
  return new Map(
    rules.flatMap((rule) =>
      rule.headers.map((header): [string, string] => [header.key.toLowerCase(), header.value]),
    ),
  );
}

/** Directive name → source list, as a browser reads a policy (names are case-insensitive). */
function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    // A repeated directive is ignored by browsers; flag it instead of silently keeping the first.
    expect(directives.has(name.toLowerCase()), `duplicate directive ${name}`).toBe(false);
    directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

const everyPath = headersFor("**");
const csp = parseCsp(everyPath.get("content-security-policy") ?? "");

describe("Hosting security headers for every path", () => {
  it("forbids framing, in CSP and for old browsers", () => {
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(everyPath.get("x-frame-options")).toBe("DENY");
  });

  it("turns off MIME sniffing", () => {
    expect(everyPath.get("x-content-type-options")).toBe("nosniff");
  });

  it("sends at most the origin to other sites", () => {
    expect(["strict-origin-when-cross-origin", "no-referrer"]).toContain(everyPath.get("referrer-policy"));
  });

  it("pins HTTPS for at least a year, subdomains included", () => {
    const hsts = everyPath.get("strict-transport-security") ?? "";
    const maxAge = Number(/max-age=(\d+)/i.exec(hsts)?.[1] ?? 0);
    expect(maxAge).toBeGreaterThanOrEqual(31_536_000);
    expect(hsts).toMatch(/;\s*includeSubDomains/i);
  });

  it("keeps runtime-config.json uncached", () => {
    expect(headersFor("/runtime-config.json").get("cache-control")).toBe("no-store");
  });
});

describe("the Content-Security-Policy", () => {
  it("falls back to the own origin", () => {
    expect(csp.get("default-src")).toEqual(["'self'"]);
  });

  it("runs only the dashboard's own scripts: no eval, no inline code, no third-party script", () => {
    expect(csp.get("script-src")).toEqual(["'self'"]);
    for (const [name, sources] of csp) {
      expect(sources, name).not.toContain("'unsafe-eval'");
      expect(sources, name).not.toContain("'unsafe-inline'");
      expect(sources, name).not.toContain("*");
    }
  });

  it("blocks plugins, <base> rewrites and form posts", () => {
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    // Without JS the sign-in form would GET itself with the password in the URL.
    expect(csp.get("form-action")).toEqual(["'none'"]);
  });

  it("connects to the own origin and Firebase Auth's endpoints only, never to localhost", () => {
    expect(csp.get("connect-src")?.sort()).toEqual([
      "'self'",
      "https://identitytoolkit.googleapis.com",
      "https://securetoken.googleapis.com",
    ]);
    expect(everyPath.get("content-security-policy")).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it("embeds no frames (email/password sign-in needs no *.firebaseapp.com iframe)", () => {
    expect(csp.get("frame-src")).toEqual(["'none'"]);
  });
});
