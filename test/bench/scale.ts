/**
 * `npm run bench:scale`: how the index scales with the corpus, each figure beside the seed corpus's
 * in the same run (docs/performance.md, "A hundred times the corpus"). For each corpus, keyword
 * only, each step in a fresh process:
 *   - build (`npm run index`'s code): wall time and peak RSS;
 *   - the index on disk: total, search structures (all but the document texts), bytes per posting;
 *   - a cold `ask`: wall time to the first answer and peak RSS (median of 5, each paired with one on the seed corpus);
 *   - RSS after the index is loaded, and keyword search p50/p95 over 300 XQuAD questions;
 *   - `npm start` (terminal chat, no token) to its first answer and exit.
 * Corpora: the seed corpus; natural Arabic text at --sizes MB (bench:indexing's "sections" shape:
 * the seed and XQuAD paragraphs in sections); the seed article's words shuffled, --shuffled MB.
 *   --sizes 1,20,100   --shuffled 30 (0: none)   --keep DIR (keep corpora and indexes)
 */
import { spawn, spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseHeader } from "../../src/corpus/header.js";
import { syntheticCorpusFile } from "./indexing.js";
import { seededRandom } from "./random.js";

const ROOT = resolve(import.meta.dirname, "../..");
const QUESTION = "متى زار خالد مشعل موسكو؟";
const ENV = { ...process.env, EMBEDDINGS: "off", LOG_LEVEL: "warn", BOT_TOKEN: "" };

/** The seed article's words in random order, in paragraphs of 40 to 160 words: a vocabulary of phrases no natural text has. */
async function shuffledWordsFile(bytes: number): Promise<string> {
  const { body } = parseHeader(await readFile(join(ROOT, "corpus", "wiki-russia-hamas.txt"), "utf8"));
  const words = body.split(/\s+/).filter((w) => /\p{Script=Arabic}/u.test(w));
  const random = seededRandom(30);
  const parts = [`---\nid: shuffled-${Math.round(bytes / 1e6)}mb\ntitle: كلمات مخلوطة\nlanguage: ar\n---\n`];
  let size = Buffer.byteLength(parts[0]!);
  while (size < bytes) {
    const count = 40 + Math.floor(random() * 120);
    const paragraph = Array.from({ length: count }, () => words[Math.floor(random() * words.length)]!).join(" ");
    parts.push(`\n${paragraph}\n`);
    size += Buffer.byteLength(paragraph) + 2;
  }
  return parts.join("");
}

