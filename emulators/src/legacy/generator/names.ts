import type { Prng } from "./prng.js";

/**
 * Synthetic names: a common surname or neutral word joined to a generic shop word. No list of
 * real customers went into this; collisions with a real shop name would be coincidence.
 */
export const surnames = [
  "陳",
  "林",
  "黃",
  "張",
  "李",
  "王",
  "吳",
  "劉",
  "蔡",
  "楊",
  "許",
  "鄭",
  "謝",
  "郭",
  "洪",
  "曾",
  "邱",
  "廖",
  "賴",
  "周",
] as const;
const givenNameParts = ["志", "明", "文", "俊", "家", "建", "美", "淑", "國", "信", "秀", "雅"] as const;
const shopWords = [
  "小吃",
  "麵店",
  "早餐店",
  "海產",
  "自助餐",
  "便當",
  "快炒",
  "冰店",
  "燒臘",
  "火鍋",
  "民宿",
  "商行",
  "餐廳",
  "豆花",
  "米苔目",
  "肉圓",
] as const;
const neutralPrefixes = ["阿美", "好味", "東海", "山海", "老街", "福氣", "鐵道", "小鎮"] as const;

export function personName(prng: Prng): string {
  return prng.pick(surnames) + prng.pick(givenNameParts) + prng.pick(givenNameParts);
}

/** Households are listed as "<surname>宅"; businesses as "<surname>記<shop>" or "<word><shop>". */
export function clientShortName(prng: Prng, isBusiness: boolean): string {
  if (!isBusiness) return `${prng.pick(surnames)}${prng.pick(givenNameParts)}宅`;
  return prng.chance(0.6)
    ? `${prng.pick(surnames)}記${prng.pick(shopWords)}`
    : `${prng.pick(neutralPrefixes)}${prng.pick(shopWords)}`;
}

export function invoiceTitle(prng: Prng, shortName: string): string {
  const base = shortName.replace(/宅$/, "");
  return prng.chance(0.5) ? `${base}有限公司` : `${base}${prng.pick(["商號", "企業社", "餐飲店"])}`;
}
