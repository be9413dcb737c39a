import { cp, mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AnswerEngine } from "../../src/answer/engine.js";
import { MAX_QUESTION_CHARS } from "../../src/answer/question.js";
import { DEFAULT_EXAMPLES } from "../../src/config/settings.js";
import type { ModelSource } from "../../src/embedding/embedder.js";
import { isHeldOut, loadSeedQuestions } from "../bench/seed-questions.js";
import { CORPUS_DIR, scratchDir, TINY_MODEL_DIR } from "../helpers/paths.js";

async function engineOnSeedCorpus(model: ModelSource | null = null) {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  return {
    dir,
    engine: await AnswerEngine.open({ corpusDir: join(dir, "corpus"), indexDir: join(dir, "index"), model }),
  };
}

describe("answers from the seed corpus, keyword only", async () => {
  const { engine } = await engineOnSeedCorpus();
  // Tuning batches only: the held-out one is evaluation data (npm run eval reports it), not a pass/fail check.
  const questions = (await loadSeedQuestions()).filter((q) => !isHeldOut(q.batch));
  const arabic = questions.filter((q) => q.language === "ar" && !q.offTopic);

  it("has at least 15 Arabic questions to check", () => expect(arabic.length).toBeGreaterThanOrEqual(15));

  it("finds a gold passage in the top 3 for every Arabic question but the known misses", async () => {
    // «كم رهينه روسي افرجت عنهم حماس» (batch 3) shares no stem with its passage's «الرهائن ...
    // أطلقت حماس سراح مواطنين روسيين» but روسي and حماس, so it gets "none". Batch 4's two (tuning
    // data since batch 5) ask in other words than their passage: «بتقطع علاقتها» in spoken Arabic
    // (the passage: the Kremlin's relations with Israel), and «فلوس» and «العملات الرقمية» for the
    // passage's «أموال» and «عملات مشفرة» (no passage has them: "none").
    const knownMisses = [
      "كم رهينه روسي افرجت عنهم حماس",
      "ليش روسيا ما بتقطع علاقتها مع اسرائيل؟",
      "هل صحيح ان حماس وصلتها فلوس عن طريق العملات الرقمية من روسيا",
    ];
    const answers = await engine.askMany(arabic.map((q) => q.question));
    const missed = arabic.filter((q, i) => !answers[i]!.results.slice(0, 3).some((r) => q.gold!.includes(r.id))).map((q) => q.question);
    expect(missed).toEqual(knownMisses);
  });

  it("refuses the off-topic Arabic questions", async () => {
    const offTopic = questions.filter((q) => q.language === "ar" && q.offTopic);
    const answers = await engine.askMany(offTopic.map((q) => q.question));
    expect(answers.filter((a) => a.abstained).length / answers.length).toBeGreaterThanOrEqual(0.8);
    for (const a of answers.filter((a) => a.abstained)) expect(a.notices).toEqual(["no-answer"]);
  });

  it("finds nothing for a question sharing only words any text uses with the corpus", async () => {
    // «أفضل» and «السفر» (through «أسفرت») are in the corpus, and cover much of the question's weight there.
    const question = "ما هي أفضل وجهات السفر في الصيف؟";
    expect((await engine.ask(question, { abstain: false })).results.length).toBeGreaterThan(0);
    expect((await engine.ask(question)).confidence).toBe("none");
  });

  it("shows passages on the corpus's own topic when a general word or a name behind a preposition is not in the documents", async () => {
    // «طبيعة» (nature) is in no passage; «بحماس» and «لحماس» are there only by their root.
    // Each once got "none": the missing word outweighed every word the passages match.
    const relation = new Set([
      "wiki-russia-hamas#0.2",
      "wiki-russia-hamas#1.2",
      "wiki-russia-hamas#2.1",
      "wiki-russia-hamas#2.2",
      "news-russia-hamas-carnegie#0.1",
    ]);
    for (const question of ["ما علاقة روسيا بحماس؟", "علاقة روسيا بحماس", "ما طبيعة العلاقة بين روسيا وحماس؟", "ما طبيعة علاقة روسيا لحماس؟"]) {
      const answer = await engine.ask(question);
      expect(answer.confidence, question).not.toBe("none");
      expect(relation.has(answer.results[0]!.id), `${question}: ${answer.results[0]!.id}`).toBe(true);
    }
  });

  it("reads spoken question, vocative and filler words as the question's frame, never as missing content", async () => {
    const asked = [
      ["يا", "متى استضاف بوتين خالد مشعل في موسكو؟"],
      ["وش", "موقف روسيا من حماس؟"],
      ["شو سوت", "روسيا بعد هجوم 7 أكتوبر؟"],
      ["طيب ممكن تقلي", "هل صنفت روسيا حماس منظمة إرهابية؟"],
    ];
    for (const [spoken, rest] of asked) {
      const plain = await engine.ask(rest!);
      const typed = await engine.ask(`${spoken} ${rest}`);
      expect(typed.confidence, `${spoken} ${rest}`).toBe(plain.confidence);
      expect(typed.results.map((r) => r.id)).toEqual(plain.results.map((r) => r.id));
      expect(typed.missing ?? []).toEqual([]);
    }
  });

  it("answers each example the bot offers, as typed and in lower case, with a gold passage first", async () => {
    const seed = await loadSeedQuestions();
    const misses: string[] = [];
    for (const example of DEFAULT_EXAMPLES) {
      const gold = seed.find((q) => q.question === example)?.gold;
      expect(gold, `${example} needs its gold passages in the seed set`).toBeDefined();
      for (const typed of new Set([example, example.toLowerCase()])) {
        const answer = await engine.ask(typed);
        if (answer.confidence !== "answer" || !gold!.includes(answer.results[0]!.id)) misses.push(`${typed}: ${answer.confidence}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it("cites section, paragraph, link and the references the passage carries", async () => {
    const [best] = (await engine.ask("هل صنفت روسيا حماس منظمة إرهابية؟")).results;
    expect(best).toMatchObject({ id: "wiki-russia-hamas#0.2", section: null, paragraph: 2 });
    expect(best!.doc.url).toContain("wikipedia.org");
    expect(best!.references.map((r) => r.n)).toEqual([1]);
    expect(best!.text).toContain("لم تصنف روسيا حماس كمنظمة إرهابية");
    const [later] = (await engine.ask("ماذا قال لافروف عن أهداف إسرائيل في غزة")).results;
    expect(later!.section).toBe("التاريخ › طوفان الأقصي حرب 2023");
    expect(later!.references.map((r) => r.n)).toEqual([24, 25]);
  });

  it("quotes the cleaned document exactly and marks matched words and the best sentence", async () => {
    const answer = await engine.ask("متى زار خالد مشعل موسكو؟", { limit: 5 });
    for (const result of answer.results) {
      const document = engine.documents().find((d) => d.meta.id === result.doc.id)!;
      expect(document.text).toContain(result.text);
      for (const m of result.matches) expect(result.text.slice(m.start, m.end)).toMatch(/^[\p{L}\p{N}]+$/u);
    }
    const best = answer.results[0]!;
    expect(best.matches.map((m) => best.text.slice(m.start, m.end))).toContain("مشعل");
    expect(best.text.slice(best.bestSentence!.start, best.bestSentence!.end)).toContain("مشعل");
  });

  it("answers the same question with or without diacritics and hamza", async () => {
    const plain = await engine.ask("هل صنفت روسيا حماس منظمه ارهابيه");
    const marked = await engine.ask("هَلْ صَنَّفَتْ رُوسْيَا حَمَاسَ مُنَظَّمَةً إِرْهَابِيَّةً؟");
    expect(marked.results.map((r) => r.id)).toEqual(plain.results.map((r) => r.id));
  });

  it("gives a clear notice for empty, wordless, overlong and English questions", async () => {
    expect(await engine.ask("   ")).toMatchObject({ abstained: true, notices: ["empty-question"], results: [] });
    expect(await engine.ask("?!… 😀🎉")).toMatchObject({ abstained: true, notices: ["no-words"], language: "other" });
    expect(await engine.ask("شكرا")).toMatchObject({ abstained: true, notices: ["courtesy"], results: [] });
    const long = await engine.ask(`هل صنفت روسيا حماس منظمة إرهابية ${"وكذلك ".repeat(2000)}`);
    expect(long.query.length).toBeGreaterThan(MAX_QUESTION_CHARS);
    expect(long.notices).toContain("question-truncated");
    expect(long.abstained).toBe(false);
    const english = await engine.ask("Did Russia designate Hamas a terrorist organization?");
    expect(english).toMatchObject({ language: "en", mode: "keyword", abstained: false, notices: [] });
    expect(english.translation).toContainEqual({ en: "Hamas", ar: ["حماس"] });
  });

  it("searches English questions only through the bridge: with it off they need the model", async () => {
    const dir = await scratchDir();
    await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
    const off = await AnswerEngine.open({ corpusDir: join(dir, "corpus"), indexDir: join(dir, "index"), model: null, crossLingual: false });
    expect(off.status().crossLingual).toBe(false);
    const english = await off.ask("When did Putin host Khaled Meshaal in Moscow?");
    expect(english).toMatchObject({ abstained: true, notices: ["no-answer", "needs-model-for-english"] });
    expect(english.translation).toBeUndefined();
    const bridged = await engine.ask("When did Putin host Khaled Meshaal in Moscow?");
    expect(engine.status().crossLingual).toBe(true);
    expect(bridged.results[0]!.text).toContain("استضاف بوتين");
    expect(bridged.results[0]!.matchedBy).toMatch(/Putin → بوتين.*Meshaal → مشعل.*Moscow → موسكو/);
  });

  it("names in the match line only the words the shown text holds, not those of the document's title", async () => {
    const dir = await scratchDir();
    await mkdir(join(dir, "corpus"));
    await writeFile(
      join(dir, "corpus", "cairo.md"),
      "---\nid: cairo\ntitle: زيارة لافروف إلى القاهرة\n---\nناقش لافروف الملف النووي مع نظيره.\n\nوقعت الشركتان اتفاقا للطاقة.\n",
    );
    const cairo = await AnswerEngine.open({ corpusDir: join(dir, "corpus"), indexDir: join(dir, "index"), model: null });
    const answer = await cairo.ask("What did Lavrov discuss in Cairo?");
    const lavrov = answer.results.find((r) => r.text.includes("لافروف"))!;
    expect(lavrov.matchedBy).toContain("Lavrov → لافروف");
    // The title has «القاهرة», which the search matches; the paragraph does not, so the line does not claim it.
    expect(lavrov.matchedBy).not.toContain("Cairo");
  });

  it("reads through markup and mixed scripts in a question", async () => {
    const answer = await engine.ask("<b>خالد مشعل</b> & <i>موسكو</i> **زيارة** `Putin`");
    expect(answer.language).toBe("ar");
    expect(answer.results[0]!.text).toContain("مشعل");
    // Markup never makes an answer: at most the closest passages, labelled as such.
    const hostile = await engine.ask("<script>alert('x')</script> & <b> ** __ ``` [link](javascript:1)");
    expect(hostile.confidence).not.toBe("answer");
    // A script element's content is code, not the question: the Arabic word after it decides its language.
    const scripted = await engine.ask("<script>alert(1)</script> حماس");
    expect(scripted.language).toBe("ar");
    expect(scripted.missing ?? []).not.toContain("alert");
  });

  it("says which languages it answers in when the question is in neither Arabic nor English letters", async () => {
    const russian = await engine.ask("Россия и Хамас");
    expect(russian).toMatchObject({ language: "other", abstained: true, confidence: "none", notices: ["unsupported-language"], results: [] });
    expect(russian.missing).toBeUndefined();
    // Digits alone are searched: they are in every script.
    expect((await engine.ask("2023")).notices).not.toContain("unsupported-language");
  });

  it("returns more passages on request, without repeating text", async () => {
    const answer = await engine.ask("روسيا حماس", { limit: 8 });
    expect(answer.results.length).toBe(8);
    expect(new Set(answer.results.map((r) => r.text)).size).toBe(8);
    expect(answer.results.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("gives a passage's whole paragraph and section", () => {
    const paragraph = engine.context("wiki-russia-hamas#3.2", "paragraph")!;
    const section = engine.context("wiki-russia-hamas#3.2", "section")!;
    expect(section.text).toContain(paragraph.text);
    expect(section.text.length).toBeGreaterThan(paragraph.text.length);
    expect(section.section).toBe("التاريخ › طوفان الأقصي حرب 2023");
    expect(engine.context("no-such#1.1", "paragraph")).toBeUndefined();
  });

  it("reports its status", () => {
    expect(engine.status()).toMatchObject({ mode: "keyword", modelId: null, documents: 2 });
  });
});

describe("the keyword floors", () => {
  it("decide whether a partly matching question is answered", async () => {
    const dir = await scratchDir();
    await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
    const open = (keywordCoverage: number) =>
      AnswerEngine.open({
        corpusDir: join(dir, "corpus"),
        indexDir: join(dir, "index"),
        model: null,
        floors: { keyword: { none: keywordCoverage, answer: 1 }, dense: { none: 1, answer: 1 } },
      });
    const question = "من ترأس وفد حماس الذي زار موسكو في 26 أكتوبر؟";
    expect((await (await open(0.35)).ask(question)).abstained).toBe(false);
    expect((await (await open(0.9)).ask(question)).abstained).toBe(true);
  });
});

describe("falling back to keyword search", () => {
  it("runs keyword-only, with the reason, when the model folder is missing", async () => {
    const dir = await scratchDir();
    const { engine } = await engineOnSeedCorpus({ kind: "folder", dir: join(dir, "missing") });
    expect(engine.status()).toMatchObject({ mode: "keyword", modelId: null });
    expect(engine.status().modelProblem).toMatch(/has no config\.json/);
    expect((await engine.ask("خالد مشعل")).results.length).toBeGreaterThan(0);
  });
});

// The tiny test model (test/fixtures/tiny-model): its rankings from random weights are noise, so
// only the dense plumbing is checked; it runs on every clone.
describe("hybrid search with the tiny test model", async () => {
  const model = { kind: "folder" as const, dir: TINY_MODEL_DIR };
  const { dir, engine } = await engineOnSeedCorpus(model);

  it("runs in hybrid mode and stores the vectors under the model's id", async () => {
    expect(engine.status()).toMatchObject({ mode: "hybrid", modelId: expect.stringMatching(/^folder:tiny-model:\d+$/) });
    const files = await readdir(join(dir, "index", "vectors"));
    expect(files.sort()).toEqual([expect.stringMatching(/^folder__tiny-model__\d+\.f32$/), expect.stringMatching(/\.json$/)]);
  });

  it("answers Arabic and English questions through fusion", async () => {
    const answers = await engine.askMany(["متى زار خالد مشعل موسكو؟", "When did Meshaal visit Moscow?"], { limit: 3, abstain: false });
    for (const answer of answers) {
      expect(answer.mode).toBe("hybrid");
      expect(answer.results).toHaveLength(3);
      expect(answer.results[0]!.score).toBeGreaterThan(0);
    }
  });

  it("reuses stored vectors on the next start", async () => {
    const again = await AnswerEngine.open({ corpusDir: join(dir, "corpus"), indexDir: join(dir, "index"), model });
    const a = await engine.ask("خالد مشعل", { abstain: false });
    const b = await again.ask("خالد مشعل", { abstain: false });
    expect(b.results.map((r) => r.id)).toEqual(a.results.map((r) => r.id));
  });

  it("swaps in a rebuilt index without a restart", async () => {
    const before = engine.status();
    await writeFile(join(dir, "corpus", "added.txt"), "---\nid: added\n---\nوثيقة جديدة عن زيارة وفد حماس إلى موسكو في الربيع.\n");
    const status = await engine.reindex();
    expect(status.documents).toBe(before.documents + 1);
    expect(status.version).not.toBe(before.version);
    expect(status.mode).toBe("hybrid");
  });
});
