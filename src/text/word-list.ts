/** Word lists kept in data files (like Lucene's stopwords.txt): words separated by white space, `#` starting a comment. */
import { readFileSync } from "node:fs";

/** The words of a word-list text, in order. */
export function parseWordList(text: string): string[] {
  return text
    .split("\n")
    .flatMap((line) => line.replace(/#.*/, "").split(/\s+/))
    .filter(Boolean);
}

/** The words of the word-list file at `url` (a URL beside the module that reads it). */
export function readWordList(url: URL): string[] {
  return parseWordList(readFileSync(url, "utf8"));
}
