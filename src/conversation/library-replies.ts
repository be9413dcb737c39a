/**
 * What the bot says to admins who manage the documents (/add, /documents, /remove) and to anyone
 * else who sends a file, in the sender's language. The Telegram layer decides when; this, what.
 */
import type { AddReport, LibraryEntry, LibraryFailure } from "../answer/library.js";
import { sizeLabel } from "../log/logger.js";
import { type Reply, textReply } from "./reply.js";
import { LIBRARY_FAILURES, TEXTS, type UiLanguage } from "./texts.js";

/** Longest list /documents sends in one message, in characters: Telegram's limit is 4,096. */
const DOCUMENTS_LIST_CHARS = 3500;
const TITLE_CHARS = 80;

/** A file or link offered by an admin: add it? */
export function addOfferReply(language: UiLanguage): Reply {
  return textReply("add-offer", language, [TEXTS.addOffer[language]], [[{ label: TEXTS.addButton[language], action: { kind: "add" } }]]);
}

export function addUsageReply(language: UiLanguage): Reply {
  return textReply("add-usage", language, [TEXTS.addUsage[language]]);
}

/** Someone who is not an admin sent a file. */
export function addOnlyAdminsReply(language: UiLanguage): Reply {
  return textReply("add-only-admins", language, [TEXTS.addOnlyAdmins[language]]);
}

/** The status line of an add under way: reading `name`, waiting for another instance, or still at it after `seconds`. */
export function addingReply(language: UiLanguage, name: string, stage: { queued?: number; waiting?: boolean; seconds?: number } = {}): Reply {
  const lines = [TEXTS.addReading[language](name)];
  if (stage.queued) lines.push(TEXTS.addQueued[language](stage.queued));
  if (stage.waiting) lines.push(TEXTS.addWaiting[language]);
  else if (stage.seconds) lines.push(TEXTS.addStillReading[language](stage.seconds));
  return textReply("adding", language, lines);
}

export function addedReply(report: AddReport, language: UiLanguage): Reply {
  return {
    kind: "added",
    language,
    blocks: [
      {
        kind: "text",
        lines: [
          [{ text: TEXTS.added[language](report.title, report.id), style: "strong" }],
          [{ text: TEXTS.addedCounts[language](report.pages, report.sections, report.passages) }],
        ],
      },
      { kind: "quote", content: [{ text: `${report.opening}…` }], expandable: false },
    ],
    buttons: [],
  };
}

/** Why the document was not added (or removed): the reason in the admin's language, then the detail. */
export function notChangedReply(kind: "not-added" | "not-removed", failure: LibraryFailure | "download-failed", detail: string, language: UiLanguage): Reply {
  const head = kind === "not-added" ? TEXTS.notAdded[language] : TEXTS.notRemoved[language];
  return textReply(kind, language, [`${head} ${LIBRARY_FAILURES[failure][language]}.`, ...(detail ? [[{ text: detail, style: "emphasis" as const }]] : [])]);
}

/** /documents: one line per document (id, title, size, when added), as many as fit in one message. */
export function documentsReply(entries: readonly LibraryEntry[], language: UiLanguage): Reply {
  const lines: string[] = [];
  let length = 0;
  for (const entry of entries) {
    const facts = [entry.bytes !== undefined ? sizeLabel(entry.bytes) : undefined, entry.added?.slice(0, 10)].filter(Boolean).join(" · ");
    // A title can be a page long: cut, so that every document keeps its line (and its id).
    const title = entry.title.length > TITLE_CHARS ? `${entry.title.slice(0, TITLE_CHARS)}…` : entry.title;
    const line = `• ${entry.id} — ${title}${facts ? ` (${facts})` : ""}`;
    if (length + line.length > DOCUMENTS_LIST_CHARS) break;
    lines.push(line);
    length += line.length + 1;
  }
  const hidden = entries.length - lines.length;
  return textReply("documents", language, [
    [{ text: TEXTS.documentsTitle[language](entries.length), style: "strong" }],
    ...lines,
    ...(hidden > 0 ? [TEXTS.documentsMore[language](hidden)] : []),
    TEXTS.documentsHint[language],
  ]);
}

export function removeUsageReply(language: UiLanguage): Reply {
  return textReply("remove-usage", language, [TEXTS.removeUsage[language]]);
}

/** /remove ID: remove this one? The button names the document by its place in index `version`. */
export function removeConfirmReply(entry: LibraryEntry, position: number, version: string, language: UiLanguage): Reply {
  return textReply(
    "remove-confirm",
    language,
    [TEXTS.removeConfirm[language](entry.title, entry.id)],
    [[{ label: TEXTS.removeButton[language], action: { kind: "remove", position, version } }]],
  );
}

export function removedReply(entry: LibraryEntry, language: UiLanguage): Reply {
  return textReply("removed", language, [TEXTS.removed[language](entry.title)]);
}
