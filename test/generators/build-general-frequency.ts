/**
 * Builds the committed list of general Arabic word frequencies (src/text/general-frequency/arabic.tsv)
 * from a transformers.js tokenizer.json with a unigram vocabulary (XLM-RoBERTa's, as in the
 * default embedding model's folder):
 *   npm run general-frequency -- --from path/to/tokenizer.json [--out FILE]
 * Each Arabic whole word of the vocabulary (a piece that starts a word and is all Arabic letters)
 * is kept with its share of those words' probability mass, as −log10 of the share.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { GENERAL_FREQUENCY_FILE } from "../../src/text/general-frequency.js";

/** SentencePiece marks a piece that starts a word with this character. */
const WORD_START = "\u2581";
const ARABIC_WORD = /^[\u0621-\u064A]{2,}$/;

/** The Arabic whole words of a unigram vocabulary, most common first, with −log10 of their share of those words' mass. */
export function arabicWordRarity(vocabulary: readonly (readonly [string, number])[]): [string, number][] {
  const words = vocabulary.filter(([piece]) => piece.startsWith(WORD_START) && ARABIC_WORD.test(piece.slice(1)));
  const mass = words.reduce((sum, [, logProbability]) => sum + Math.exp(logProbability), 0);
  return words
    .map(([piece, logProbability]): [string, number] => [piece.slice(1), -Math.log10(Math.exp(logProbability) / mass)])
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
}

/** The list as arabic.tsv holds it, with a header naming `source`. */
export function serializeGeneralFrequency(rarity: [string, number][], source: string): string {
  const header = [
    "# General Arabic word frequencies: word<TAB>-log10(share of the listed words' probability mass), most common first.",
    `# From the unigram vocabulary of ${source} (XLM-RoBERTa's SentencePiece model, MIT license: see README.md).`,
    "# Regenerate with: npm run general-frequency -- --from path/to/tokenizer.json",
  ];
  return `${[...header, ...rarity.map(([word, value]) => `${word}\t${value.toFixed(2)}`)].join("\n")}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { from: { type: "string" }, out: { type: "string" } } });
  if (!values.from) {
    console.error("usage: npm run general-frequency -- --from path/to/tokenizer.json [--out FILE]");
    process.exit(1);
  }
  const tokenizer = JSON.parse(readFileSync(values.from, "utf8")) as { model?: { type?: string; vocab?: [string, number][] } };
  if (tokenizer.model?.type !== "Unigram" || !Array.isArray(tokenizer.model.vocab)) {
    console.error(`${values.from} has no unigram vocabulary (model.type "Unigram" with model.vocab)`);
    process.exit(1);
  }
  const rarity = arabicWordRarity(tokenizer.model.vocab);
  const out = values.out ?? fileURLToPath(GENERAL_FREQUENCY_FILE);
  // Any copy of the model's folder has the same vocabulary, whatever its weights.
  writeFileSync(out, serializeGeneralFrequency(rarity, "multilingual-e5-small's tokenizer.json"));
  console.log(`${rarity.length} Arabic words written to ${out}`);
}
