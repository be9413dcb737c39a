import { spawnSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { cp, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_INDEXES_DIR, indexDirFor } from "../../src/cli/folders.js";
import { otherCorpus } from "../helpers/other-corpus.js";
import { CORPUS_DIR, ROOT, scratchDir } from "../helpers/paths.js";

const dir = await scratchDir();
await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/** Runs `ask` as a user would, on a copy of the seed corpus, keyword-only unless env says otherwise. */
function ask(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(TSX, [join(ROOT, "src/cli/ask.ts"), ...args], {
    input: options.input ?? "",
    encoding: "utf8",
    env: { ...process.env, CORPUS_DIR: join(dir, "corpus"), INDEX_DIR: join(dir, "index"), EMBEDDINGS: "off", ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run ask", () => {
  it("--json prints exactly one object of the documented shape", () => {
    const { status, stdout } = ask(["--json", "-k", "2", "هل صنفت روسيا حماس منظمة إرهابية؟"]);
    expect(status).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer)).toEqual(["query", "language", "mode", "abstained", "confidence", "topics", "results"]);
    expect(answer).toMatchObject({ query: "هل صنفت روسيا حماس منظمة إرهابية؟", language: "ar", mode: "keyword", abstained: false });
    expect(answer.results).toHaveLength(2);
    const [first] = answer.results;
    expect(Object.keys(first)).toEqual(["rank", "id", "text", "score", "doc", "section", "paragraph", "references", "best"]);
    expect(Object.keys(first.doc)).toEqual(["id", "title", "url"]);
    expect(first.references[0]).toEqual({ n: 1, title: "Why Russia and Hamas Are Growing Closer", url: null });
    // The sentence set apart, as offsets into the text; no answer words for a yes-or-no question.
    expect(first.text.slice(first.best.start, first.best.end)).toMatch(/^لم تصنف روسيا حماس .+\.$/);
  });

  it("--json gives the likely answer words of a question asking for a date, within the best sentence", () => {
    const { status, stdout } = ask(["--json", "-k", "1", "متى زار خالد مشعل موسكو؟"]);
    expect(status).toBe(0);
    const [first] = JSON.parse(stdout).results;
    expect(Object.keys(first)).toEqual(["rank", "id", "text", "score", "doc", "section", "paragraph", "references", "best", "answerSpans"]);
    const { text, best, answerSpans } = first;
    expect(text.slice(best.start, best.end)).toContain("في زيارة رسمية إلى موسكو في مارس 2006");
    expect(answerSpans.map((span: { start: number; end: number }) => text.slice(span.start, span.end))).toEqual(["مارس 2006"]);
    expect(answerSpans[0].start).toBeGreaterThanOrEqual(best.start);
    expect(answerSpans[0].end).toBeLessThanOrEqual(best.end);
  });

  it("--json --stdin answers one line per question with everything loaded once", () => {
    const { status, stdout } = ask(["--json", "--stdin"], { input: "خالد مشعل\n\nما هي عاصمة فرنسا؟\n" });
    expect(status).toBe(0);
    const answers = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(answers.map((a) => a.abstained)).toEqual([false, true, true]);
    expect(answers[1].message).toContain("type your question");
    expect(answers[2].message).toMatch(
      /^لم أجد في المصادر المتاحة ما يجيب عن هذا السؤال\. لم أجد في الوثائق: «عاصمة»، «فرنسا»\. أقرب الموضوعات التي تتناولها الوثائق: .+/,
    );
    expect(answers[2].missing).toEqual(["عاصمة", "فرنسا"]);
    expect(answers[0].missing).toBeUndefined();
  });

  it("--json says what an English question was searched as, and which words each passage matched", () => {
    const { status, stdout } = ask(["--json", "When did Putin host Khaled Meshaal in Moscow?"]);
    expect(status).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ language: "en", abstained: false, confidence: expect.stringMatching(/^(answer|closest)$/) });
    expect(answer.translation).toContainEqual({ en: "Moscow", ar: ["موسكو"] });
    expect(answer.translation).toContainEqual({ en: "Meshaal", ar: ["مشعل"] });
    expect(answer.results[0].matchedBy).toContain("Meshaal → مشعل");
    const off = JSON.parse(ask(["--json", "When did Putin host Khaled Meshaal in Moscow?"], { env: { CROSS_LINGUAL: "off" } }).stdout);
    expect(off).toMatchObject({ abstained: true, confidence: "none" });
    expect(off.translation).toBeUndefined();
  });

  it("prints passages with their citations for people", () => {
    const { status, stdout } = ask(["ماذا قال لافروف عن أهداف إسرائيل في غزة"]);
    expect(status).toBe(0);
    expect(stdout).toContain("[1] في ديسمبر 2023، قال وزير الخارجية الروسي سيرغي لافروف");
    expect(stdout).toContain("المصدر: العلاقات بين روسيا وحماس › التاريخ › طوفان الأقصي حرب 2023 › الفقرة 4");
    expect(stdout).toContain("[24] Lavrov appears to liken");
  });

  it("says once, clearly, that the model is missing and answers by keyword", () => {
    const { status, stdout, stderr } = ask(["--json", "خالد مشعل"], { env: { EMBEDDINGS: "on", EMBEDDING_MODEL_DIR: join(dir, "no-model") } });
    expect(status).toBe(0);
    expect(stderr.match(/could not|has no/g)).toHaveLength(1);
    expect(stderr).toContain("keyword search only");
    // English questions still get answers, through the bridge: the warning says so, not that they need the model.
    expect(stderr).toContain("English questions through the dictionary bridge");
    expect(JSON.parse(stdout)).toMatchObject({ mode: "keyword", abstained: false });
    const off = ask(["--json", "خالد مشعل"], { env: { EMBEDDINGS: "on", EMBEDDING_MODEL_DIR: join(dir, "no-model"), CROSS_LINGUAL: "off" } });
    expect(off.stderr).toContain("English questions need the model");
  });

  it("rejects bad usage with a message and exit code 2, never a stack trace", () => {
    for (const args of [[], ["-k", "zero", "سؤال"], ["--stdin", "سؤال"], ["--bogus"]]) {
      const { status, stderr } = ask(args);
      expect(status).toBe(2);
      expect(stderr).toContain("usage: npm run ask");
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("names an unknown option in one line, then the usage", () => {
    const { status, stderr } = ask(["--bogus", "سؤال"]);
    expect(status).toBe(2);
    expect(stderr.split("\n")[0]).toBe("unknown option --bogus");
    expect(stderr).toContain("usage: npm run ask");
  });

  it("refuses a --corpus folder that does not exist, leaving the index alone", async () => {
    expect(ask(["--json", "خالد مشعل"]).status).toBe(0); // the index of the configured corpus exists
    const manifest = join(dir, "index", "manifest.json");
    const before = { text: await readFile(manifest, "utf8"), modified: (await stat(manifest)).mtimeMs };
    const missing = join(dir, "no-such-corpus");
    const { status, stdout, stderr } = ask(["--corpus", missing, "خالد مشعل"]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")[0]).toBe(`--corpus ${missing}: there is no such folder`);
    expect(stderr).toContain("usage: npm run ask");
    expect(ask(["--corpus", manifest, "خالد مشعل"]).stderr).toContain(`--corpus ${manifest}: this is a file, not a folder`);
    expect({ text: await readFile(manifest, "utf8"), modified: (await stat(manifest)).mtimeMs }).toEqual(before);
  });

  it("--corpus without --index builds that corpus's index in .cache/indexes/, leaving the configured index untouched", async () => {
    const { corpus: other, indexDir: ownIndex } = await otherCorpus(dir, "news-russia-hamas.txt", "news.txt");
    expect(ownIndex.startsWith(join(CORPUS_INDEXES_DIR, "other-corpus-"))).toBe(true);

    expect(ask(["--json", "خالد مشعل"]).status).toBe(0); // the index of the configured corpus exists
    const manifest = join(dir, "index", "manifest.json");
    const before = { text: await readFile(manifest, "utf8"), modified: (await stat(manifest)).mtimeMs };
    const { status, stdout, stderr } = ask(["--json", "--corpus", other, "خالد مشعل"]);
    expect(status, stderr).toBe(0);
    expect(stderr).toContain(`Building the index of ${realpathSync(other)} (there is no index in ${ownIndex} yet)`);
    const answer = JSON.parse(stdout);
    expect(answer.abstained).toBe(false);
    expect(new Set(answer.results.map((r: { doc: { id: string } }) => r.doc.id))).toEqual(new Set(["news-russia-hamas-carnegie"]));
    expect({ text: await readFile(manifest, "utf8"), modified: (await stat(manifest)).mtimeMs }).toEqual(before);
    // The other corpus's index is kept: asked again, it is not rebuilt; nor is the configured one after it.
    expect(ask(["--json", "--corpus", other, "خالد مشعل"]).stderr).not.toContain("Building the index");
    expect(ask(["--json", "خالد مشعل"]).stderr).not.toContain("Building the index");
  });

  it("--corpus naming the configured corpus uses the configured index", () => {
    const { status, stderr } = ask(["--json", "--corpus", join(dir, "corpus"), "خالد مشعل"]);
    expect(status).toBe(0);
    expect(stderr).not.toContain("Building the index");
    expect(existsSync(indexDirFor(realpathSync(join(dir, "corpus")), { corpusDir: undefined, indexDir: "" }))).toBe(false);
  });

  it("says clearly when the index path is a file: a usage error when given with --index, as --corpus is", async () => {
    const file = join(dir, "index-file");
    await writeFile(file, "not an index\n");
    for (const args of [
      ["--index", file],
      ["--corpus", join(dir, "corpus"), "--index", file],
    ]) {
      const { status, stderr } = ask([...args, "خالد مشعل"]);
      expect(status).toBe(2);
      expect(stderr.split("\n")[0]).toBe(`--index ${file}: this is a file, not a folder`);
      expect(stderr).toContain("usage: npm run ask");
    }
    // Set in the settings instead, it is the index layer that refuses it.
    const { status, stderr } = ask(["خالد مشعل"], { env: { INDEX_DIR: file } });
    expect(status).toBe(1);
    expect(stderr.trim()).toBe(`error: the index folder ${file} is a file, not a folder`);
    expect(await readFile(file, "utf8")).toBe("not an index\n");
  });

  it("reports invalid settings clearly", () => {
    const { status, stderr } = ask(["سؤال"], { env: { ANSWER_PASSAGES: "many" } });
    expect(status).toBe(1);
    expect(stderr).toContain("ANSWER_PASSAGES=many: expected a whole number from 1 to 10");
  });
});
