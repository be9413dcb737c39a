/**
 * Names and rare words the lexicon lacks, found in the corpus's own vocabulary. An English word
 * and an Arabic word are reduced to a consonant skeleton over coarse letter classes (Putin → BTN,
 * بوتين → BTN; vowels, و ي ا ع ء and a final ة dropped), and English words are matched to the
 * corpus words with the same skeleton, the closest in vowels first. The index is built from the
 * corpus's Arabic words when the search index is built, and stored with it (toJSON / fromJSON).
 */
import { normalizeArabic } from "../text/arabic.js";

/**
 * Arabic letter (after normalizeArabic) → class; letters not here (ا و ي ع ء ؤ ئ) are vowel-like
 * and dropped. A letter with two classes stands for either: ض and ذ are written for an English d
 * (Ramadan, Abu Dhabi) and for a t or th (الأناضول, Anatolia), while د is a d and ت ط ث a t, so
 * that Biden is not بوتين (Putin).
 */
const ARABIC_CLASSES: Record<string, string> = {
  ب: "B",
  پ: "B",
  ت: "T",
  ط: "T",
  د: "D",
  ض: "DT",
  ذ: "DT",
  ث: "T",
  س: "S",
  ص: "S",
  ش: "S",
  ز: "S",
  ظ: "S",
  ج: "K",
  ك: "K",
  ق: "K",
  غ: "K",
  خ: "K",
  گ: "K",
  ه: "H",
  ح: "H",
  ف: "F",
  ڤ: "F",
  م: "M",
  ن: "N",
  ل: "L",
  ر: "R",
};

/** English letter groups → class, longest first; vowels, w, y and h after a vowel at the end give nothing. */
const ENGLISH_GROUPS: [RegExp, string][] = [
  [/^(sh|ch|sch|ts|tz)/, "S"],
  [/^th/, "T"],
  [/^dh/, "D"],
  [/^(kh|gh|ck|qu)/, "K"],
  [/^(ph)/, "F"],
  [/^x/, "KS"],
  [/^c(?=[eiy])/, "S"],
  [/^[ckqgj]/, "K"],
  [/^t/, "T"],
  [/^d/, "D"],
  [/^[sz]/, "S"],
  [/^[bp]/, "B"],
  [/^[fv]/, "F"],
  [/^h/, "H"],
  [/^m/, "M"],
  [/^n/, "N"],
  [/^l/, "L"],
  [/^r/, "R"],
];
/** Vowel letters as the shape of a word keeps them: a long a, u or i (Arabic ا و ي). */
const ENGLISH_VOWELS: [RegExp, string][] = [
  [/^(ee|ea|ie|ei|i|y)/, "i"],
  [/^(oo|ou|o|u|w)/, "u"],
  [/^(aa|a|e)/, "a"],
];
const ARABIC_VOWELS: Record<string, string> = { ا: "a", و: "u", ي: "i" };

function collapse(classes: string): string {
  return classes.replace(/(.)\1+/g, "$1");
}

/** The shape of an English word: classes and vowels (`putin` → `BuTiN`). */
export function englishShape(word: string): string {
  let rest = word
    .toLowerCase()
    .replace(/^(al|el|al-|el-)(?=-)/, "")
    .replace(/[^a-z]/g, "");
  // A final vowel and h (-eh, -ah, -oh) is the Arabic ة (Haniyeh → هنية), which the Arabic shape leaves out, vowel and all.
  rest = rest.replace(/[aeiou]h$/, "");
  let shape = "";
  outer: while (rest.length > 0) {
    for (const [pattern, cls] of [...ENGLISH_GROUPS, ...ENGLISH_VOWELS]) {
      const match = pattern.exec(rest);
      if (match) {
        shape += cls;
        rest = rest.slice(match[0].length);
        continue outer;
      }
    }
    rest = rest.slice(1);
  }
  return shape;
}

/** The shape of an Arabic word (normalized): classes and the long vowels ا و ي; the first of each letter's classes. */
export function arabicShape(word: string): string {
  return arabicShapes(word)[0]!;
}

