/** Lucky Gas delivery areas (路線) as the vendor codes them: letter + name, e.g. H-鹿野線. */
export const deliveryAreas: Readonly<Record<string, string>> = {
  A: "瑞光",
  B: "四維",
  C: "漢中",
  D: "東方大鎮",
  E: "力國",
  F: "成功線",
  G: "都蘭線",
  H: "鹿野線",
  I: "池上線",
  J: "知本線",
  K: "東大線",
  L: "大武線",
  M: "商校商圈",
  Y: "富岡",
};

export function deliveryAreaName(code: string): string | undefined {
  return Object.hasOwn(deliveryAreas, code) ? deliveryAreas[code] : undefined;
}
