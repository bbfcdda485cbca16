import { describe, expect, it } from "vitest";
import { createApiClient, urlOf } from "./api-client.js";
import { ApiError } from "./api-error.js";
import { CliError } from "./cli-error.js";

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeFetch(answer: () => Response) {
  const sent: Sent[] = [];
  const fetch = (async (url: URL, init: RequestInit) => {
    sent.push({
      url: String(url),
      method: String(init.method),
      headers: init.headers as Record<string, string>,
      body: init.body === undefined ? undefined : JSON.parse(String(init.body)),
    });
    return answer();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, sent };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("createApiClient", () => {
  it("sends the ID token on every request and a fresh Idempotency-Key on every write", async () => {
    const { fetch, sent } = fakeFetch(() => json(200, { ok: true }));
    let key = 0;
    const api = createApiClient({
      baseUrl: "http://127.0.0.1:8080",
      token: async () => "id-token",
      fetch,
      newIdempotencyKey: () => `key-${++key}`,
    });
    expect(await api.get("v1/sync/conflicts", { status: "open", pageToken: undefined })).toEqual({
      ok: true,
    });
    await api.post("v1/cohorts:preview", { percent: 1 });
    await api.post("v1/cohorts:preview", { percent: 1 });
    expect(sent[0]).toMatchObject({
      url: "http://127.0.0.1:8080/v1/sync/conflicts?status=open",
      method: "GET",
      headers: { authorization: "Bearer id-token" },
    });
    expect(sent[0]?.headers["idempotency-key"]).toBeUndefined();
    expect(sent[1]).toMatchObject({
      url: "http://127.0.0.1:8080/v1/cohorts:preview",
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "key-1" },
      body: { percent: 1 },
    });
    expect(sent[2]?.headers["idempotency-key"]).toBe("key-2");
  });

  it("turns a problem answer into an ApiError of one line", async () => {
    const { fetch } = fakeFetch(() =>
      json(404, {
        title: "NotFoundError",
        status: 404,
        detail: "No route for /v1/cohorts/x",
        correlationId: "c1",
      }),
    );
    const api = createApiClient({ baseUrl: "http://api.test", token: async () => "t", fetch });
    const failure = api.get("v1/cohorts/x");
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toThrow(
      "404 NotFoundError: No route for /v1/cohorts/x [correlation id c1]",
    );
  });

  it("explains an API it cannot reach", async () => {
    const fetch = (async () => {
      throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    }) as unknown as typeof globalThis.fetch;
    const api = createApiClient({ baseUrl: "http://127.0.0.1:1", token: async () => "t", fetch });
    const failure = api.get("v1/me");
    await expect(failure).rejects.toBeInstanceOf(CliError);
    await expect(failure).rejects.toThrow(
      /not reachable at http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\).*npm start/,
    );
  });
});

describe("urlOf", () => {
  it("keeps a base path and the colon of custom methods", () => {
    expect(String(urlOf("https://luckygas.tw/api", "v1/waves/w1:advance"))).toBe(
      "https://luckygas.tw/api/v1/waves/w1:advance",
    );
    expect(String(urlOf("http://h/", "/v1/cohorts", { pageSize: 10 }))).toBe(
      "http://h/v1/cohorts?pageSize=10",
    );
  });
});
