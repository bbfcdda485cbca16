import type { CandidateFacts, CohortCandidateFacts } from "./cohort-candidate-facts.js";

/** The facts port over a fixed list (tests); `asOf` is recorded so a test can see the window. */
export class FakeCohortCandidateFacts implements CohortCandidateFacts {
  readonly loads: Date[] = [];

  constructor(private readonly facts: readonly CandidateFacts[]) {}

  load(asOf: Date): Promise<CandidateFacts[]> {
    this.loads.push(asOf);
    return Promise.resolve(this.facts.map((fact) => ({ ...fact })));
  }
}
