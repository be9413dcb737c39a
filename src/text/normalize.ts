/**
 * Text normalization shared by questions and documents: one composed form (NFC), the plain letters
 * for their presentation and width forms, and none of the invisible characters that web pages and
 * keyboards put inside words, so that a word typed or copied with them is the same word as without.
 * Documents also get their HTML entities decoded.
 */

/**
 * Characters that change how text is shown, never what it says: soft hyphen, Arabic letter mark,
 * tatweel (kashida), Mongolian vowel separator, zero-width space, non-joiner and joiner, LRM and
 * RLM, bidi embeddings and overrides, word joiner and invisible operators, bidi isolates, BOM
 * (zero-width no-break space). Written as the body of a character class, for the word pattern.
 */
export const IGNORABLE_CLASS = "\\u00AD\\u061C\\u0640\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF";

const IGNORABLE = new RegExp(`[${IGNORABLE_CLASS}]`, "gu");

/**
 * Characters that differ from their NFKC form in shape or width only, folded to it; nothing else is
 * (², ½, ﬁ, ㎏ and Ⅻ keep their meaning), nor the word ligatures U+FDF0–U+FDFF (ﷲ, ﷺ), which stand
 * for whole words and phrases and stay as written:
 * - Arabic presentation forms (U+FB50–U+FDEF, U+FE70–U+FEFE): the shaped letters and letter
 *   ligatures that text copied from PDFs carries;
 * - fullwidth and halfwidth forms (U+FF00–U+FFEF);
 * - the "fancy fonts" of social media: Mathematical Alphanumeric Symbols (U+1D400–U+1D7FF: 𝐏𝐮𝐭𝐢𝐧,
 *   𝘮𝘰𝘴𝘤𝘰𝘸), with the Letterlike Symbols that fill that block's holes (ℎ, ℌ, ℂ, ℛ …, listed by
 *   Unicode as the block's reserved code points), and the enclosed alphanumerics (U+2460–U+24FF:
 *   ⓜⓔⓢⓗⓐⓐⓛ, ①, ⑴; U+1F100–U+1F1FF: 🄰, 🄐), which are letters and digits in a frame. Emoji
 *   of those blocks (🅰, the regional indicators of flags) have no NFKC form and stay.
 */
const SHAPE_OR_WIDTH_FORMS = new RegExp(
  [
    String.raw`(?:[\uFB50-\uFDEF\uFE70-\uFEFE\uFF00-\uFFEF\u2460-\u24FF`, // presentation, width and enclosed forms
    String.raw`\u2102\u210A-\u210E\u2110-\u2112\u2115\u2119-\u211D\u2124\u2128\u212C\u212D\u212F-\u2131\u2133\u2134]`, // letterlike
    String.raw`|\uD835[\uDC00-\uDFFF]|\uD83C[\uDD00-\uDDFF])+`, // mathematical alphanumerics; enclosed supplement
  ].join(""),
  "g",
);
/** SHAPE_OR_WIDTH_FORMS as a test: most text has none, and the analyzer normalizes every word it reads. */
const HAS_SHAPE_OR_WIDTH_FORM = new RegExp(SHAPE_OR_WIDTH_FORMS.source);

/**
 * Enclosed numbers side by side (①②, ⑴⑵) are numbers each (⑫ is twelve): one space between two
 * of them once folded, so that they are not read as one number.
 */
const ENCLOSED_NUMBER = String.raw`[\u2460-\u249B\u24EA-\u24FF]|\uD83C[\uDD00-\uDD0C]`;
const ENCLOSED_NUMBERS_SIDE_BY_SIDE = new RegExp(`(${ENCLOSED_NUMBER})(?=${ENCLOSED_NUMBER})`, "g");

/** NFKC gives an isolated Arabic mark (ﹰ, ﱞ) as a space and the mark; in running text the mark is the letter's before it. */
const SPACE_BEFORE_ARABIC_MARK = / (?=[\u064B-\u0652\u0670])/g;

/** `text` with its presentation, width and font forms folded to the plain characters (see SHAPE_OR_WIDTH_FORMS). */
export function foldShapeAndWidthForms(text: string): string {
  if (!HAS_SHAPE_OR_WIDTH_FORM.test(text)) return text;
  return text
    .replace(ENCLOSED_NUMBERS_SIDE_BY_SIDE, "$1 ")
    .replace(SHAPE_OR_WIDTH_FORMS, (forms) => forms.normalize("NFKC").replace(SPACE_BEFORE_ARABIC_MARK, ""));
}

/** `text` in NFC, its presentation, width and font forms folded, every ignorable character (see IGNORABLE_CLASS) removed. */
export function normalizeText(text: string): string {
  return foldShapeAndWidthForms(text).normalize("NFC").replace(IGNORABLE, "");
}

/** Named entities met in text copied from web pages; others are left as written. */
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00A0",
  shy: "\u00AD",
  zwnj: "\u200C",
  zwj: "\u200D",
  lrm: "\u200E",
  rlm: "\u200F",
  ensp: "\u2002",
  emsp: "\u2003",
  thinsp: "\u2009",
  ndash: "\u2013",
  mdash: "\u2014",
  hyphen: "\u2010",
  lsquo: "\u2018",
  rsquo: "\u2019",
  sbquo: "\u201A",
  ldquo: "\u201C",
  rdquo: "\u201D",
  bdquo: "\u201E",
  laquo: "\u00AB",
  raquo: "\u00BB",
  lsaquo: "\u2039",
  rsaquo: "\u203A",
  hellip: "\u2026",
  bull: "\u2022",
  middot: "\u00B7",
  prime: "\u2032",
  Prime: "\u2033",
  dagger: "\u2020",
  Dagger: "\u2021",
  permil: "\u2030",
  copy: "\u00A9",
  reg: "\u00AE",
  trade: "\u2122",
  deg: "\u00B0",
  plusmn: "\u00B1",
  times: "\u00D7",
  divide: "\u00F7",
  frac12: "\u00BD",
  frac14: "\u00BC",
  frac34: "\u00BE",
  sup2: "\u00B2",
  sup3: "\u00B3",
  micro: "\u00B5",
  sect: "\u00A7",
  para: "\u00B6",
  cent: "\u00A2",
  pound: "\u00A3",
  yen: "\u00A5",
  euro: "\u20AC",
  curren: "\u00A4",
  iexcl: "\u00A1",
  iquest: "\u00BF",
  larr: "\u2190",
  rarr: "\u2192",
  uarr: "\u2191",
  darr: "\u2193",
};

const ENTITY = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/** The character a numeric entity stands for; U+FFFD for NUL, surrogates and beyond Unicode, as HTML decodes them. */
function codePoint(value: number): string {
  return value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff) ? "\uFFFD" : String.fromCodePoint(value);
}

/**
 * Decodes HTML character references (&amp; &nbsp; &#1575; &#x644; …) in one pass, so that
 * "&amp;amp;" becomes "&amp;" as a browser shows it. Unknown names and bare ampersands stay.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (entity, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return codePoint(Number(decimal));
    if (hex !== undefined) return codePoint(parseInt(hex, 16));
    return Object.hasOwn(NAMED_ENTITIES, name!) ? NAMED_ENTITIES[name!]! : entity;
  });
}

/** C0 and C1 control characters other than tab and line feed: never part of a document's text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * A document's text as it is indexed, shown and quoted: HTML entities decoded, then normalized
 * (normalizeText), then stripped of control characters. Cleaning applies it before it takes any
 * offset, so passage offsets index into this text.
 */
export function normalizeDocumentText(text: string): string {
  return normalizeText(decodeHtmlEntities(text)).replace(CONTROL, "");
}