/** Runs `args` under GNU time: wall seconds and peak RSS in MB. */
function timed(args: string[]): { seconds: number; peakMb: number; stdout: string } {
  const result = spawnSync("/usr/bin/time", ["-f", "TIME %e %M", process.execPath, ...args], { cwd: ROOT, env: ENV, encoding: "utf8", maxBuffer: 1 << 26 });
  const match = /TIME ([\d.]+) (\d+)\s*$/.exec(result.stderr);
  if (result.status !== 0 || !match) throw new Error(`${args.join(" ")} failed: ${result.stderr.slice(-2000)}`);
  return { seconds: Number(match[1]), peakMb: Number(match[2]) / 1024, stdout: result.stdout };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Loads the index in a fresh process: RSS after load, keyword p50/p95 over 300 XQuAD questions. */
function searchFigures(indexDir: string): { loadMs: number; rssMb: number; p50: number; p95: number } {
  const script = `
    const started = performance.now();
    const { loadIndex } = await import(${JSON.stringify(join(ROOT, "src/indexing/saved-index.ts"))});
    const index = await loadIndex(${JSON.stringify(indexDir)});
    const loadMs = performance.now() - started;
    const rssMb = process.memoryUsage().rss / 2 ** 20;
    const { loadXquad } = await import(${JSON.stringify(join(ROOT, "test/bench/xquad.ts"))});
    const questions = (await loadXquad()).arabic.slice(0, 300).map((q) => q.question);
    for (const q of questions.slice(0, 20)) index.keyword.query(q, 50);
    const times = questions.map((q) => { const t = performance.now(); index.keyword.query(q, 50); return performance.now() - t; }).sort((a, b) => a - b);
    const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
    process.stdout.write(JSON.stringify({ loadMs, rssMb, p50: at(0.5), p95: at(0.95) }));
  `;
  const result = spawnSync(process.execPath, ["--optimize-for-size", "--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    env: ENV,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`searching ${indexDir} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { loadMs: number; rssMb: number; p50: number; p95: number };
}

/** `npm start` without a token (the terminal chat), one question on its input: seconds to its answer and exit, peak RSS. */
async function startFigures(corpusDir: string, indexDir: string): Promise<{ seconds: number; peakMb: number }> {
  const started = performance.now();
  const child = spawn("/usr/bin/time", ["-f", "TIME %e %M", process.execPath, "--optimize-for-size", "--import", "tsx", "src/cli/start.ts"], {
    cwd: ROOT,
    env: { ...ENV, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout.resume();
  child.stdin.end(`${QUESTION}\n`);
  const code = await new Promise<number | null>((done) => child.on("close", done));
  const match = /TIME ([\d.]+) (\d+)\s*$/.exec(stderr);
  if (code !== 0 || !match) throw new Error(`npm start failed: ${stderr.slice(-2000)}`);
  return { seconds: (performance.now() - started) / 1000, peakMb: Number(match[2]) / 1024 };
}

async function folderBytes(dir: string): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const name of await readdir(dir)) {
    const stats = await stat(join(dir, name));
    if (stats.isFile()) sizes[name] = stats.size;
  }
  return sizes;
}

interface Row {
  corpus: string;
  passages: number;
  buildS: number;
  buildPeakMb: number;
  indexMb: number;
  searchMb: number;
  bytesPerPosting: number;
  askS: number;
  /** The median of (this corpus's time − the seed corpus's time) over runs paired in turn. */
  askVsSeedS: number;
  askPeakMb: number;
  loadMs: number;
  loadedRssMb: number;
  p50: number;
  p95: number;
  startS: number;
  startVsSeedS: number;
  startPeakMb: number;
}

interface Folders {
  corpusDir: string;
  indexDir: string;
}

/** Runs of each timed step, each paired with one on the seed corpus. */
const RUNS = 5;

/** Measures one corpus; `seed` is the seed corpus's folders, indexed already (itself, for the seed corpus). */
async function measure(corpus: string, corpusDir: string, indexDir: string, seed: Folders): Promise<Row> {
  process.stderr.write(`${corpus}: building…\n`);
  const build = timed(["--optimize-for-size", "--import", "tsx", "src/cli/index.ts", "--corpus", corpusDir, "--out", indexDir]);
  const files = await folderBytes(indexDir);
  const total = Object.values(files).reduce((a, b) => a + b, 0);
  const manifest = JSON.parse(await readFile(join(indexDir, "manifest.json"), "utf8")) as { passages: number };
  const keyword = await readFile(join(indexDir, "keyword.bin"));
  const postings = keyword.readUInt32LE(24);
  process.stderr.write(`${corpus}: asking…\n`);
  // The machine's load changes from minute to minute: each run here is paired with one on the seed corpus, in turn.
  const ask = (folders: Folders) =>
    timed(["--import", "tsx", "src/cli/ask.ts", "--corpus", folders.corpusDir, "--index", folders.indexDir, "-k", "5", QUESTION]);
  const asks: { seconds: number; peakMb: number }[] = [];
  const seedAsks: { seconds: number; peakMb: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    seedAsks.push(ask(seed));
    asks.push(ask({ corpusDir, indexDir }));
  }
  const search = searchFigures(indexDir);
  const starts: { seconds: number; peakMb: number }[] = [];
  const seedStarts: { seconds: number; peakMb: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    seedStarts.push(await startFigures(seed.corpusDir, seed.indexDir));
    starts.push(await startFigures(corpusDir, indexDir));
  }
  const row: Row = {
    corpus,
    passages: manifest.passages,
    buildS: build.seconds,
    buildPeakMb: build.peakMb,
    indexMb: total / 1e6,
    searchMb: (total - (files["texts.bin"] ?? 0)) / 1e6,
    bytesPerPosting: files["keyword.bin"]! / postings,
    askS: median(asks.map((a) => a.seconds)),
    askVsSeedS: median(asks.map((a, i) => a.seconds - seedAsks[i]!.seconds)),
    askPeakMb: median(asks.map((a) => a.peakMb)),
    loadMs: search.loadMs,
    loadedRssMb: search.rssMb,
    p50: search.p50,
    p95: search.p95,
    startS: median(starts.map((a) => a.seconds)),
    startVsSeedS: median(starts.map((a, i) => a.seconds - seedStarts[i]!.seconds)),
    startPeakMb: median(starts.map((a) => a.peakMb)),
  };
  process.stderr.write(`${JSON.stringify(row)}\n`);
  return row;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const sizes = (option("--sizes") ?? "1,20,100").split(",").map(Number);
  const shuffled = Number(option("--shuffled") ?? 30);
  const keep = option("--keep");
  const work = keep ? resolve(keep) : await mkdtemp(join(tmpdir(), "bench-scale-"));
  const rows: Row[] = [];
  let seed: Folders | undefined;
  try {
    // Natural corpora in files of at most 20 MB (a file over MAX_DOCUMENT_MB, 50, is skipped), each its own seed.
    const natural = async (mb: number) =>
      Promise.all(Array.from({ length: Math.ceil(mb / 20) }, (_, i) => syntheticCorpusFile(Math.min(20, mb - 20 * i) * 1e6, mb + i)));
    const corpora: [string, () => Promise<string[] | undefined>][] = [
      ["seed corpus", async () => undefined],
      ...sizes.map((mb): [string, () => Promise<string[]>] => [`natural ${mb} MB`, () => natural(mb)]),
      ...(shuffled > 0 ? [[`shuffled words ${shuffled} MB`, async () => [await shuffledWordsFile(shuffled * 1e6)]] as [string, () => Promise<string[]>]] : []),
    ];
    for (const [name, make] of corpora) {
      const slug = name.replace(/\W+/g, "-");
      const corpusDir = join(work, `corpus-${slug}`);
      await rm(corpusDir, { recursive: true, force: true });
      const files = await make();
      if (files === undefined) await cp(join(ROOT, "corpus"), corpusDir, { recursive: true });
      else {
        await mkdir(corpusDir, { recursive: true });
        for (const [i, text] of files.entries()) await writeFile(join(corpusDir, `${slug}-${i + 1}.txt`), text);
      }
      const indexDir = join(work, `index-${slug}`);
      seed ??= { corpusDir, indexDir };
      rows.push(await measure(name, corpusDir, indexDir, seed));
    }
  } finally {
    if (!keep) await rm(work, { recursive: true, force: true });
  }
  const base = rows[0]!;
  const signed = (value: number, digits: number) => `${value >= 0 ? "+" : ""}${value.toFixed(digits)}`;
  const delta = (value: number, against: number, digits: number) => `${value.toFixed(digits)} (${signed(value - against, digits)})`;
  const date = new Date().toISOString().slice(0, 10);
  console.log(`Node ${process.version}, keyword only, ${date}; in brackets: the difference from the seed corpus`);
  console.log("(for times, the median difference of runs paired in turn with one on the seed corpus).\n");
  const columns = ["corpus", "passages", "build s", "build peak RSS MB", "index MB (search structures)", "bytes/posting", "cold ask s"];
  columns.push("ask peak RSS MB", "RSS after load MB", "keyword p50 / p95 ms", "npm start to answer s");
  console.log(`| ${columns.join(" | ")} |`);
  console.log(`| --- |${" ---: |".repeat(columns.length - 1)}`);
  for (const r of rows) {
    const cells = [r.corpus, r.passages, r.buildS.toFixed(1), Math.round(r.buildPeakMb), `${r.indexMb.toFixed(1)} (${r.searchMb.toFixed(1)})`];
    cells.push(r.bytesPerPosting.toFixed(2), `${r.askS.toFixed(2)} (${signed(r.askVsSeedS, 2)})`, delta(r.askPeakMb, base.askPeakMb, 0));
    cells.push(delta(r.loadedRssMb, base.loadedRssMb, 0), `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)}`, `${r.startS.toFixed(2)} (${signed(r.startVsSeedS, 2)})`);
    console.log(`| ${cells.join(" | ")} |`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
