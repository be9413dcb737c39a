/** The one citation model: where a passage stands, who wrote it, its link, the references it cites. */
import type { DocumentMeta, Reference } from "../corpus/document.js";
import type { Citation, CitationLine } from "./reply.js";
import { linked } from "./rich.js";
import { TEXTS, type UiLanguage } from "./texts.js";

export interface CitationSource {
  doc: DocumentMeta;
  section: string | null;
  paragraph: number;
  /** The pages it stands on, in a paginated document. */
  pages?: readonly number[];
  references: readonly Reference[];
}

/** "p. 12", "pp. 12–13" (Arabic "ص 12", "ص 12–13"): the first and last page. */
export function pageLabel(pages: readonly number[], language: UiLanguage): string {
  const [first, last] = [pages[0]!, pages.at(-1)!];
  return first === last ? `${TEXTS.page[language]} ${first}` : `${TEXTS.pages[language]} ${first}–${last}`;
}

/**
 * The citation of a passage. `shownReferences` caps the references listed; the rest are counted
 * in one "… and N more" line (a passage citing very many would not fit in one message).
 */
export function citationOf(source: CitationSource, language: UiLanguage, shownReferences = source.references.length): Citation {
  const { doc } = source;
  const where = [
    source.section ?? TEXTS.lead[language],
    `${TEXTS.paragraph[language]} ${source.paragraph}`,
    ...(source.pages?.length ? [pageLabel(source.pages, language)] : []),
  ].join(" › ");
  const lines: CitationLine[] = [{ role: "where", content: [{ text: doc.title, style: "strong" }, { text: ` › ${where}` }] }];
  if (doc.author) lines.push({ role: "author", content: [{ text: `${TEXTS.author[language]}: ${doc.author}` }] });
  if (doc.basedOn) lines.push({ role: "basedOn", content: [{ text: `${TEXTS.basedOn[language]}: ${doc.basedOn}` }] });
  if (doc.url) lines.push({ role: "link", content: [linked(doc.url!, doc.url)] });
  const shown = source.references.slice(0, Math.max(0, shownReferences));
  for (const ref of shown) {
    lines.push({ role: "reference", content: [{ text: `[${ref.n}] ` }, linked(ref.title, ref.url), ...(ref.details ? [{ text: ` — ${ref.details}` }] : [])] });
  }
  const hidden = source.references.length - shown.length;
  if (hidden > 0) lines.push({ role: "more", content: [{ text: TEXTS.moreReferences[language](hidden) }] });
  return { lines };
}
