/**
 * XQuAD as PDFs for `npm run bench:ingest`: the 48 Arabic articles, one PDF each
 * (test/fixtures/xquad-pdf), indexed with the project's own code beside the Markdown corpus of the
 * same paragraphs that `npm run bench:retrieval` indexes, and the same questions asked of both
 * through `ask` (the bot's settings, abstention on). Also how well the PDFs' paragraphs line up
 * with the dataset's, since a question's gold is a paragraph number.
 */
import { copyFile, mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open-engine.js";
import type { EngineSettings } from "../../src/config/settings.js";
import type { Logger } from "../../src/log/logger.js";
import { comparable, comparisonWords, lcsLength } from "./ingest-metrics.js";
import { type RetrievalMetrics, retrievalMetrics } from "./metrics.js";
import type { BenchQuestion, XquadSet } from "./xquad.js";
import { goldKey, openXquadEngine } from "./xquad-index.js";

/** How deep `ask` is asked, as bench:retrieval's "as ask answers" row does. */
const DEPTH = 10;

export interface XquadRow {
  corpus: string;
  documents: number;
  passages: number;
  skipped: string[];
  buildMs: number;
  arabic: RetrievalMetrics;
  english: RetrievalMetrics;
}

export interface XquadResult {
  rows: XquadRow[];
  mode: string;
  /** Of the dataset's paragraphs, those the PDF corpus holds at the same key (document and paragraph number), word for word. */
  alignedParagraphs: number;
  paragraphs: number;
  /** Paragraphs in the PDF documents, all sections. */
  pdfParagraphs: number;
  /** Words of the dataset's paragraphs found in order in the PDF documents (LCS per article), over all of them. */
  wordsInOrder: number;
}

/** R@1 and R@5 (and MRR@10) of `questions` asked of `engine` as `ask` and the bot ask them. */
async function askAll(engine: AnswerEngine, questions: BenchQuestion[]): Promise<RetrievalMetrics> {
  const rows: { ranked: string[]; gold: string }[] = [];
  for (const question of questions) {
    const answer = await engine.ask(question.question, { limit: DEPTH + 5 });
    const ranked = [...new Set(answer.results.map((r) => `${r.doc.id}:${r.paragraph}`))].slice(0, DEPTH);
    rows.push({ ranked, gold: goldKey(question) });
  }
  return retrievalMetrics(rows);
}

async function row(corpus: string, engine: AnswerEngine, buildMs: number, set: XquadSet): Promise<XquadRow> {
  const status = engine.status();
  return {
    corpus,
    documents: status.documents,
    passages: status.passages,
    skipped: status.skipped.map((problem) => problem.message),
    buildMs,
    arabic: await askAll(engine, set.arabic),
    english: await askAll(engine, set.english),
  };
}

/** The PDF documents' paragraphs against the dataset's: same key and same words, and words in order per article. */
function alignment(engine: AnswerEngine, set: XquadSet): Pick<XquadResult, "alignedParagraphs" | "paragraphs" | "pdfParagraphs" | "wordsInOrder"> {
  const found = new Map<string, string>();
  let pdfParagraphs = 0;
  const documentWords = new Map<string, string[]>();
  for (const document of engine.documents()) {
    for (const section of document.sections) {
      pdfParagraphs += section.paragraphs.length;
      // Numbered within the section, as `ask` numbers a result's paragraph.
      for (const [i, { start, end }] of section.paragraphs.entries()) found.set(`${document.meta.id}:${i + 1}`, comparable(document.text.slice(start, end)));
    }
    documentWords.set(document.meta.id, comparisonWords(document.text));
  }
  const aligned = set.paragraphs.filter((p) => found.get(p.id) === comparable(p.text)).length;
  let inOrder = 0;
  let total = 0;
  const byArticle = new Map<string, string[]>();
  for (const p of set.paragraphs) {
    const id = p.id.split(":")[0]!;
    byArticle.set(id, [...(byArticle.get(id) ?? []), p.text]);
  }
  for (const [id, paragraphs] of byArticle) {
    const source = comparisonWords(paragraphs.join("\n"));
    inOrder += lcsLength(documentWords.get(id) ?? [], source);
    total += source.length;
  }
  return { alignedParagraphs: aligned, paragraphs: set.paragraphs.length, pdfParagraphs, wordsInOrder: inOrder / total };
}

/** Both corpora indexed (the PDFs copied alone into `workDir`, without the fixture folder's README) and asked. */
export async function xquadAsPdfs(pdfDir: string, workDir: string, settings: EngineSettings, log: Logger): Promise<XquadResult> {
  const text = await openXquadEngine(settings, log);
  const corpusDir = join(workDir, "corpus");
  await rm(corpusDir, { recursive: true, force: true });
  await mkdir(corpusDir, { recursive: true });
  for (const name of (await readdir(pdfDir)).filter((n) => n.endsWith(".pdf"))) await copyFile(join(pdfDir, name), join(corpusDir, name));
  const started = performance.now();
  const pdf = await openEngine({ ...settings, corpusDir, indexDir: join(workDir, "index") }, { log, rebuild: true });
  const pdfBuildMs = performance.now() - started;
  return {
    rows: [await row("Markdown (.md, as bench:retrieval)", text.engine, text.buildMs, text.set), await row("PDF", pdf, pdfBuildMs, text.set)],
    mode: pdf.status().mode,
    ...alignment(pdf, text.set),
  };
}
