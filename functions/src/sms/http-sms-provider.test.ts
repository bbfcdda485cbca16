import { afterEach, describe, expect, it, vi } from "vitest";
import { HttpSmsProvider } from "./http-sms-provider.js";

/** Replaces fetch with a gateway that accepts everything and keeps each submitted form. */
function stubGateway(): URLSearchParams[] {
  const forms: URLSearchParams[] = [];
  vi.stubGlobal("fetch", async (_url: URL, init: RequestInit) => {
    forms.push(new URLSearchParams(init.body as URLSearchParams));
    return new Response("[1]\r\nmsgid=#000000001\r\nstatuscode=1\r\n", { status: 200 });
  });
  return forms;
}

const provider = new HttpSmsProvider({
  baseUrl: "http://sms.test",
  credentials: async () => ({ username: "u", password: "p" }),
});

describe("HttpSmsProvider", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each(["0912345678", "+886912345678", "+886-912-345-678"])(
    "submits %s to the gateway as dstaddr=0912345678",
    async (to) => {
      const forms = stubGateway();
      await expect(provider.send({ to, message: "hi", clientId: "n-1" })).resolves.toEqual({
        providerMessageId: "#000000001",
        status: "sent",
      });
      expect(forms.map((form) => form.get("dstaddr"))).toEqual(["0912345678"]);
    },
  );
});
