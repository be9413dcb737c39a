/**
 * Every reply the bot gives, decided here once for all front ends: answer pages with their paging
 * buttons, a whole section, an inline result, welcome, help, sources, status and the short notices.
 */
import type { Answer, AnswerPassage } from "../answer/answer.js";
import type { EngineStatus, PassageContext } from "../answer/engine.js";
import type { CorpusDocument } from "../corpus/document.js";
import { citationOf } from "./citation.js";
import type { Block, Button, Reply, ReplyKind } from "./reply.js";
import { textReply } from "./reply.js";
import { cutAt, echoable, highlighted, linked, trimToSentences } from "./rich.js";
import { bothLanguages, TEXTS, type TextKey, text, type UiLanguage, uiLanguage } from "./texts.js";

/**
 * How long a front end lets a reply be, measured its own way (Telegram: UTF-16 units of the text
 * after entities). Replies that could pass it are cut: whole passages move to the next page, a
 * passage too long alone is cut at a sentence end, a long reference list ends in "… and N more".
 */
export interface ReplyLimits {
  maxLength: number;
  measure: (reply: Reply) => number;
}

/** Shortest a passage is cut to before its references are cut instead. */
const MIN_PASSAGE_TEXT = 200;

/**
 * An answer's notices in words, in the language of its question: what went wrong with the
 * question, and how sure the answer is (closest passages are labelled as such; both they and "no
 * answer" name the question's words the documents never use; "no answer" also gives the nearest
 * topics they do cover).
 */
export function noticeTexts(answer: Answer): string[] {
  const language = uiLanguage(answer.language);
  const texts: string[] = answer.notices.map((notice) => TEXTS[notice][language]);
  const closest = answer.confidence === "closest" && answer.results.length > 0;
  if (closest) texts.push(TEXTS.closestPassages[language]);
  const unanswered = answer.confidence === "none" && answer.notices.includes("no-answer");
  if ((closest || unanswered) && answer.missing?.length) texts.push(TEXTS.missingWords[language](answer.missing));
  if (unanswered && answer.topics.length) texts.push(TEXTS.nearestTopics[language](answer.topics));
  return texts;
}

/** A passage block showing at most `textBudget` units of its text and `shownReferences` references. */
function passageBlock(result: AnswerPassage, language: UiLanguage, textBudget: number, shownReferences: number): Block {
  const text = trimToSentences(result.text, textBudget);
  const best = result.bestSentence;
  return {
    kind: "passage",
    rank: result.rank,
    // The best sentence is set apart when it is not the whole passage, and left out when the passage is cut shorter than it.
    ...(best && best.end - best.start < Math.min(result.text.length, textBudget)
      ? { best: highlighted(result.text.slice(best.start, best.end), result.matches, best.start, result.answerSpans) }
      : {}),
    quote: highlighted(text, result.matches, 0, result.answerSpans),
    citation: citationOf(result, language, shownReferences),
    ...(result.matchedBy ? { matchedBy: result.matchedBy } : {}),
  };
}

/**
 * The biggest version of something that fits: `make(textBudget, shownReferences)` whole, else with
 * its text cut by the overflow (down to MIN_PASSAGE_TEXT: a reader loses least there), else with
 * fewer references as well. `excess` says by how much a version passes the limit (0 or less: fits).
 * When nothing fits, the smallest version is returned (the front end's last guard cuts it).
 */
function largestThatFits<T>(
  make: (textBudget: number, shownReferences: number) => T,
  textLength: number,
  references: number,
  excess: (version: T) => number,
): T {
  let budget = textLength;
  let version = make(budget, references);
  let over = excess(version);
  for (let tries = 0; over > 0 && budget > MIN_PASSAGE_TEXT && tries < 4; tries++) {
    budget = Math.max(MIN_PASSAGE_TEXT, budget - over - 2);
    version = make(budget, references);
    over = excess(version);
  }
  if (over <= 0) return version;
  // The most references that fit, by bisection (fewer references never make it longer).
  let low = 0;
  let high = references - 1;
  let best = make(budget, 0);
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = make(budget, middle);
    if (excess(candidate) <= 0) {
      best = candidate;
      low = middle + 1;
    } else high = middle - 1;
  }
  return best;
}

export interface PageOptions {
  /** Index of the first result shown. */
  offset: number;
  /** Most results per page. */
  pageSize: number;
  /** The index version, for the buttons. */
  version: string;
  /** The example question answered, when the answer is to one (its buttons carry its number). */
  example?: number;
  limits?: ReplyLimits;
}

/**
 * One page of an answer. `answer` holds the results up to this page's end and one more (to know
 * whether a "More" button is due). Results that do not fit within the limits move to the next page.
 */
