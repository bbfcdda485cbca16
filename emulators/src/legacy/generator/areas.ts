import { type Prng, pickWeighted, weightedTable } from "./prng.js";

/**
 * Delivery areas as the vendor spells them (letter + route name), with the townships each route
 * serves. Shares follow the real business's shape: five town-centre areas carry 87%.
 */
interface AreaSpec {
  area: string;
  share: number;
  townships: readonly string[];
}

const areaSpecs: readonly AreaSpec[] = [
  { area: "A-瑞光", share: 28, townships: ["臺東市"] },
  { area: "B-四維", share: 22, townships: ["臺東市"] },
  { area: "C-漢中", share: 18, townships: ["臺東市"] },
  { area: "D-東方大鎮", share: 13, townships: ["臺東市"] },
  { area: "E-力國", share: 6, townships: ["臺東市"] },
  { area: "G-都蘭線", share: 1.8, townships: ["東河鄉"] },
  // Boats to the islands leave from 富岡, so island customers are served on this route.
  { area: "Y-富岡", share: 1.6, townships: ["臺東市", "臺東市", "綠島鄉", "蘭嶼鄉"] },
  { area: "L-大武線", share: 1.6, townships: ["太麻里鄉", "金峰鄉", "大武鄉", "達仁鄉"] },
  { area: "F-成功線", share: 1.4, townships: ["成功鎮", "長濱鄉", "東河鄉"] },
  { area: "H-鹿野線", share: 1.5, townships: ["鹿野鄉", "延平鄉"] },
  { area: "M-商校商圈", share: 1.4, townships: ["臺東市"] },
  { area: "K-東大線", share: 1.2, townships: ["臺東市", "卑南鄉"] },
  { area: "J-知本線", share: 1.5, townships: ["臺東市", "卑南鄉"] },
  { area: "I-池上線", share: 1.0, townships: ["池上鄉", "關山鎮", "海端鄉"] },
];

/** Hand-typed variants the vendor app never validated; each maps back to its real area. */
const areaTypos: readonly (readonly [typo: string, area: string])[] = [
  ["H-鹿野縣", "H-鹿野線"],
  ["A瑞光", "A-瑞光"],
  ["c-漢中", "C-漢中"],
  ["B-四維路", "B-四維"],
];
const typoShare = 0.08;

export const canonicalAreas = areaSpecs.map((spec) => spec.area);

const areaTable = weightedTable<{ label: string; spec: AreaSpec }>([
  ...areaSpecs.map((spec) => [{ label: spec.area, spec }, spec.share] as const),
  ...areaTypos.map(([typo, area]) => {
    const spec = areaSpecs.find((candidate) => candidate.area === area);
    if (!spec) throw new Error(`typo ${typo} names unknown area ${area}`);
    return [{ label: typo, spec }, typoShare] as const;
  }),
]);

/** The area label as stored (occasionally a typo) and the township the address will be in. */
export function pickArea(prng: Prng): { area: string; township: string } {
  const { label, spec } = pickWeighted(prng, areaTable);
  return { area: label, township: prng.pick(spec.townships) };
}
