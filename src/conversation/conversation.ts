/**
 * The conversation with one user, for any front end: it asks the engine and turns what comes back
 * into replies (replies.ts). Stateless: everything a button needs travels in its action.
 */

import type { Answer, AnswerNotice } from "../answer/answer.js";
import type { AnswerEngine } from "../answer/engine.js";
import { detectLanguage } from "../text/language.js";
import { pageLabel } from "./citation.js";
import { answerPage, helpReply, inlineResultReply, type ReplyLimits, sectionReply, sourcesReply, statusReply, welcomeReply } from "./replies.js";
import type { Reply } from "./reply.js";
import { cutAt } from "./rich.js";
import { TEXTS, uiLanguage } from "./texts.js";

/** The parts of the engine a conversation uses. */
export type ConversationEngine = Pick<AnswerEngine, "ask" | "status" | "documents" | "context" | "reindex" | "refresh">;

export interface ConversationOptions {
  /** Passages per answer page. */
  pageSize: number;
  /** Questions offered as buttons by the welcome. */
  examples: readonly string[];
  /** The front end's limit on one reply; none for the terminal. */
  limits?: ReplyLimits;
  /** How the front end's /help reads (see helpReply), also given to a message that asks for help. */
  help?: Parameters<typeof helpReply>[0];
}

/** An inline-mode result: a title and description for the list, and the reply it sends. */
export interface InlineResult {
  id: string;
  title: string;
  description: string;
  reply: Reply;
}

/**
 * What inline mode offers for a question: passages, labelled when they may not answer it, and
 * then also `openChat`, the label of an offer to ask in a private chat, where the whole answer
 * says what is missing and the nearest topics.
 */
export interface InlineOffer {
  results: InlineResult[];
  openChat?: string;
}

/** The replies of one front end, over one engine: every front end asks the same questions of it. */
/** Notices of a question that was not searched at all. */
const UNSEARCHED: ReadonlySet<AnswerNotice> = new Set(["empty-question", "no-words", "unsupported-language", "courtesy", "help-request"]);

export class Conversation {
  constructor(
    readonly engine: ConversationEngine,
    readonly options: ConversationOptions,
  ) {}

  /** The welcome of /start with the example questions as buttons. */
  welcome(): Reply {
    return welcomeReply(this.options.examples);
  }

  /** How to ask (see helpReply for the options; by default the front end's). */
  help(options = this.options.help): Reply {
    return helpReply(options);
  }

  /** The documents answered from. */
  sources(): Reply {
    return sourcesReply(this.engine.documents());
  }

  /** Search mode, model, corpus size and index age. */
  status(now = new Date()): Reply {
    return statusReply(this.engine.status(), now);
  }

  /** Rebuilds the index; throws (the old index stays) when the rebuild fails. */
  async reindex(now = new Date()): Promise<Reply> {
    return statusReply(await this.engine.reindex(), now, "reindexed");
  }

  /** The example question `example`, or undefined when there is no such example (any more). */
  example(example: number): string | undefined {
    return this.options.examples[example];
  }

  /** The page of the answer to `question` starting at `offset`. */
  async answer(question: string, { offset = 0, example }: { offset?: number; example?: number } = {}): Promise<{ answer: Answer; reply: Reply }> {
    const { pageSize, limits } = this.options;
    const answer = await this.engine.ask(question, { limit: offset + pageSize + 1 });
    // "help", «مساعدة»: the help itself, not a search.
    if (answer.notices.includes("help-request")) return { answer, reply: this.help() };
    const version = this.engine.status().version;
    return { answer, reply: answerPage(answer, { offset, pageSize, version, ...(example === undefined ? {} : { example }), ...(limits ? { limits } : {}) }) };
  }

  /**
   * Page `offset` of the answer to `question`, or undefined when the answer has no passage there
   * (a forged button, or an answer that shrank since the button was made).
   */
  async page(question: string, offset: number, example?: number): Promise<Reply | undefined> {
    const { answer, reply } = await this.answer(question, { offset, ...(example === undefined ? {} : { example }) });
    return offset > 0 && offset >= answer.results.length ? undefined : reply;
  }

  /**
   * The whole section around passage `position` of index `version`, labelled in the language of
   * `question`; undefined when that index is gone. A version this instance does not hold may be one
   * another instance just wrote into the shared index folder: the engine looks there first.
   */
  async section(position: number, version: string, question: string | undefined): Promise<Reply | undefined> {
    if (version !== this.version()) await this.engine.refresh();
    if (version !== this.version()) return undefined;
    const context = this.engine.context(position, "section");
    if (!context) return undefined;
    return sectionReply(context, uiLanguage(detectLanguage(question ?? context.text)), this.options.limits);
  }

  /** Up to `count` passages for inline mode. */
  async inline(question: string, count = 5): Promise<InlineOffer> {
    const answer = await this.engine.ask(question, { limit: count });
    const language = uiLanguage(answer.language);
    const version = this.engine.status().version;
    // An inline result stands alone in another chat: one that may not answer says so in itself.
    const sure = answer.confidence === "answer";
    const caveat = sure ? "" : `${TEXTS.inlineUnsure[language]} `;
    const results = answer.results.map((r) => ({
      id: `${version}-${r.position}`,
      title: cutAt(
        `${sure ? "" : "⚠️ "}${r.rank}. ${r.doc.title}${r.section ? ` › ${r.section}` : ""}${r.pages ? ` › ${pageLabel(r.pages, language)}` : ""}`,
        120,
      ),
      description: cutAt(caveat + r.text, 160),
      reply: inlineResultReply(r, language, this.options.limits, !sure),
    }));
    // Only a question that was searched is worth a private chat (not emoji, nor a lone bidi mark).
    const searched = !answer.notices.some((notice) => UNSEARCHED.has(notice));
    return sure || !searched ? { results } : { results, openChat: TEXTS.openChat[language] };
  }

  /** The engine's current index version, which button actions must carry. */
  version(): string {
    return this.engine.status().version;
  }
}
