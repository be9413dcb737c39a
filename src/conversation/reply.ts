/**
 * What a reply says, independent of any chat front end: blocks of text with emphasized spans and
 * links, quotes, citations, and buttons as abstract actions. The conversation decides these once;
 * each front end (Telegram, the terminal) renders them in its own way and nothing more.
 *
 * A new kind of reply is a new ReplyKind and a function in replies.ts built from these blocks;
 * renderers need no change unless it brings a new kind of block.
 */
import type { UiLanguage } from "./texts.js";

/**
 * A run of text: plain, strong (matched words, titles), emphasized (the echoed question), the
 * likely answer (the date or number asked for: shown beyond strong), or a link.
 */
export interface TextRun {
  text: string;
  style?: "strong" | "emphasis" | "answer";
  /** An http(s) address this span links to. */
  url?: string;
}

/** A line (or paragraph) of spans. */
export type Rich = TextRun[];

/** One line of a citation; its role lets each front end mark it its own way (an icon, a label). */
export interface CitationLine {
  role: "where" | "author" | "basedOn" | "link" | "reference" | "more";
  content: Rich;
}

/** Where a passage stands and what it cites. */
export interface Citation {
  lines: CitationLine[];
}

export type Block =
  /** Lines of text. */
  | { kind: "text"; lines: Rich[] }
  /** The user's question repeated above its answer (front ends where it is already on screen skip it). */
  | { kind: "question"; text: string }
  /** Quoted document text; an expandable quote may be shown folded. */
  | { kind: "quote"; content: Rich; expandable: boolean }
  | { kind: "citation"; citation: Citation }
  /**
   * One passage of an answer: its rank, the sentence that answers best, the passage, its citation,
   * and for a translated question which English words it matched as which Arabic words.
   */
  | { kind: "passage"; rank: number; best?: Rich; quote: Rich; citation: Citation; matchedBy?: string };

/** What a button does when pressed. Self-contained, so any instance of the bot can serve it. */
export type Action =
  /** Show the answer to the question from `offset` on; `example` names the example question asked, if one was. */
  | { kind: "page"; offset: number; version: string; example?: number }
  /** Send the whole section around the passage at `position` in the index of `version`. */
  | { kind: "section"; position: number; version: string; example?: number }
  /** Ask example question number `example`. */
  | { kind: "example"; example: number }
  /** An admin adds the file or link of the message this reply answers. */
  | { kind: "add" }
  /** An admin removes the document at `position` among the documents of the index of `version`. */
  | { kind: "remove"; position: number; version: string };

export interface Button {
  label: string;
  action: Action;
}

export type ReplyKind =
  | "answer"
  | "section"
  | "inline-result"
  | "welcome"
  | "help"
  | "sources"
  | "status"
  | "reindexing"
  | "reindexed"
  | "reindex-failed"
  | "not-admin"
  | "unknown-command"
  | "non-text"
  | "ask-usage"
  | "stale-button"
  | "no-more-passages"
  | "rate-limited"
  | "failed"
  | "add-offer"
  | "add-usage"
  | "add-only-admins"
  | "adding"
  | "added"
  | "not-added"
  | "documents"
  | "remove-usage"
  | "remove-confirm"
  | "removed"
  | "not-removed";

export interface Reply {
  kind: ReplyKind;
  /** The language of the reply's labels; "both" for replies written in Arabic and English. */
  language: UiLanguage | "both";
  blocks: Block[];
  /** Rows of buttons. */
  buttons: Button[][];
}

/** A reply of plain lines. */
export function textReply(kind: ReplyKind, language: Reply["language"], lines: (string | Rich)[], buttons: Button[][] = []): Reply {
  return { kind, language, blocks: [{ kind: "text", lines: lines.map((l) => (typeof l === "string" ? [{ text: l }] : l)) }], buttons };
}

/** The reply's text without any formatting or decoration, for places that show plain text only. */
export function plainText(reply: Reply): string {
  return reply.blocks
    .map((block) => {
      if (block.kind === "text") return block.lines.map(richText).join("\n");
      if (block.kind === "question") return block.text;
      if (block.kind === "quote") return richText(block.content);
      if (block.kind === "citation") return block.citation.lines.map((l) => richText(l.content)).join("\n");
      return [block.best, block.quote]
        .filter((r) => r !== undefined)
        .map(richText)
        .join("\n");
    })
    .join("\n\n");
}

/** The characters of a rich line. */
export function richText(rich: Rich): string {
  return rich.map((s) => s.text).join("");
}
