/**
 * Synthetic corpora for the fault suite: documents made of the seed corpus's own words, shuffled
 * by a seeded PRNG, so indexing does real work on real Arabic vocabulary and every run is the same.
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CORPUS_DIR } from "../helpers/paths.js";
import { Random } from "./random.js";

let vocabulary: string[] | undefined;

/** The distinct words of the seed corpus. */
function seedWords(): string[] {
  vocabulary ??= [
    ...new Set(
      readdirSync(CORPUS_DIR)
        .filter((f) => f.endsWith(".txt"))
        .flatMap((f) => readFileSync(join(CORPUS_DIR, f), "utf8").split(/[^\p{L}\p{N}]+/u))
        .filter((w) => w.length > 1),
    ),
  ];
  return vocabulary;
}

/** Writes `files` documents of about `bytesPerFile` bytes each into `dir`. */
export async function writeSyntheticCorpus(dir: string, files: number, bytesPerFile: number, seed = 7): Promise<void> {
  const random = new Random(seed);
  const words = seedWords();
  await mkdir(dir, { recursive: true });
  for (let f = 0; f < files; f++) {
    const paragraphs: string[] = [];
    let size = 0;
    for (let p = 0; size < bytesPerFile; p++) {
      if (p % 12 === 0) paragraphs.push(`## القسم ${p / 12 + 1}`);
      const sentences = Array.from({ length: 4 + random.int(5) }, () => `${Array.from({ length: 6 + random.int(12) }, () => random.pick(words)).join(" ")}.`);
      const paragraph = sentences.join(" ");
      paragraphs.push(paragraph);
      size += Buffer.byteLength(paragraph) + 2;
    }
    await writeFile(join(dir, `synthetic-${f}.md`), `---\nid: synthetic-${f}\ntitle: وثيقة ${f}\n---\n# وثيقة ${f}\n\n${paragraphs.join("\n\n")}\n`);
  }
}
