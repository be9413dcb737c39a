/**
 * Reading FreeDict's dictd files: an `.index` (headword, offset, length, the numbers in dictd's
 * base64) and a `.dict.dz` (dictzip, which is gzip: node:zlib reads it whole). Each entry is a
 * headword line with its pronunciation (`Host /hˈəʊst/`) followed by its senses, numbered
 * (`1. …`) when there are several.
 */
import { gunzipSync } from "node:zlib";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** A number written in dictd's base64 (most significant digit first). */
export function decodeDictdNumber(text: string): number {
  let value = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    if (digit < 0) throw new Error(`"${text}" is not a dictd base64 number`);
    value = value * 64 + digit;
  }
  return value;
}

/** One dictionary entry: its headword and its senses, as written (one string per sense). */
export interface DictdEntry {
  headword: string;
  senses: string[];
}

/** A pronunciation between slashes after the headword: `Host /hˈəʊst/`. */
const PRONUNCIATION = /\s+\/[^/]*\/\s*$/;
const SENSE_NUMBER = /^(\d+)\.\s+/;

/** Splits an entry's text (headword line first) into headword and senses. */
export function parseDictdEntry(text: string): DictdEntry {
  const lines = text.split("\n").map((line) => line.trim());
  const headword = (lines.shift() ?? "").replace(PRONUNCIATION, "").trim();
  const senses: string[] = [];
  let numbered = false;
  for (const line of lines) {
    if (!line) continue;
    const number = SENSE_NUMBER.exec(line);
    if (number) {
      numbered = true;
      senses.push(line.slice(number[0].length));
    } else if (senses.length > 0 && (numbered || unclosedParenthesis(senses.at(-1)!))) {
      // A long sense wraps onto the next line.
      senses[senses.length - 1] += ` ${line}`;
    } else {
      senses.push(line);
    }
  }
  return { headword, senses };
}

function unclosedParenthesis(text: string): boolean {
  return (text.match(/\(/g)?.length ?? 0) > (text.match(/\)/g)?.length ?? 0);
}

/**
 * Every entry of a dictd dictionary, in index order, from the index file's text and the
 * compressed dictionary's bytes. The `00database…` entries (the dictionary's own metadata) are
 * left out. Throws when an index line is malformed or points outside the dictionary.
 */
export function readDictd(indexText: string, dictDz: Uint8Array): DictdEntry[] {
  const dict = gunzipSync(dictDz);
  const entries: DictdEntry[] = [];
  for (const [number, line] of indexText.split("\n").entries()) {
    if (!line.trim()) continue;
    const fields = line.split("\t");
    if (fields.length !== 3) throw new Error(`index line ${number + 1} does not have 3 tab-separated fields: ${line}`);
    const [word, offsetText, lengthText] = fields as [string, string, string];
    if (word.startsWith("00database") || word.startsWith("00-database")) continue;
    const offset = decodeDictdNumber(offsetText);
    const length = decodeDictdNumber(lengthText);
    if (offset + length > dict.length) throw new Error(`index line ${number + 1} points past the end of the dictionary`);
    entries.push(parseDictdEntry(dict.subarray(offset, offset + length).toString("utf8")));
  }
  return entries;
}

/** The dictionary's own description (the `00databaseinfo` entry), for the license and edition. */
export function readDictdInfo(indexText: string, dictDz: Uint8Array): string {
  const line = indexText.split("\n").find((l) => l.startsWith("00databaseinfo\t"));
  if (!line) return "";
  const [, offset, length] = line.split("\t") as [string, string, string];
  const start = decodeDictdNumber(offset);
  return gunzipSync(dictDz)
    .subarray(start, start + decodeDictdNumber(length))
    .toString("utf8");
}
