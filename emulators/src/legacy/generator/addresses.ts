import type { Prng } from "./prng.js";

/** Public road names per township; house numbers are random, so no address points at anyone. */
const roadsByTownship: Record<string, readonly string[]> = {
  臺東市: [
    "中華路一段",
    "中華路二段",
    "中正路",
    "新生路",
    "更生路",
    "四維路三段",
    "漢中街",
    "傳廣路",
    "正氣路",
    "博愛路",
    "開封街",
    "勝利街",
    "光明路",
    "中興路二段",
    "興安路",
    "豐榮路",
    "知本路三段",
    "松江路一段",
  ],
  卑南鄉: ["太平路", "知本路一段", "溫泉路", "賓朗路"],
  太麻里鄉: ["中山路", "大王路", "華源路"],
  東河鄉: ["都蘭路", "東河路", "興昌路"],
  成功鎮: ["中山路", "大同路", "中華路", "三民路"],
  鹿野鄉: ["中華路一段", "光榮路", "高台路"],
  關山鎮: ["中山路", "博愛路", "中華路"],
  池上鄉: ["中山路", "中正路", "中西三路"],
  大武鄉: ["復興路", "和平路"],
  延平鄉: ["昇平路", "桃源路"],
  長濱鄉: ["長濱路", "忠勇路"],
  金峰鄉: ["嘉蘭路", "賓茂路"],
  達仁鄉: ["安朔路", "南田路"],
  海端鄉: ["山平路", "海端路"],
  綠島鄉: ["南寮路", "中寮路", "環島路"],
  蘭嶼鄉: ["椰油路", "紅頭路", "環島公路"],
};

const landmarks = [
  "富岡漁港旁",
  "知本溫泉路口第三間",
  "都蘭國小對面",
  "池上火車站後面",
  "鹿野高台停車場旁",
  "太麻里金針山上第二個彎",
  "成功漁港魚市場內",
  "關山親水公園旁鐵皮屋",
  "卑南遺址公園後面",
  "鐵花村附近巷子內",
];

export const unparseableAddressShare = 0.09;

function roadsOf(township: string): readonly string[] {
  const roads = roadsByTownship[township];
  if (!roads) throw new Error(`no roads for township ${township}`);
  return roads;
}

/** `臺東縣<鄉鎮市><路/街>[<n>巷]<n>號`, as the vendor app stores a clean address. */
function wellFormedAddress(prng: Prng, township: string): string {
  const county = prng.chance(0.12) ? "台東縣" : "臺東縣";
  const lane = prng.chance(0.2) ? `${prng.int(1, 80)}巷` : "";
  const suffix = prng.chance(0.05) ? `之${prng.int(1, 5)}` : "";
  const floor = prng.chance(0.06) ? `${prng.int(2, 5)}樓` : "";
  return `${county}${township}${prng.pick(roadsOf(township))}${lane}${prng.int(1, 420)}${suffix}號${floor}`;
}

/** Forms a strict parser can't split into county + township + road + number. */
function malformedAddress(prng: Prng, township: string): string {
  switch (prng.int(0, 3)) {
    case 0:
      return prng.pick(landmarks);
    case 1:
      return `臺東縣${township}${prng.pick(roadsOf(township))}(近${prng.pick(["全家", "7-11", "廟口", "加油站"])})`;
    case 2:
      // Townships are divided into 村, the city (and towns) into 里.
      return `臺東縣${township}${prng.pick(["富山", "新港", "大王", "永安", "豐里"])}${township.endsWith("鄉") ? "村" : "里"}${prng.int(1, 30)}鄰`;
    default:
      return `${prng.pick(roadsOf(township))}${prng.int(1, 420)}號`;
  }
}

export function legacyAddress(prng: Prng, township: string): { address: string; wellFormed: boolean } {
  const wellFormed = !prng.chance(unparseableAddressShare);
  return {
    address: wellFormed ? wellFormedAddress(prng, township) : malformedAddress(prng, township),
    wellFormed,
  };
}