/** Every shape of an Arabic word, one per reading of its letters with two classes (see ARABIC_CLASSES). */
export function arabicShapes(word: string): string[] {
  let shapes = [""];
  const letters = [...normalizeArabic(word)];
  letters.forEach((letter, i) => {
    // A final ه is mostly a ة (after normalizeArabic): a vowel in names (غزه → Gaza).
    if (letter === "ه" && i === letters.length - 1 && i > 1) return;
    const classes = ARABIC_CLASSES[letter] ?? ARABIC_VOWELS[letter] ?? "";
    if (classes.length <= 1) shapes = shapes.map((shape) => shape + classes);
    else shapes = shapes.flatMap((shape) => [...classes].map((cls) => shape + cls));
  });
  return shapes;
}

/** The consonant skeleton of a shape: its classes, repeats collapsed (`BuTiN` → `BTN`). */
export function skeletonOf(shape: string): string {
  return collapse(shape.replace(/[aui]/g, ""));
}

/**
 * Letters that write one foreign sound in transliterated names (normalized Arabic): g as ج, غ or
 * گ; k as ك or ق; t as ت or ط; s as س or ص; v as ف or ڤ. Not ش and س, nor ص and ظ, which tell
 * Arabic words apart (سكر, شكر).
 */
const FOREIGN_SOUNDS: Record<string, string> = { غ: "ج", گ: "ج", ق: "ك", ط: "ت", ص: "س", ڤ: "ف" };

/** An Arabic word (normalized) with the letters of one foreign sound made one. */
function foreignSound(word: string): string {
  return [...word].map((letter) => FOREIGN_SOUNDS[letter] ?? letter).join("");
}

/** Proclitics of the definite article: الأسد is also indexed as اسد (for "Assad"). */
const ARTICLE = /^(وال|بال|فال|كال|لل|ال)(?=..)/;
const ARABIC_WORD = /[\u0621-\u064A]{2,}/g;

/**
 * Whether an Arabic word is the English word written in Arabic letters: the same consonant
 * skeleton, of two classes or more, with or without the article (kiev and كيف: K-F; kremlin and
 * الكرملين). A phrase is no transliteration.
 */
export function transliterates(english: string, arabic: string): boolean {
  const skeleton = skeletonOf(englishShape(english));
  if (skeleton.length < 2 || /\s/.test(arabic.trim())) return false;
  const word = normalizeArabic(arabic.trim());
  return [word, word.replace(ARTICLE, "")].some((form) => arabicShapes(form).some((shape) => skeletonOf(shape) === skeleton));
}

/** Edit distance between two short strings. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** A name index as stored: corpus word → how often it occurs. */
export interface NameIndexJSON {
  version: 1;
  words: [string, number][];
}

/** Options of NameIndex.match. */
export interface NameMatchOptions {
  /** Fewest consonant classes an English word needs to be matched (short skeletons match too much). */
  minClasses?: number;
  /** Most Arabic words returned. */
  limit?: number;
  /** Largest edit distance of the closest candidate's shape, as a share of the English shape's length. */
  maxDistance?: number;
  /** How much farther than the closest candidate the others returned may be. */
  slack?: number;
}

/** The corpus's Arabic words by consonant skeleton. */
export class NameIndex {
  private skeletons?: Map<string, { word: string; shape: string; count: number }[]>;

  private constructor(private readonly counts: Map<string, number>) {}

  /** The words by skeleton, made at the first lookup rather than as the index opens (a large corpus has many words). */
  private get bySkeleton(): Map<string, { word: string; shape: string; count: number }[]> {
    if (this.skeletons) return this.skeletons;
    this.skeletons = new Map();
    for (const [word, count] of this.counts) {
      for (const shape of arabicShapes(word)) {
        const skeleton = skeletonOf(shape);
        if (skeleton.length === 0) continue;
        const list = this.skeletons.get(skeleton) ?? [];
        list.push({ word, shape, count }); // two readings of a word never share a skeleton
        this.skeletons.set(skeleton, list);
      }
    }
    return this.skeletons;
  }

