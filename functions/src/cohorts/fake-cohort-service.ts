import type { CandidateFacts } from "./cohort-candidate-facts.js";
import { CohortService } from "./cohort-service.js";
import { FakeCohortCandidateFacts } from "./fake-cohort-candidate-facts.js";
import { FakeCohortStore } from "./fake-cohort-store.js";

/** The cohort service on fakes, with the fakes to inspect: what unit tests build instead of wiring. */
export function createFakeCohortService(
  facts: readonly CandidateFacts[],
  options: { moved?: string[]; now?: Date } = {},
) {
  const store = new FakeCohortStore();
  const source = new FakeCohortCandidateFacts(facts);
  const moved = options.moved ?? [];
  const service = new CohortService({
    facts: source,
    store,
    migrated: { codesNotOff: () => Promise.resolve([...moved]) },
    clock: () => options.now ?? new Date("2026-12-01T02:00:00Z"),
  });
  return { service, store, facts: source };
}
