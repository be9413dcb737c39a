import { describe, expect, it } from "vitest";
import { chunkDocument, MAX_PASSAGE_CHARS, MAX_PASSAGE_TOKENS, type Passage } from "../../src/chunking/passages.js";
import { cleanDocument } from "../../src/corpus/clean.js";
import type { CorpusDocument } from "../../src/corpus/document.js";
import { parseHeader } from "../../src/corpus/header.js";
import { loadCorpus } from "../../src/corpus/load.js";
import { loadEmbedder } from "../../src/embedding/embedder.js";
import { loadXquad } from "../bench/xquad.js";
import { CORPUS_DIR, describeIf, HAS_RANDOM_MODEL, NEEDS_REAL_TOKENIZER, RANDOM_MODEL_DIR, TINY_MODEL_DIR } from "../helpers/paths.js";

/** Every non-space character of every paragraph is in exactly one passage, in order. */
function expectCoverage(document: CorpusDocument, passages: Passage[]) {
  const covered = new Uint8Array(document.text.length);
  for (const p of passages) for (let i = p.start; i < p.end; i++) covered[i]! += 1;
  for (const section of document.sections) {
    for (const paragraph of section.paragraphs) {
      for (let i = paragraph.start; i < paragraph.end; i++) {
        if (!/\s/.test(document.text[i]!)) expect(covered[i], `offset ${i} of ${document.meta.id}`).toBe(1);
      }
    }
  }
}

const longParagraph = Array.from(
  { length: 40 },
  (_, i) => `هذه الجملة رقم ${i + 1} في فقرة طويلة جدا، وفيها كلام كثير عن العلاقات بين البلدين؛ أليس كذلك؟`,
).join(" ");

describe("chunkDocument", async () => {
  const corpus = await loadCorpus(CORPUS_DIR);

  it("covers every paragraph of the seed corpus exactly once", () => {
    for (const document of corpus.documents) expectCoverage(document, chunkDocument(document));
  });

  it("splits a long paragraph at sentence ends into parts within the budget", () => {
    const document = cleanDocument({ id: "long", title: "t" }, longParagraph, false);
    const passages = chunkDocument(document);
    expect(passages.length).toBeGreaterThan(2);
    expectCoverage(document, passages);
    for (const p of passages) {
      expect(p.end - p.start).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
      expect(document.text.slice(p.start, p.end)).toMatch(/[؟.!]$/);
    }
    expect(passages.map((p) => p.id)).toEqual(passages.map((_, i) => `long#0.1.${i + 1}`));
  });

  it("cuts text with no punctuation at all between words", () => {
    const document = cleanDocument({ id: "words", title: "t" }, Array.from({ length: 600 }, (_, i) => `كلمة${i}`).join(" "), false);
    const passages = chunkDocument(document);
    expectCoverage(document, passages);
    for (const p of passages) expect(document.text[p.start]).not.toBe(" ");
  });

  it("gives the same ids and spans on every run", () => {
    const ids = (docs: CorpusDocument[]) => docs.flatMap((d) => chunkDocument(d)).map((p) => `${p.id}@${p.start}-${p.end}`);
    expect(ids(corpus.documents)).toEqual(ids(corpus.documents));
    expect(new Set(ids(corpus.documents)).size).toBe(ids(corpus.documents).length);
  });
});

/**
 * The budget holds for the seed corpus, XQuAD and adversarial text, counting with the model in
 * `dir`; with `splitsByTokens`, counting must also cut passages the character limit alone keeps whole.
 */
function tokenBudgetSuite(dir: string, splitsByTokens = false) {
  return () => {
    it("holds for the seed corpus, XQuAD and adversarial text", async () => {
      const embedder = await loadEmbedder({ kind: "folder", dir });
      const countTokens = (t: string) => embedder.countPassageTokens(t);
      const corpus = await loadCorpus(CORPUS_DIR);
      const xquad = await loadXquad();
      const documents = [
        ...corpus.documents,
        ...xquad.files.map((f) => {
          const { meta, body } = parseHeader(f.content);
          return cleanDocument({ id: meta.id!, title: meta.title! }, body, true);
        }),
        // Digits and symbols cost about one token per character: the tokenizer must split these.
        cleanDocument({ id: "digits", title: "t" }, Array.from({ length: 400 }, (_, i) => `${(i * 7919) % 10007}/${i}`).join(" "), false),
      ];
      let max = 0;
      let extraPassages = 0;
      for (const document of documents) {
        const passages = chunkDocument(document, { countTokens });
        expectCoverage(document, passages);
        for (const p of passages) max = Math.max(max, countTokens(document.text.slice(p.start, p.end)));
        extraPassages += passages.length - chunkDocument(document).length;
      }
      expect(max).toBeLessThanOrEqual(MAX_PASSAGE_TOKENS);
      if (splitsByTokens) expect(extraPassages).toBeGreaterThan(0);
    });
  };
}

describeIf(HAS_RANDOM_MODEL, NEEDS_REAL_TOKENIZER, "the token budget, counted with the real tokenizer", tokenBudgetSuite(RANDOM_MODEL_DIR));
// The tiny model's small vocabulary spends several tokens on most words: the budget is reached far
// sooner, so the token-counted split is exercised on every clone.
describe("the token budget, counted with the tiny model's tokenizer", tokenBudgetSuite(TINY_MODEL_DIR, true));
