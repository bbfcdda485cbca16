import type { BenchCustomers } from "./bench-fixtures.js";
import { type Shot, sendOnce } from "./open-loop.js";

export interface BenchTokens {
  viewer: string;
  operator: string;
}

/** One row of the table: what the API is sent on its i-th request, and what its bare baseline is sent. */
export interface BenchRoute {
  name: string;
  api: (i: number) => Shot;
  bare: (i: number) => Shot;
  /** ETags of the customers the route writes, read before it runs (writes need If-Match). */
  etags?: { api: EtagBook; bare: EtagBook };
}

/** The ETag each customer has now, as the last answer about it said. */
export class EtagBook {
  private readonly etags = new Map<string, string>();
  constructor(
    readonly codes: string[],
    /** The read whose answer carries a customer's ETag. */
    readonly read: (code: string) => Shot,
  ) {}
  get(code: string): string {
    return this.etags.get(code) ?? "";
  }
  /** Reads every customer's ETag, ten at a time. */
  async fill(baseUrl: string): Promise<void> {
    for (let start = 0; start < this.codes.length; start += 10) {
      await Promise.all(
        this.codes.slice(start, start + 10).map(async (code) => {
          const answer = await sendOnce(baseUrl, this.read(code));
          if (!answer.etag) throw new Error(`no ETag for ${code} from ${baseUrl} (status ${answer.status})`);
          this.keeper(code)(answer.status, answer.etag);
        }),
      );
    }
  }

  keeper(code: string): (status: number, etag: string | undefined) => void {
    return (status, etag) => {
      if (status >= 200 && status < 300 && etag) this.etags.set(code, etag);
    };
  }
}

const at = (codes: string[], i: number) => codes[i % codes.length] ?? "";
const orderBody = { items: [{ sizeKg: 20, quantity: 2 }] };

function readRoute(name: string, codes: string[], bareRoute: string, tokens: BenchTokens): BenchRoute {
  return {
    name,
    api: (i) => ({ method: "GET", path: `/v1/customers/${at(codes, i)}`, token: tokens.viewer }),
    bare: (i) => ({ method: "GET", path: `/${bareRoute}/${at(codes, i)}`, token: tokens.viewer }),
  };
}

function patchRoute(name: string, codes: BenchCustomers["off"], bareRoute: string, tokens: BenchTokens) {
  const api = new EtagBook(codes.api, (code) => ({
    method: "GET",
    path: `/v1/customers/${code}`,
    token: tokens.viewer,
  }));
  const bare = new EtagBook(codes.bare, (code) => ({
    method: "GET",
    path: `/${bareRoute.replace("patch", "get")}/${code}`,
    token: tokens.viewer,
  }));
  const patch = (book: EtagBook, path: (code: string) => string) => (i: number) => {
    const code = at(book.codes, i);
    return {
      method: "PATCH" as const,
      path: path(code),
      token: tokens.operator,
      body: { remark: `bench:api ${i}` },
      headers: { "if-match": book.get(code) },
      onAnswer: book.keeper(code),
    };
  };
  return {
    name,
    api: patch(api, (code) => `/v1/customers/${code}`),
    bare: patch(bare, (code) => `/${bareRoute}/${code}`),
    etags: { api, bare },
  };
}

function orderRoute(name: string, codes: string[], bareRoute: string, tokens: BenchTokens): BenchRoute {
  const post = (path: (code: string) => string) => (i: number) => ({
    method: "POST" as const,
    path: path(at(codes, i)),
    token: tokens.operator,
    body: orderBody,
  });
  return {
    name,
    api: post((code) => `/v1/customers/${code}/orders`),
    bare: post((code) => `/${bareRoute}/${code}`),
  };
}

/** Every route of the issue, each next to its bare baseline (bare-api-function.ts). */
export function benchRoutes(
  customers: BenchCustomers,
  contexts: Record<string, string>[],
  tokens: BenchTokens,
): BenchRoute[] {
  const context = (i: number) => ({ context: contexts[i % contexts.length] });
  return [
    readRoute("GET customer (off)", customers.off.api, "get-legacy", tokens),
    readRoute("GET customer (live)", customers.live.api, "get-new", tokens),
    {
      name: "OFREP bulk",
      api: (i) => ({
        method: "POST",
        path: "/ofrep/v1/evaluate/flags",
        token: tokens.viewer,
        body: context(i),
      }),
      bare: (i) => ({ method: "POST", path: "/ofrep-bulk", token: tokens.viewer, body: context(i) }),
    },
    {
      name: "GET customers?pageSize=50",
      api: () => ({ method: "GET", path: "/v1/customers?pageSize=50", token: tokens.viewer }),
      bare: () => ({ method: "GET", path: "/list-legacy", token: tokens.viewer }),
    },
    patchRoute("PATCH customer (off)", customers.off, "patch-legacy", tokens),
    patchRoute("PATCH customer (live)", customers.live, "patch-new", tokens),
    orderRoute("POST order (off)", customers.off.api, "order-legacy", tokens),
    // Last: every new-side create of a day takes the one counter document, the most contended route.
    orderRoute("POST order (live)", customers.live.api, "order-new", tokens),
  ];
}
