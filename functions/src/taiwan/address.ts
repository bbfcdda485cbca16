import { normaliseTai, toHalfWidth } from "./text-normalise.js";

export const taiwanCounties = [
  "臺北市",
  "新北市",
  "桃園市",
  "臺中市",
  "臺南市",
  "高雄市",
  "基隆市",
  "新竹市",
  "嘉義市",
  "新竹縣",
  "苗栗縣",
  "彰化縣",
  "南投縣",
  "雲林縣",
  "嘉義縣",
  "屏東縣",
  "宜蘭縣",
  "花蓮縣",
  "臺東縣",
  "澎湖縣",
  "金門縣",
  "連江縣",
] as const;

export interface ParsedAddress {
  /** Every part is sliced from the raw text, so 台/臺 are kept exactly as typed. */
  county: string;
  district: string;
  /** 村/里 and 鄰 between district and road, when written. */
  village?: string;
  /** Road or street with 段/巷/弄 (or a named 巷 on its own). */
  road: string;
  number: string;
  /** Floor, room and anything after 號. */
  rest?: string;
}

export interface TaiwanAddress {
  raw: string;
  parsed?: ParsedAddress;
}

const countyPattern = taiwanCounties.join("|");
const numeral = "[0-9一二三四五六七八九十百]";
/**
 * Groups: 1 county, 2 district, 3 village/鄰, 4 road (路/街/大道 + 段/巷/弄, or 巷 alone),
 * 5 number (號, with 之 or -), 6 rest. Non-greedy so the first 路/街 wins.
 */
const addressPattern = new RegExp(
  `^\\s*(?:\\d{3,6}\\s*)?(${countyPattern})\\s*` +
    "([^\\s\\d]{1,4}?[區鄉鎮市])\\s*" +
    `((?:[^\\s\\d]{1,4}?[村里])?\\s*(?:${numeral}+鄰)?)\\s*` +
    `((?:[^\\s\\d]{1,12}?(?:路|街|大道)(?:${numeral}+段)?(?:${numeral}+巷)?(?:${numeral}+弄)?)|(?:[^\\s\\d]{1,12}?巷(?:${numeral}+弄)?))\\s*` +
    `(${numeral}+(?:[之-]${numeral}+)?號(?:之${numeral}+)?)` +
    "(.*)$",
  "sd",
);

/**
 * Splits a free-text address into parts. Never rejects: when the shape is not
 * 縣市 + 區鄉鎮市 + 路街巷 + 號 only `raw` is returned and the caller decides what to flag.
 */
export function parseTaiwanAddress(raw: string): TaiwanAddress {
  // Both normalisations map one unit to one unit, so match indices are raw indices.
  const match = addressPattern.exec(normaliseTai(toHalfWidth(raw)));
  if (!match) return { raw };
  const slice = sliceRaw(raw, match);
  const parsed: ParsedAddress = { county: slice(1), district: slice(2), road: slice(4), number: slice(5) };
  const village = slice(3).trim();
  if (village !== "") parsed.village = village;
  const rest = slice(6).trim();
  if (rest !== "") parsed.rest = rest;
  return { raw, parsed };
}

/** Raw-text slice of each capture group (the `d` flag gives group indices). */
function sliceRaw(raw: string, match: RegExpExecArray): (group: number) => string {
  return (group) => {
    const span = match.indices?.[group];
    return span ? raw.slice(span[0], span[1]) : "";
  };
}

/** Writes a parsed address back as one line (used when an edit has no raw text). */
export function formatTaiwanAddress(parsed: ParsedAddress): string {
  return [
    parsed.county,
    parsed.district,
    parsed.village ?? "",
    parsed.road,
    parsed.number,
    parsed.rest ?? "",
  ].join("");
}
