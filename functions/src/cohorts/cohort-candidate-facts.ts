import type { CohortCandidate } from "./cohort-candidate.js";

/**
 * What the legacy register says of one customer: every candidate fact but membership of another
 * cohort or wave, which only the control plane knows (the cohort service adds it).
 */
export type CandidateFacts = Omit<CohortCandidate, "inOtherCohortOrWave">;

/** Port: the facts of every customer of the register, as of `asOf` (the 90-day window ends there). */
export interface CohortCandidateFacts {
  load(asOf: Date): Promise<CandidateFacts[]>;
}
