import type { IdempotencyStore, Reservation } from "./idempotency-store.js";
import type { HttpResponse } from "./route.js";

/** In-memory IdempotencyStore for unit tests, with the same create-if-absent semantics. */
export class FakeIdempotencyStore implements IdempotencyStore {
  readonly records = new Map<string, { fingerprint: string; response?: HttpResponse }>();

  async reserve(id: string, fingerprint: string): Promise<Reservation> {
    const found = this.records.get(id);
    if (!found) {
      this.records.set(id, { fingerprint });
      return { kind: "reserved" };
    }
    return found.response
      ? { kind: "done", fingerprint: found.fingerprint, response: structuredClone(found.response) }
      : { kind: "running", fingerprint: found.fingerprint };
  }

  async complete(id: string, response: HttpResponse): Promise<void> {
    const found = this.records.get(id);
    if (found) found.response = structuredClone(response);
  }

  async release(id: string): Promise<void> {
    this.records.delete(id);
  }
}
