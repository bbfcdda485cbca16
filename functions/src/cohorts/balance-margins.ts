import type { StratumAllocation } from "./allocate-strata.js";

export interface MarginStratum extends StratumAllocation {
  /** The margins the stratum counts towards, one per dimension, e.g. `["area=H", "clientType=school"]`. */
  margins: readonly string[];
  /** The stratum's proportional count (size × its population share), as the chi-square expects it. */
  expected: number;
}

interface Cell {
  /** Members of the margin's value minus its proportional count. */
  deviation: number;
}

/** Enough for any real table; each move strictly improves, so this only guards against a bug. */
const maxMoves = 100_000;

/**
 * What a move's change of the strata's chi-square term (a − e)² / e weighs against the margins'.
 * Without it the moves pile into the tiniest strata (one member where 0.02 is expected adds ~50
 * to the chi-square), and the SRM check refuses a well-spread 1% cohort; with it, a margin is
 * still brought within a member of its share but through the strata the chi-square minds least.
 * Tuned on the synthetic register (1,000–20,000 customers, 0.5–30% cohorts): margins within one
 * member, chi-square far below its degrees of freedom.
 */
const chiSquareWeight = 0.03;

/**
 * Largest remainder rounds each stratum on its own, so a value spread over many small strata
 * can lose every rounding: in a 1% cohort of 5,000 customers over ~300 strata almost every quota
 * is below 1, the largest remainders all belong to residential strata, and the cohort came out
 * 100% residential against 92% (8 pp off). This moves single members between strata, each
 * staying at the floor or ceiling of its quota and the total unchanged, while that lowers
 * Σ over margins (members − proportional count)² + weight × Σ over strata (a − e)² / e:
 * the best move first, until none helps. `targets` is each margin's proportional count.
 */
export function balanceMargins(
  strata: readonly MarginStratum[],
  targets: ReadonlyMap<string, number>,
): number[] {
  const cells = new Map<string, Cell>();
  const cellOf = (margin: string): Cell => {
    const existing = cells.get(margin);
    if (existing) return existing;
    const cell = { deviation: -(targets.get(margin) ?? 0) };
    cells.set(margin, cell);
    return cell;
  };
  const state = strata.map((stratum) => ({ ...stratum, cells: stratum.margins.map(cellOf) }));
  for (const stratum of state) for (const cell of stratum.cells) cell.deviation += stratum.count;
  for (let moves = 0; moves < maxMoves; moves += 1) {
    const move = bestMove(state);
    if (move === undefined) break;
    move.from.count -= 1;
    move.to.count += 1;
    for (const cell of move.from.cells) cell.deviation -= 1;
    for (const cell of move.to.cells) cell.deviation += 1;
  }
  return state.map((stratum) => stratum.count);
}

type State = MarginStratum & { cells: Cell[] };

function bestMove(state: readonly State[]): { from: State; to: State } | undefined {
  let best: { from: State; to: State } | undefined;
  // Strictly below zero by more than float noise, so swaps of equal cost cannot cycle.
  let bestChange = -1e-9;
  const givers = state.filter((stratum) => stratum.count > stratum.lower);
  const takers = state.filter((stratum) => stratum.count < stratum.upper);
  for (const from of givers) {
    for (const to of takers) {
      if (to === from) continue;
      const change = moveChange(from, to);
      if (change < bestChange) {
        bestChange = change;
        best = { from, to };
      }
    }
  }
  return best;
}

/** Change of Σ deviation² when one member moves: (D−1)² − D² + (E+1)² − E² per margin it changes. */
function moveChange(from: State, to: State): number {
  let change = 0;
  from.cells.forEach((source, d) => {
    const target = to.cells[d];
    if (target === undefined || target === source) return;
    change += 2 * (target.deviation - source.deviation) + 2;
  });
  // (a − 1 − e)² − (a − e)² = 1 − 2(a − e) for the giver, 1 + 2(a − e) for the taker.
  if (from.expected > 0) change += (chiSquareWeight * (1 - 2 * (from.count - from.expected))) / from.expected;
  if (to.expected > 0) change += (chiSquareWeight * (1 + 2 * (to.count - to.expected))) / to.expected;
  return change;
}
