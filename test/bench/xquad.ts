/**
 * XQuAD as a retrieval benchmark (test/datasets/xquad, committed): its 240 Arabic paragraphs become a
 * corpus of 48 documents (one per article, one paragraph per paragraph), and each question's gold
 * is the paragraph it was written for. The Arabic and English files share ids and order.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { PROJECT_ROOT } from "../../src/config/settings.js";

/** The Arabic and English XQuAD files, committed with their license so a clone has them. */
export const XQUAD_DIR = resolve(PROJECT_ROOT, "test/datasets/xquad");

interface SquadFile {
  data: { title?: string; paragraphs: { context: string; qas: { id: string; question: string; answers: { text: string }[] }[] }[] }[];
}

export interface BenchQuestion {
  id: string;
  question: string;
  /** The gold paragraph: document id and paragraph number (from 1). */
  docId: string;
  paragraph: number;
  /** Article number, from 0: the first 24 articles are for tuning, the last 24 held out. */
  article: number;
  /** The gold answer's text as the Arabic paragraph has it (for the English question too: the corpus is the Arabic one). */
  answer: string;
}

export interface XquadSet {
  /** One Markdown file per article, for the real corpus loader. */
  files: { name: string; content: string }[];
  /** The Arabic paragraphs, keyed like BenchQuestion ("docId:paragraph"), for the peers. */
  paragraphs: { id: string; text: string }[];
  /** The English originals of the paragraphs (text only). */
  englishParagraphs: string[];
  arabic: BenchQuestion[];
  english: BenchQuestion[];
  articles: number;
}

async function readSquad(language: string): Promise<SquadFile> {
  return JSON.parse(await readFile(join(XQUAD_DIR, `xquad.${language}.json`), "utf8")) as SquadFile;
}

export async function loadXquad(): Promise<XquadSet> {
  const [arabic, english] = await Promise.all([readSquad("ar"), readSquad("en")]);
  const files: XquadSet["files"] = [];
  const paragraphs: XquadSet["paragraphs"] = [];
  const questions = { arabic: [] as BenchQuestion[], english: [] as BenchQuestion[] };
  arabic.data.forEach((article, a) => {
    const docId = `xquad-${String(a).padStart(2, "0")}`;
    const texts = article.paragraphs.map((p) => p.context.trim().replace(/\s*\n\s*/g, " "));
    for (const [p, text] of texts.entries()) paragraphs.push({ id: `${docId}:${p + 1}`, text });
    const body = texts.join("\n\n");
    // The dataset's titles are English (Super_Bowl_50): indexing them would hand English
    // questions matches no Arabic document has, so the documents are titled by number.
    files.push({ name: `${docId}.md`, content: `---\nid: ${docId}\ntitle: ${docId}\nlanguage: ar\nlicense: CC BY-SA 4.0\n---\n${body}\n` });
    article.paragraphs.forEach((paragraph, p) => {
      paragraph.qas.forEach((qa, q) => {
        const gold = { docId, paragraph: p + 1, article: a, answer: qa.answers[0]?.text ?? "" };
        questions.arabic.push({ id: qa.id, question: qa.question, ...gold });
        const en = english.data[a]!.paragraphs[p]!.qas[q]!;
        if (en.id !== qa.id) throw new Error(`XQuAD files disagree at ${qa.id}`);
        questions.english.push({ id: en.id, question: en.question, ...gold });
      });
    });
  });
  const englishParagraphs = english.data.flatMap((a) => a.paragraphs.map((p) => p.context));
  return { files, paragraphs, englishParagraphs, ...questions, articles: arabic.data.length };
}

/** Writes the XQuAD corpus into `dir` (emptied first). */
export async function writeXquadCorpus(set: XquadSet, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await Promise.all(set.files.map((f) => writeFile(join(dir, f.name), f.content)));
}
