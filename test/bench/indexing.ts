/**
 * `npm run bench:indexing`: how long indexing takes and how much memory it needs as one corpus file
 * grows (1, 5 and 20 MB by default), keyword index only. Each size is indexed in a fresh child
 * process (`npm run index`'s code path: buildIndex then saveIndex), so that its peak resident set
 * is its own.
 *   --sizes 1,5,20   file sizes in MB
 *   --keep DIR       write the generated corpora to DIR and keep them
 *
 * Two shapes of synthetic file, both real Arabic text. "sections": the paragraphs of the seed
 * corpus and XQuAD's Arabic contexts (test/datasets/xquad), shuffled (seeded) into sections
 * with Wikipedia-style headings ("…[عدل]"), [n] reference markers and a closing reference list, as
 * real pages look. "pasted": the seed Wikipedia page repeated, reference lists and all.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseHeader } from "../../src/corpus/header.js";
import { seededRandom } from "./random.js";
import { XQUAD_DIR } from "./xquad.js";

const ROOT = resolve(import.meta.dirname, "../..");
const XQUAD_AR = join(XQUAD_DIR, "xquad.ar.json");

/** Real Arabic paragraphs: the seed corpus's long lines and XQuAD's Arabic contexts when present. */
async function sourceParagraphs(): Promise<string[]> {
  const paragraphs: string[] = [];
  const corpusDir = join(ROOT, "corpus");
  for (const name of await readdir(corpusDir)) {
    if (!name.endsWith(".txt")) continue;
    const { body } = parseHeader(await readFile(join(corpusDir, name), "utf8"));
    paragraphs.push(...body.split("\n").filter((line) => line.trim().split(/\s+/).length > 12));
  }
  if (existsSync(XQUAD_AR)) {
    const xquad = JSON.parse(await readFile(XQUAD_AR, "utf8")) as { data: { paragraphs: { context: string }[] }[] };
    for (const article of xquad.data) for (const { context } of article.paragraphs) paragraphs.push(context.trim());
  }
  return paragraphs.map((p) => p.replace(/\[\d{1,3}\]/g, "").trim());
}

/**
 * A corpus file of about `bytes` UTF-8 bytes made of the seed Wikipedia page pasted over and over:
 * the shape that once nested every copy's headings under the last (184 s for 20 MB).
 */
export async function pastedCorpusFile(bytes: number): Promise<string> {
  const { meta, body } = parseHeader(await readFile(join(ROOT, "corpus", "wiki-russia-hamas.txt"), "utf8"));
  const parts = [`---\nid: pasted-${Math.round(bytes / 1e6)}mb\ntitle: ${meta.title}\nlanguage: ar\n---\n`];
  let size = Buffer.byteLength(parts[0]!);
  const bodyBytes = Buffer.byteLength(body) + 1;
  for (; size < bytes; size += bodyBytes) parts.push(`${body}\n`);
  return parts.join("");
}

/** A corpus file of about `bytes` UTF-8 bytes: sections of shuffled real paragraphs with references. */
export async function syntheticCorpusFile(bytes: number, seed = 1): Promise<string> {
  const paragraphs = await sourceParagraphs();
  const random = seededRandom(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const headingWords = paragraphs.flatMap((p) => p.split(/\s+/).filter((w) => /^\p{Script=Arabic}{4,}$/u.test(w)));
  const parts = [`---\nid: synthetic-${Math.round(bytes / 1e6)}mb-${seed}\ntitle: نص تجريبي للقياس\nlanguage: ar\n---\n`];
  let size = Buffer.byteLength(parts[0]!);
  let section = 0;
  const referenceCount = 200;
  while (size < bytes) {
    section++;
    const heading = `${pick(headingWords)} ${pick(headingWords)} ${section}[عدل]`;
    parts.push(`\n${heading}\n`);
    size += Buffer.byteLength(heading) + 2;
    const count = 2 + Math.floor(random() * 6);
    for (let i = 0; i < count && size < bytes; i++) {
      // Reference markers after some sentences, as Wikipedia text carries them.
      const paragraph = pick(paragraphs).replace(/([.؟!])(\s|$)/g, (all, stop: string, space: string) =>
        random() < 0.3 ? `${stop}[${1 + Math.floor(random() * referenceCount)}]${space}` : all,
      );
      parts.push(`\n${paragraph}\n`);
      size += Buffer.byteLength(paragraph) + 2;
    }
  }
  parts.push("\nالمراجع\n");
  for (let n = 1; n <= referenceCount; n++) parts.push(`${n}. ^ "مرجع رقم ${n}". موقع المصادر. https://example.org/source/${n}\n`);
  return parts.join("");
}

const SHAPES = {
  sections: (bytes: number) => syntheticCorpusFile(bytes, Math.round(bytes / 1e6)),
  pasted: pastedCorpusFile,
};

interface Measurement {
  shape: keyof typeof SHAPES;
  megabytes: number;
  passages: number;
  seconds: number;
  peakRssMb: number;
}

/** Indexes one corpus folder in a child process and reports its wall time and peak RSS. */
function measure(corpusDir: string, indexDir: string): Omit<Measurement, "shape" | "megabytes"> {
  const script = `
    const started = performance.now();
    const { buildIndex, saveIndex } = await import(${JSON.stringify(join(ROOT, "src/indexing/corpus-index.ts"))});
    const index = await buildIndex(${JSON.stringify(corpusDir)});
    await saveIndex(index, ${JSON.stringify(indexDir)}, ${JSON.stringify(corpusDir)});
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(JSON.stringify({ passages: index.passages.length, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
  `;
  // With the V8 flag `npm run index` and `npm start` run with (package.json).
  const result = spawnSync(process.execPath, ["--optimize-for-size", "--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(`indexing ${corpusDir} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Omit<Measurement, "shape" | "megabytes">;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const sizes = (option("--sizes") ?? "1,5,20").split(",").map(Number);
  if (sizes.some((size) => !(size > 0))) throw new Error("--sizes takes sizes in MB, like 1,5,20");
  const keep = option("--keep");
  const work = keep ? resolve(keep) : await mkdtemp(join(tmpdir(), "bench-indexing-"));
  const rows: Measurement[] = [];
  try {
    for (const shape of Object.keys(SHAPES) as (keyof typeof SHAPES)[]) {
      for (const megabytes of sizes) {
        const corpusDir = join(work, `corpus-${shape}-${megabytes}mb`);
        await mkdir(corpusDir, { recursive: true });
        await writeFile(join(corpusDir, `${shape}.txt`), await SHAPES[shape](megabytes * 1e6));
        const row = { shape, megabytes, ...measure(corpusDir, join(work, `index-${shape}-${megabytes}mb`)) };
        rows.push(row);
        process.stderr.write(`${shape} ${megabytes} MB: ${row.seconds.toFixed(1)} s, ${Math.round(row.peakRssMb)} MB peak RSS\n`);
      }
    }
  } finally {
    if (!keep) await rm(work, { recursive: true, force: true });
  }
  console.log(`Node ${process.version}, keyword index only (no embeddings).\n`);
  console.log("| corpus file | shape | passages | time s | peak RSS MB |");
  console.log("| ---: | --- | ---: | ---: | ---: |");
  for (const row of rows) console.log(`| ${row.megabytes} MB | ${row.shape} | ${row.passages} | ${row.seconds.toFixed(1)} | ${Math.round(row.peakRssMb)} |`);
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
