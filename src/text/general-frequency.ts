/**
 * How common a word is in Arabic at large, as opposed to in the corpus. A corpus's own IDF cannot
 * tell a common word from a rare one when the corpus is small: in 18 passages, «أفضل» (best) and
 * «مشعل» (Meshaal) may both appear once. Off-topic questions match such common words by chance
 * («ما هي أفضل وجهات السفر؟» matches «أفضل» and, through its stem, «أسفرت»), so the keyword
 * retrievers weigh their evidence by the general rarity of the rarest word a passage matches
 * (search/retrievers/keyword.ts).
 *
 * The shares come from general-frequency/arabic.tsv: the Arabic whole words of XLM-RoBERTa's
 * unigram vocabulary (the tokenizer of the default embedding model, trained on CommonCrawl), each
 * with its share of the Arabic words' probability mass. See general-frequency/README.md.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { EVIDENCE } from "../config/tuning.js";
import { analyzeWord, loosestStem } from "./analyzer.js";
import { normalizeArabic } from "./arabic.js";

/** The committed list (see general-frequency/README.md). */
export const GENERAL_FREQUENCY_FILE = new URL("./general-frequency/arabic.tsv", import.meta.url);

/** Parses arabic.tsv: `word<TAB>rarity` lines, where rarity is −log10 of the word's share; `#` lines are comments. */
export function parseGeneralFrequency(text: string): Map<string, number> {
  const rarity = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || !line.includes("\t")) continue;
    const [word, value] = line.split("\t");
    const parsed = Number(value);
    if (word && Number.isFinite(parsed)) rarity.set(word, parsed);
  }
  return rarity;
}

/**
 * Rarity per loosest stem (the broad stem of an Arabic word): the words of one stem pool their shares (−log10 of the summed share), so
 * «العربية» and «عربي» count as one word, as keyword coverage counts them.
 */
export function rarityByStem(wordRarity: ReadonlyMap<string, number>): Map<string, number> {
  const shares = new Map<string, number>();
  for (const [word, rarity] of wordRarity) {
    const stem = loosestStem(analyzeWord(word) ?? []);
    if (stem) shares.set(stem, (shares.get(stem) ?? 0) + 10 ** -rarity);
  }
  return new Map([...shares].map(([stem, share]) => [stem, -Math.log10(share)]));
}

let byStem: Map<string, number> | undefined;
/** The listed words as written, normalized (normalizeArabic). */
let listed: Set<string> | undefined;
let listHash: string | undefined;

/**
 * Reads the list now rather than on the first question (it takes 50 to 100 ms: each word is
 * analyzed to find its stem). The engine calls it when it opens.
 */
export function loadGeneralFrequency(): void {
  if (byStem) return;
  const text = readFileSync(GENERAL_FREQUENCY_FILE, "utf8");
  const words = parseGeneralFrequency(text);
  byStem = rarityByStem(words);
  listed = new Set([...words.keys()].map(normalizeArabic));
  listHash = createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/**
 * Whether the list has `word` as written (diacritics aside, spellings folded): a word of Arabic
 * at large or a name it knows («لديك», «رونالدو»), not a slip of the keyboard or a run of words.
 */
export function isListedWord(word: string): boolean {
  loadGeneralFrequency();
  return listed!.has(normalizeArabic(word));
}

/** Identifies the list's content, so that scores stored with it (index/calibration.json) are redone when it changes. */
export function generalFrequencyHash(): string {
  loadGeneralFrequency();
  return listHash!;
}

/**
 * The general rarity of an analyzed term (a word's loosest stem, see loosestStem): −log10 of its
 * share of Arabic text, from under 2 for the most common words (stop words, which keyword search
 * never sees) to EVIDENCE.unlistedRarity. The list is read on first use unless loadGeneralFrequency read
 * it before.
 */
export function generalRarity(term: string): number {
  loadGeneralFrequency();
  return byStem!.get(term) ?? EVIDENCE.unlistedRarity;
}