export function answerPage(answer: Answer, { offset, pageSize, version, example, limits }: PageOptions): Reply {
  const language = uiLanguage(answer.language);
  const head: Block[] = [{ kind: "question", text: echoable(answer.query) }];
  const notices = noticeTexts(answer);
  if (notices.length) head.push(...notices.map((n): Block => ({ kind: "text", lines: [[{ text: n }]] })));
  const reply: Reply = { kind: "answer", language, blocks: [...head], buttons: [] };
  const candidates = answer.results.slice(offset, offset + pageSize);
  const within = (blocks: Block[]) => !limits || limits.measure({ ...reply, blocks }) <= limits.maxLength;
  for (const result of candidates) {
    const make = (budget: number, shown: number) => passageBlock(result, language, budget, shown);
    const whole = make(result.text.length, result.references.length);
    if (within([...reply.blocks, whole])) {
      reply.blocks.push(whole);
      continue;
    }
    if (reply.blocks.length > head.length) break; // the next page shows it whole
    const excess = (block: Block) => limits!.measure({ ...reply, blocks: [...reply.blocks, block] }) - limits!.maxLength;
    reply.blocks.push(largestThatFits(make, result.text.length, result.references.length, excess));
  }
  const shown = reply.blocks.length - head.length;
  const keep = example === undefined ? {} : { example };
  const paging: Button[] = [];
  if (offset > 0) paging.push({ label: TEXTS.back[language], action: { kind: "page", offset: Math.max(0, offset - pageSize), version, ...keep } });
  if (answer.results.length > offset + shown) paging.push({ label: TEXTS.more[language], action: { kind: "page", offset: offset + shown, version, ...keep } });
  const sections = candidates
    .slice(0, shown)
    .map((r): Button => ({ label: `${TEXTS.wholeSection[language]} ${r.rank}`, action: { kind: "section", position: r.position, version, ...keep } }));
  reply.buttons = [...(sections.length ? [sections] : []), ...(paging.length ? [paging] : [])];
  return reply;
}

/** A whole section, for the "Whole section" button: its text (cut to the limits) and where it stands. */
export function sectionReply(context: PassageContext, language: UiLanguage, limits?: ReplyLimits): Reply {
  const source = { doc: context.document.meta, section: context.section, paragraph: context.paragraph, pages: context.pages, references: [] };
  const citation: Block = { kind: "citation", citation: citationOf(source, language) };
  const make = (budget: number, _shown: number): Reply => ({
    kind: "section",
    language,
    blocks: [{ kind: "text", lines: [[{ text: trimToSentences(context.text, budget) }]] }, citation],
    buttons: [],
  });
  return limits ? largestThatFits(make, context.text.length, 0, (r) => limits.measure(r) - limits.maxLength) : make(context.text.length, 0);
}

/**
 * One passage as an inline-mode result: the passage quoted and its citation, within the limits;
 * `unsure` puts first that it may not answer the question.
 */
export function inlineResultReply(result: AnswerPassage, language: UiLanguage, limits?: ReplyLimits, unsure = false): Reply {
  const caveat: Block[] = unsure ? [{ kind: "text", lines: [[{ text: TEXTS.inlineUnsure[language] }]] }] : [];
  const make = (budget: number, shown: number): Block[] => [
    ...caveat,
    { kind: "quote", content: [{ text: trimToSentences(result.text, budget) }], expandable: false },
    { kind: "citation", citation: citationOf(result, language, shown) },
  ];
  const reply = (blocks: Block[]): Reply => ({ kind: "inline-result", language, blocks, buttons: [] });
  const excess = (blocks: Block[]) => (limits ? limits.measure(reply(blocks)) - limits.maxLength : 0);
  return reply(largestThatFits(make, result.text.length, result.references.length, excess));
}

/** The welcome of /start, in both languages, and its example buttons (offered only when there are some). */
export function welcomeReply(examples: readonly string[]): Reply {
  const greeting = (language: UiLanguage) => {
    const [before, after] = TEXTS.welcome[language].split(TEXTS.welcomeGreeting[language]) as [string, string];
    return [{ text: before }, { text: TEXTS.welcomeGreeting[language], style: "strong" as const }, { text: after }];
  };
  const buttons = examples.map((q, i): Button[] => [{ label: cutAt(q, 60), action: { kind: "example", example: i } }]);
  const offer = examples.length ? [[{ text: bothLanguages(TEXTS.tryExamples.ar, TEXTS.tryExamples.en) }]] : [];
  return {
    kind: "welcome",
    language: "both",
    blocks: [greeting("ar"), greeting("en"), ...offer].map((line) => ({ kind: "text", lines: [line] })),
    buttons,
  };
}

