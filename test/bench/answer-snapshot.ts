/**
 * `npm run bench:snapshot -- OUT_DIR`: what `ask -k 5 --json --stdin` answers, byte for byte, to a
 * fixed set of questions, for a change that must not change answers (a refactor): run it before
 * and after, and compare the digests it prints (or diff the files it writes).
 *
 * The questions: the seed set and the confidence sets (test/fixtures) and odd inputs, asked of
 * the seed corpus; 300 Arabic and 100 English XQuAD questions, asked of the XQuAD corpus. Each set
 * in keyword mode and in hybrid mode with the tiny test model.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { PROJECT_ROOT } from "../../src/config/settings.js";
import { loadSeedQuestions } from "./seed-questions.js";
import { loadXquad, writeXquadCorpus } from "./xquad.js";

/** Inputs a user may send that are no ordinary question. */
const ODD_INPUTS = [
  "",
  "   ",
  "؟",
  "<b>حماس</b> <script>alert(1)</script> روسيا",
  "**Hamas** and `Russia` | # > ~",
  "🇷🇺🤝🇵🇸",
  "Россия и Хамас",
  "2006",
  "ﺭﻭﺳﻴﺎ ﺣﻤﺎﺱ",
  "Ｗｈｅｎ ｄｉｄ Ｐｕｔｉｎ ｍｅｅｔ Ｍｅｓｈａａｌ?",
  "شكرا",
  "hello there",
  "what did lavrov say about gaza?",
  "يا بوت متى زار مشعل موسكو؟",
  "حماس ".repeat(400),
  "constructor toString __proto__",
  "-k 5 --json",
];

const MODES = {
  keyword: { EMBEDDINGS: "off" },
  hybrid: { EMBEDDINGS: "on", EMBEDDING_MODEL_DIR: join(PROJECT_ROOT, "test/fixtures/tiny-model") },
} as const;

/** The answers of `ask -k 5 --json --stdin` to `questions`, one JSON line each. */
function ask(questions: string[], env: Record<string, string>, corpus: string[]): string {
  const result = spawnSync(join(PROJECT_ROOT, "node_modules/.bin/tsx"), [join(PROJECT_ROOT, "src/cli/ask.ts"), "-k", "5", "--json", "--stdin", ...corpus], {
    input: `${questions.map((q) => q.replace(/\n/g, " ")).join("\n")}\n`,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, LOG_LEVEL: "error", ...env },
  });
  if (result.status !== 0) throw new Error(`ask failed: ${result.stderr}`);
  return result.stdout;
}

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? join(PROJECT_ROOT, ".cache/bench/snapshot"));
  await mkdir(out, { recursive: true });
  const seed = (await loadSeedQuestions()).map((q) => q.question);
  const own = JSON.parse(await readFile(join(PROJECT_ROOT, "test/fixtures/confidence-questions.json"), "utf8")) as { questions: { question: string }[] };
  const xquad = await loadXquad();
  const xquadCorpus = join(PROJECT_ROOT, ".cache/bench/snapshot-xquad/corpus");
  await writeXquadCorpus(xquad, xquadCorpus);
  // Spread evenly over the file, so that every article is asked about.
  const every = <T>(items: T[], count: number) => items.filter((_, i) => i % Math.floor(items.length / count) === 0).slice(0, count);
  const sets = {
    seed: { questions: [...seed, ...own.questions.map((q) => q.question), ...ODD_INPUTS], corpus: [] as string[] },
    xquad: { questions: [...every(xquad.arabic, 300), ...every(xquad.english, 100)].map((q) => q.question), corpus: ["--corpus", xquadCorpus] },
  };
  const all = createHash("sha256");
  for (const [mode, env] of Object.entries(MODES)) {
    for (const [name, { questions, corpus }] of Object.entries(sets)) {
      const answers = ask(questions, env, corpus);
      const lines = answers.split("\n").filter(Boolean).length;
      if (lines !== questions.length) throw new Error(`${mode} ${name}: ${lines} answers to ${questions.length} questions`);
      await writeFile(join(out, `${mode}-${name}.jsonl`), answers);
      const digest = createHash("sha256").update(answers).digest("hex");
      all.update(digest);
      process.stdout.write(`${mode.padEnd(8)} ${name.padEnd(6)} ${String(questions.length).padStart(4)} questions  sha256 ${digest}\n`);
    }
  }
  process.stdout.write(`all                              sha256 ${all.digest("hex")}\n(answers in ${out})\n`);
}

await main();