  /** Builds the index from the corpus's words (any text's words; only Arabic ones are kept). */
  static build(words: Iterable<string>): NameIndex {
    const counts = new Map<string, number>();
    const add = (word: string) => counts.set(word, (counts.get(word) ?? 0) + 1);
    for (const text of words) {
      // Normalized first: diacritics and tatweel inside a word would split it.
      for (const word of normalizeArabic(text).match(ARABIC_WORD) ?? []) {
        add(word);
        const bare = word.replace(ARTICLE, "");
        if (bare !== word) add(bare);
      }
    }
    return new NameIndex(counts);
  }

  /** Restores an index saved with toJSON(). Throws on malformed data. */
  static fromJSON(json: string | NameIndexJSON): NameIndex {
    const data = (typeof json === "string" ? JSON.parse(json) : json) as NameIndexJSON;
    if (data?.version !== 1 || !Array.isArray(data.words)) throw new Error("not a name index (version 1)");
    return new NameIndex(new Map(data.words));
  }

  toJSON(): NameIndexJSON {
    return { version: 1, words: [...this.counts] };
  }

  get size(): number {
    return this.counts.size;
  }

  /** The corpus's Arabic words (normalized), with the article-less forms. */
  words(): IterableIterator<string> {
    return this.counts.keys();
  }

  /**
   * The corpus's other spellings of a transliterated Arabic word: its words written with the same
   * letters but for those that render one foreign sound (FOREIGN_SOUNDS: كارنيجي, كارنيغي), with or
   * without the article, commonest first. Only for words of `minClasses` consonant classes or more.
   */
  spellings(arabic: string, { minClasses = 3, limit = 1 }: { minClasses?: number; limit?: number } = {}): string[] {
    const word = normalizeArabic(arabic.trim()).replace(ARTICLE, "");
    const sound = foreignSound(word);
    const skeletons = new Set(arabicShapes(word).map(skeletonOf));
    const found = [...skeletons]
      .filter((skeleton) => skeleton.length >= minClasses)
      .flatMap((skeleton) => this.bySkeleton.get(skeleton) ?? [])
      .filter((candidate) => candidate.word !== word && foreignSound(candidate.word) === sound);
    return [...new Set(found.sort((a, b) => b.count - a.count).map((c) => c.word))].slice(0, limit);
  }

  /**
   * The corpus words an English word (a name, a rare word) is most likely written as: those with
   * its skeleton, closest in shape (vowels) first, then the commonest. Empty when none.
   */
  match(english: string, options: NameMatchOptions = {}): string[] {
    const { minClasses = 2, limit = 2, maxDistance = 0.34, slack = 1 } = options;
    const shape = englishShape(english);
    const skeleton = skeletonOf(shape);
    if (skeleton.length < minClasses) return [];
    const candidates = this.bySkeleton.get(skeleton);
    if (!candidates) return [];
    // A final -ya is يا (Kenya, كينيا) or the ية whose ة the Arabic shape leaves out (Haniya, هنية): either reading.
    const readings = /ya$/i.test(english) ? [shape, shape.slice(0, -1)] : [shape];
    const scored = candidates.map((c) => ({ ...c, distance: Math.min(...readings.map((reading) => editDistance(reading, c.shape))) }));
    const best = Math.min(...scored.map((c) => c.distance));
    // Arabic leaves short vowels out, so some distance is expected; beyond a third of the word it is another word.
    if (best > Math.ceil(shape.length * maxDistance)) return [];
    return scored
      .filter((c) => c.distance <= best + slack)
      .sort((a, b) => a.distance - b.distance || b.count - a.count)
      .slice(0, limit)
      .map((c) => c.word);
  }
}

/** Builds a name index from the corpus's words (see NameIndex.build). */
export function buildNameIndex(words: Iterable<string>): NameIndex {
  return NameIndex.build(words);
}
