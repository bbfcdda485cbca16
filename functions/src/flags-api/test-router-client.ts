import type { Router } from "../http/router.js";

export interface RouterCallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

export interface RouterAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** For unit tests: drives Router.handle as functions-framework would and records the answer. */
export function routerClient(router: Router) {
  return async (method: string, path: string, options: RouterCallOptions = {}): Promise<RouterAnswer> => {
    const answer: RouterAnswer = { status: 0, headers: {}, body: undefined };
    const res = {
      status(code: number) {
        answer.status = code;
        return res;
      },
      set(name: string, value: string) {
        answer.headers[name.toLowerCase()] = value;
        return res;
      },
      send(body: unknown) {
        answer.body = JSON.parse(String(body));
      },
      end() {},
    };
    const headers = {
      ...options.headers,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    };
    await router.handle({ method, path, query: options.query ?? {}, headers, body: options.body }, res);
    return answer;
  };
}
