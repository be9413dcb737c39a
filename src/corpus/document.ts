/** The cleaned, structured form of one corpus document: what every later stage works on. */

/** What a document's header says about it. Only `id` and `title` are always known. */
export interface DocumentMeta {
  id: string;
  title: string;
  author?: string;
  publisher?: string;
  /** Where the document can be read; absent when not known (never guessed). */
  url?: string;
  language?: string;
  license?: string;
  /** What the document itself is based on, when it says so (e.g. the analysis a news item summarizes). */
  basedOn?: string;
  /** Who added it from the chat or the shell (a Telegram user id, or "shell"), when it was added that way. */
  addedBy?: string;
  /** When it was added that way (ISO 8601). */
  addedAt?: string;
  /** The address it was fetched from, when it was added from a link. */
  sourceUrl?: string;
}

/** The corpus file a document was read from: to know it again when another file claims its id. */
export interface DocumentSource {
  /** Its path relative to the corpus folder. */
  file: string;
  /** The SHA-256 of its bytes: the same file moved elsewhere. */
  sha256: string;
  /**
   * For a file a reader read (PDF, Word, web page, e-book): the SHA-256 of its sidecar's bytes
   * (empty without one) and the reader's and cleaner's versions. A rebuild finding all three, and
   * the file's, unchanged takes the document as it is instead of reading the file again.
   */
  readAs?: string;
}

/** One entry of a document's reference list, cited in the text as [n]. */
export interface Reference {
  n: number;
  title: string;
  /** The rest of the entry as written: publisher, dates. */
  details?: string;
  url?: string;
}

/** A paragraph: a span of the cleaned text. */
export interface Paragraph {
  start: number;
  end: number;
  /** The pages it stands on, first to last (from 1), in a paginated document (PDF). */
  pages?: number[];
}

/** A section: its heading path (empty for the lead before any heading) and its paragraphs. */
export interface Section {
  /** Headings from the outermost to this one, e.g. ["التاريخ", "سيطرة حماس على غزة"]. */
  headings: string[];
  paragraphs: Paragraph[];
}

/** The pages `paragraphs` stand on, in order, or undefined for a document without pages. */
export function pagesOf(paragraphs: readonly Paragraph[]): number[] | undefined {
  const pages = [...new Set(paragraphs.flatMap((p) => p.pages ?? []))].sort((a, b) => a - b);
  return pages.length ? pages : undefined;
}

export interface CorpusDocument {
  meta: DocumentMeta;
  /** The file it was read from (absent for documents made in code). */
  source?: DocumentSource;
  /** The cleaned text: headings and paragraphs separated by blank lines. All offsets point here. */
  text: string;
  sections: Section[];
  references: Reference[];
}
