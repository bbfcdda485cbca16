/**
 * Character-for-character normalisation used for matching only. Every replacement maps one
 * UTF-16 unit to one, so indices found in the normalised text are valid in the raw text and
 * callers can slice the raw text (which is always what they keep).
 */
const fullWidthDigitStart = 0xff10; // ０
const fullWidthToAscii: Readonly<Record<string, string>> = {
  "－": "-",
  "（": "(",
  "）": ")",
  "／": "/",
  "．": ".",
  "，": ",",
  "；": ";",
  "　": " ",
  "＃": "#",
};

/** ０-９ → 0-9 and common full-width punctuation → ASCII; lengths are preserved. */
export function toHalfWidth(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= fullWidthDigitStart && code <= fullWidthDigitStart + 9) {
      out += String.fromCharCode(code - fullWidthDigitStart + 48);
    } else {
      out += fullWidthToAscii[ch] ?? ch;
    }
  }
  return out;
}

/** 台 and 臺 are interchangeable in place names; match on 臺 (the official form). */
export function normaliseTai(text: string): string {
  return text.replaceAll("台", "臺");
}
