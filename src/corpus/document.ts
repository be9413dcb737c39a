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
}

/** The corpus file a document was read from: to know it again when another file claims its id. */
export interface DocumentSource {
  /** Its path relative to the corpus folder. */
  file: string;
  /** The SHA-256 of its bytes: the same file moved elsewhere. */
  sha256: string;
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
}

/** A section: its heading path (empty for the lead before any heading) and its paragraphs. */
export interface Section {
  /** Headings from the outermost to this one, e.g. ["التاريخ", "سيطرة حماس على غزة"]. */
  headings: string[];
  paragraphs: Paragraph[];
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
