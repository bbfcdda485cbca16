import { describe, expect, it } from "vitest";
import { formatTaiwanAddress, parseTaiwanAddress } from "./address.js";

describe("parseTaiwanAddress", () => {
  it("splits county, district, road with 段 and number", () => {
    expect(parseTaiwanAddress("臺東縣臺東市中華路一段100號")).toEqual({
      raw: "臺東縣臺東市中華路一段100號",
      parsed: { county: "臺東縣", district: "臺東市", road: "中華路一段", number: "100號" },
    });
  });

  it("matches 台 as 臺 but keeps the raw spelling in every part", () => {
    const address = parseTaiwanAddress("台東縣台東市更生路12巷3號");
    expect(address.parsed).toEqual({
      county: "台東縣",
      district: "台東市",
      road: "更生路12巷",
      number: "3號",
    });
  });

  it("keeps village/鄰, 之 numbers and the floor", () => {
    expect(parseTaiwanAddress("台東縣卑南鄉太平村10鄰太平路100之2號3樓").parsed).toEqual({
      county: "台東縣",
      district: "卑南鄉",
      village: "太平村10鄰",
      road: "太平路",
      number: "100之2號",
      rest: "3樓",
    });
  });

  it("skips a leading postal code and reads full-width digits and hyphenated numbers", () => {
    expect(parseTaiwanAddress("950臺東縣成功鎮港邊路２５-１號").parsed).toMatchObject({
      district: "成功鎮",
      number: "２５-１號",
    });
  });

  it("accepts a lane without a road and 弄", () => {
    expect(parseTaiwanAddress("臺東縣關山鎮和平巷5弄8號").parsed).toMatchObject({
      road: "和平巷5弄",
      number: "8號",
    });
  });

  it.each(["台東市中華路1號", "都蘭部落入口右轉", "", "臺東縣東河鄉都蘭村", "臺東縣臺東市中華路"])(
    "never rejects %j",
    (raw) => {
      expect(parseTaiwanAddress(raw)).toEqual({ raw });
    },
  );

  it("formats a parsed address back to the same text", () => {
    const raw = "台東縣卑南鄉太平村10鄰太平路100之2號3樓";
    const parsed = parseTaiwanAddress(raw).parsed;
    expect(parsed && formatTaiwanAddress(parsed)).toBe(raw);
  });
});
