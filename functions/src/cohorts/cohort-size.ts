import { CohortSizeError } from "./cohort-errors.js";

/** Float guard: 1.5% of 4,550 is 68.25 but 0.5% of 1,300 may come out 6.4999999999. */
const halfUpGuard = 1e-9;

/**
 * The number of members: `count` as given, or `percent` of the eligible customers rounded half
 * up and at least 1. Refused when larger than the eligible customers or smaller than the
 * pinned volunteers (they count towards the size).
 */
export function cohortSize(
  request: { percent?: number | undefined; count?: number | undefined; include: readonly string[] },
  eligible: number,
): number {
  const size =
    request.count ?? Math.max(1, Math.floor((eligible * (request.percent ?? 0)) / 100 + 0.5 + halfUpGuard));
  const path = request.count === undefined ? "body.percent" : "body.count";
  if (size > eligible) {
    throw new CohortSizeError(`a cohort of ${size} needs more than the ${eligible} eligible customers`, path);
  }
  if (request.include.length > size) {
    throw new CohortSizeError(
      `${request.include.length} pinned customers do not fit a cohort of ${size}`,
      "body.include",
    );
  }
  return size;
}