/** How to ask, in both languages; `quit` adds how to leave (the terminal). */
export function helpReply({ groups = true, quit = false }: { groups?: boolean; quit?: boolean } = {}): Reply {
  const part = (language: UiLanguage): Block => ({
    kind: "text",
    lines: [
      [{ text: TEXTS.helpTitle[language], style: "strong" }],
      [{ text: TEXTS.helpAsk[language] }],
      ...(groups ? [[{ text: TEXTS.helpGroups[language] }]] : []),
      [{ text: TEXTS.helpCommands[language] + (quit ? ` · ${TEXTS.helpQuit[language]}` : "") }],
    ],
  });
  return { kind: "help", language: "both", blocks: [part("ar"), part("en")], buttons: [] };
}

/** /sources: the documents with their links and authors. */
export function sourcesReply(documents: readonly CorpusDocument[]): Reply {
  const heading = bothLanguages(TEXTS.sourcesTitle.ar, TEXTS.sourcesTitle.en);
  const title = [{ text: "📚 " }, { text: heading, style: "strong" as const }, { text: ` (${documents.length})` }];
  const lines = documents.map((d) => {
    const by = [d.meta.author, d.meta.publisher].filter(Boolean).join("، ");
    return [{ text: "• " }, linked(d.meta.title, d.meta.url, "strong"), ...(by ? [{ text: ` — ${by}` }] : [])];
  });
  return { kind: "sources", language: "both", blocks: [{ kind: "text", lines: [title, ...lines] }], buttons: [] };
}

function age(builtAt: string, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(builtAt)) / 60000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

/** /status: search mode, model, corpus size and index age, and what is wrong with the index; `kind` "reindexed" after a rebuild. */
export function statusReply(status: EngineStatus, now = new Date(), kind: "status" | "reindexed" = "status"): Reply {
  const mode = status.mode === "hybrid" ? "modeHybrid" : status.mode === "dense" ? "modeDense" : "modeKeyword";
  const bridge = status.crossLingual ? "bridgeOn" : "bridgeOff";
  const en = "en";
  return textReply(kind, "both", [
    [{ text: kind === "reindexed" ? "✅ ⚙️ " : "⚙️ " }, { text: bothLanguages(TEXTS.statusTitle.en, TEXTS.statusTitle.ar), style: "strong" }],
    `${TEXTS.statusMode[en]}: ${bothLanguages(TEXTS[mode].en, TEXTS[mode].ar)}`,
    `${TEXTS.statusModel[en]}: ${status.modelId ?? TEXTS.statusNoModel[en](status.modelProblem ?? "off")}`,
    `${TEXTS.statusBridge[en]}: ${bothLanguages(TEXTS[bridge].en, TEXTS[bridge].ar)}`,
    `${TEXTS.statusDocuments[en]}: ${status.documents} · ${TEXTS.statusPassages[en]}: ${status.passages}`,
    `${TEXTS.statusBuilt[en]}: ${status.builtAt} (${TEXTS.statusAge[en](age(status.builtAt, now))})`,
    ...status.caveats.map((caveat) => `⚠️ ${caveat}`),
    ...(status.skipped.length ? [`⚠️ ${TEXTS.statusSkipped[en]}: ${status.skipped.map((problem) => problem.message).join("; ")}`] : []),
  ]);
}

/** The short replies that say one thing, in both languages. */
const NOTICES = {
  "non-text": { key: "nonText", separator: "\n" },
  "unknown-command": { key: "unknownCommand" },
  "not-admin": { key: "notAdmin" },
  reindexing: { key: "reindexing" },
  "reindex-failed": { key: "reindexFailed" },
  "stale-button": { key: "stale" },
  "no-more-passages": { key: "noMorePassages" },
  failed: { key: "failed" },
  "ask-usage": { key: "askUsage", separator: "\n" },
} as const satisfies Partial<Record<ReplyKind, { key: TextKey; separator?: string }>>;

export type NoticeKind = keyof typeof NOTICES;

/** A one-line notice (two lines for the longer ones), Arabic and English. */
export function noticeReply(kind: NoticeKind): Reply {
  const notice: { key: TextKey; separator?: string } = NOTICES[kind];
  return textReply(kind, "both", bothLanguages(text(notice.key, "ar"), text(notice.key, "en"), notice.separator).split("\n"));
}

/** Too many questions: wait `seconds`. */
export function rateLimitedReply(seconds: number): Reply {
  return textReply("rate-limited", "both", [bothLanguages(TEXTS.slowDown.ar(seconds), TEXTS.slowDown.en(seconds))]);
}
