import { OFREPProvider } from "@openfeature/ofrep-provider";
import { OFREPWebProvider } from "@openfeature/ofrep-web-provider";
import { ErrorCode, OpenFeature } from "@openfeature/server-sdk";
import { OpenFeature as WebOpenFeature } from "@openfeature/web-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, type FlagsTestStack, startFlagsTestStack } from "./flags-test-stack.js";

/**
 * The stock OpenFeature OFREP providers, unchanged, against a running `api` function: they send
 * the viewer's ID token through their `headers` option, exactly as the web app and services would.
 */
let stack: FlagsTestStack;
let baseUrl: string;

const rolloutFlag = {
  state: "ENABLED",
  variants: { on: true, off: false },
  defaultVariant: "off",
  targeting: { if: [{ in: [{ var: "targetingKey" }, ["C0001"]] }, "on"] },
};
const bannerFlag = {
  state: "ENABLED",
  variants: { plain: "歡迎", festive: "新年快樂" },
  defaultVariant: "plain",
};

async function putFlag(key: string, definition: object, ifMatch?: string) {
  const answer = await callApi(baseUrl, "PUT", `/v1/flags/${key}`, {
    token: stack.tokens.admin,
    headers: ifMatch ? { "if-match": ifMatch } : { "if-none-match": "*" },
    body: { definition, reason: "ofrep test" },
  });
  expect(answer.status).toBeLessThan(300);
}

beforeAll(async () => {
  stack = await startFlagsTestStack("ofrep", 1);
  baseUrl = (stack.apis[0]?.url ?? "").replace(/\/$/, "");
  await putFlag("pilot", rolloutFlag);
  await putFlag("banner", bannerFlag);
}, 120_000);
afterAll(async () => {
  await OpenFeature.close();
  await WebOpenFeature.close();
  await stack?.stop();
});

describe("@openfeature/ofrep-provider (server)", () => {
  it("evaluates single flags with value, variant, reason and our flag version", async () => {
    const headers: [string, string][] = [["Authorization", `Bearer ${stack.tokens.viewer}`]];
    await OpenFeature.setProviderAndWait("ofrep-server", new OFREPProvider({ baseUrl, headers }));
    const client = OpenFeature.getClient("ofrep-server");
    await expect.poll(() => client.getBooleanValue("pilot", false, { targetingKey: "C0001" })).toBe(true);
    const details = await client.getBooleanDetails("pilot", true, { targetingKey: "C0002" });
    expect(details).toMatchObject({ value: false, variant: "off", reason: "DEFAULT" });
    const listed = await client.getBooleanDetails("pilot", false, { targetingKey: "C0001" });
    expect(listed).toMatchObject({ value: true, variant: "on", reason: "TARGETING_MATCH" });
    expect(listed.flagMetadata.flagVersion).toBe(1);
    expect(await client.getStringValue("banner", "?", { targetingKey: "C0001" })).toBe("歡迎");
    const missing = await client.getBooleanDetails("no-such-flag", true, { targetingKey: "C0001" });
    expect(missing).toMatchObject({ value: true, errorCode: ErrorCode.FLAG_NOT_FOUND });
  });

  it("without a token gets the caller's default and an error, never a value", async () => {
    await OpenFeature.setProviderAndWait("ofrep-anonymous", new OFREPProvider({ baseUrl }));
    const details = await OpenFeature.getClient("ofrep-anonymous").getBooleanDetails("pilot", false, {
      targetingKey: "C0001",
    });
    expect(details.value).toBe(false);
    expect(details.errorCode).toBeDefined();
  });
});

describe("@openfeature/ofrep-web-provider (browser)", () => {
  it("bulk-evaluates for its context, revalidates with ETag (304) and picks up a change by polling", async () => {
    const statuses: number[] = [];
    // The real fetch, observed: the provider's own requests and our server's real answers.
    const observedFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    };
    const provider = new OFREPWebProvider({
      baseUrl,
      headers: [["Authorization", `Bearer ${stack.tokens.viewer}`]],
      pollInterval: 200,
      changeDetection: "polling",
      cacheMode: "disabled",
      fetchImplementation: observedFetch,
    });
    await WebOpenFeature.setContext("web", { targetingKey: "C0001" });
    await WebOpenFeature.setProviderAndWait("web", provider);
    const client = WebOpenFeature.getClient("web");
    expect(client.getBooleanDetails("pilot", false)).toMatchObject({ value: true, variant: "on" });
    expect(client.getStringValue("banner", "?")).toBe("歡迎");
    await expect
      .poll(() => statuses.filter((status) => status === 304).length, { timeout: 5000 })
      .toBeGreaterThan(0);

    await putFlag("banner", { ...bannerFlag, defaultVariant: "festive" }, '"1"');
    await expect.poll(() => client.getStringValue("banner", "?"), { timeout: 5000 }).toBe("新年快樂");
    await WebOpenFeature.setContext("web", { targetingKey: "C0002" });
    expect(client.getBooleanValue("pilot", true)).toBe(false);
  });
});

describe("OFREP over plain HTTP", () => {
  it("answers 401 without a token and the OFREP error shape for a disabled flag", async () => {
    const anonymous = await callApi(baseUrl, "POST", "/ofrep/v1/evaluate/flags/pilot", { body: {} });
    expect(anonymous.status).toBe(401);
    await putFlag("retired", { ...bannerFlag, state: "DISABLED" });
    const disabled = await callApi(baseUrl, "POST", "/ofrep/v1/evaluate/flags/retired", {
      token: stack.tokens.viewer,
      body: { context: { targetingKey: "C0001" } },
    });
    expect(disabled).toMatchObject({ status: 404, body: { key: "retired", errorCode: "FLAG_NOT_FOUND" } });
  });
});
