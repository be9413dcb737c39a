/**
 * Visual order back to logical order for one line: a reduced Unicode bidi algorithm run backwards.
 * A PDF draws a line left to right; Arabic reads right to left, with numbers and Latin names inside
 * it left to right. Each unit (a glyph, or a space between words) gets a level as the algorithm
 * would have given it (1 for right to left, 2 for left to right inside it; 0 for left to right in a
 * left-to-right line), and the reversals of rule L2 are undone from the lowest level up. Units drawn
 * at an odd level that have a mirrored form were drawn mirrored (`(` as `)`) and are turned back.
 */

export interface BidiUnit {
  text: string;
}

type BidiType = "R" | "L" | "EN" | "N";

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC]/;
const DIGIT = /^[0-9\u0660-\u0669\u06F0-\u06F9]/;
const LTR_LETTER = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
/**
 * Separators inside a number ("2,000", "1.5", "10:30"): part of the number between two digits. Not the
 * hyphen: shapers draw "2023-11-30" in Arabic text as "30-11-2023", three numbers around two neutrals.
 */
const NUMBER_SEPARATOR = /^[.,:/\u066B\u066C]$/;
/** Punctuation that follows a number: drawn glued to its left side, the number reads right to left ("15." drawn ".15"). */
const TRAILING_PUNCTUATION = /^[.,:;!?)\]»\u060C\u061B\u061F]$/;

/** What a glyph drawn mirrored at an odd level stands for. Quotes are not Bidi_Mirrored in Unicode, but shapers draw them so. */
const MIRRORED: Record<string, string> = {
  "(": ")",
  ")": "(",
  "[": "]",
  "]": "[",
  "{": "}",
  "}": "{",
  "<": ">",
  ">": "<",
  "«": "»",
  "»": "«",
  "‹": "›",
  "›": "‹",
  "\u201C": "\u201D",
  "\u201D": "\u201C",
};

function bidiType(text: string): BidiType {
  if (ARABIC.test(text.charAt(0))) return "R";
  if (DIGIT.test(text)) return "EN";
  if (LTR_LETTER.test(text)) return "L";
  return "N";
}

/** The nearest unit at or past `from`, stepping by `step`, whose type is not neutral. */
function nearestStrong(types: BidiType[], from: number, step: 1 | -1): BidiType | undefined {
  for (let i = from; i >= 0 && i < types.length; i += step) if (types[i] !== "N") return types[i];
  return undefined;
}

/**
 * Levels of units in visual order (left to right) on a line whose base direction is `rtl`.
 * In a right-to-left line, a number reads as part of a Latin run when the Latin word stands right
 * before it in that run ("Retrieved 2023-11-30"): rule W7, seen from the drawn side.
 */
function visualLevels(units: BidiUnit[], rtl: boolean): number[] {
  const types = units.map((u) => bidiType(u.text));
  for (let i = 1; i + 1 < types.length; i++) {
    if (types[i] === "N" && types[i - 1] === "EN" && types[i + 1] === "EN" && NUMBER_SEPARATOR.test(units[i]!.text)) types[i] = "EN";
  }
  // Numbers taken into a left-to-right run (W7); in a left-to-right line, numbers after Arabic stay with it.
  const strong = types.map((t, i) => {
    if (t !== "EN") return t;
    if (rtl) return nearestStrongSkippingNumbers(types, i - 1, -1) === "L" && !trailsPunctuation(units, types, i) ? "L" : "EN";
    return nearestStrongSkippingNumbers(types, i + 1, 1) === "R" ? "EN" : "L";
  });
  const base = rtl ? 1 : 0;
  const levelOfStrong = (t: BidiType) => (t === "R" ? 1 : t === "L" ? (rtl ? 2 : 0) : 2);
  return strong.map((t, i) => {
    if (t !== "N") return levelOfStrong(t);
    // A neutral between two of one direction takes it (numbers count as right to left, rule N1); else the line's.
    const asDirection = (s: BidiType | undefined) => (s === "EN" ? "R" : s);
    const left = asDirection(nearestStrong(strong, i - 1, -1));
    const right = asDirection(nearestStrong(strong, i + 1, 1));
    if (left && left === right) return left === "R" ? 1 : rtl ? 2 : 0;
    return base;
  });
}

/** Whether the number at `i` has trailing punctuation glued to its left ("15." drawn ".15"), not a Latin word's ("ISSN:0971"). */
function trailsPunctuation(units: BidiUnit[], types: BidiType[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && types[j] === "EN") j--;
  return j >= 0 && TRAILING_PUNCTUATION.test(units[j]!.text) && types[j - 1] !== "L";
}

function nearestStrongSkippingNumbers(types: BidiType[], from: number, step: 1 | -1): BidiType | undefined {
  for (let i = from; i >= 0 && i < types.length; i += step) if (types[i] === "R" || types[i] === "L") return types[i];
  return undefined;
}

/** Units in visual order to logical order, mirrored glyphs turned back. */
export function logicalOrder<T extends BidiUnit>(visual: T[], rtl: boolean): T[] {
  const levels = visualLevels(visual, rtl);
  let order = visual.map((_, i) => i);
  // Rule L2 reverses from the highest level down; undoing it reverses from the lowest up.
  for (let level = 1; level <= 2; level++) order = reverseRuns(order, (i) => levels[i]! >= level);
  return order.map((i) => {
    const unit = visual[i]!;
    const mirror = levels[i]! % 2 === 1 ? MIRRORED[unit.text] : undefined;
    return mirror ? { ...unit, text: mirror } : unit;
  });
}

function reverseRuns(order: number[], inRun: (i: number) => boolean): number[] {
  const out: number[] = [];
  let run: number[] = [];
  for (const i of order) {
    if (inRun(i)) {
      run.push(i);
      continue;
    }
    out.push(...run.reverse(), i);
    run = [];
  }
  out.push(...run.reverse());
  return out;
}

const BRACKET_PAIRS = ["()", "[]", "{}", "«»"];

/**
 * Brackets still wrong after the line's bidi. A producer names a mirrored glyph by whichever
 * character first used it, so `(نص)` can come out `(نص(` or `]1[`. Text whose brackets of one kind
 * balance is left as it is; otherwise they are set to alternate open, close, open… in reading order.
 */
export function repairMirroredBrackets(text: string): string {
  if (!/[()[\]{}«»]/.test(text)) return text;
  const chars = [...text];
  for (const [open, close] of BRACKET_PAIRS.map((p) => [...p] as [string, string])) {
    const at = chars.flatMap((c, i) => (c === open || c === close ? [i] : []));
    let depth = 0;
    let balanced = true;
    for (const i of at) {
      depth += chars[i] === open ? 1 : -1;
      if (depth < 0) balanced = false;
    }
    balanced &&= depth === 0;
    if (balanced || at.length % 2 === 1) continue;
    at.forEach((i, k) => {
      chars[i] = k % 2 === 0 ? open : close;
    });
  }
  return chars.join("");
}
