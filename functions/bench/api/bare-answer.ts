/** What a bare handler gets: the path's customer code, the parsed body, If-Match and the verified user. */
export interface BareInput {
  code: string;
  body: unknown;
  ifMatch: string | undefined;
  uid: string;
  email: string | null;
}

export interface BareAnswer {
  status: number;
  body: unknown;
  etag?: string;
}

/** A refusal the route cannot avoid either (no such customer, stale If-Match): answered with its status. */
export class BareRefusal extends Error {
  constructor(readonly status: number) {
    super(`bare refusal ${status}`);
  }
}
