/** The topics offered with a "none" answer: what the documents near the question are about. */
import { sectionTitle } from "../indexing/corpus-index.js";
import type { FusedHit } from "../search/fusion.js";
import type { SearchState } from "./search-state.js";

/** Topics offered with a "none" answer. */
const TOPICS = 3;

/**
 * The titles (section, else document) of the passages nearest to an unanswered question, nearest
 * first; when nothing matched at all, the documents' titles, so the user still learns what the
 * documents are about.
 */
export function nearestTopics({ index, documents }: SearchState, ranked: FusedHit[]): string[] {
  const topics = new Set<string>();
  for (const { position } of ranked) {
    const passage = index.passages[position]!;
    const document = documents.get(passage.docId)!;
    topics.add(sectionTitle(document, passage) || document.meta.title);
    if (topics.size === TOPICS) return [...topics];
  }
  for (const document of index.documents) {
    if (topics.size === TOPICS) break;
    topics.add(document.meta.title);
  }
  return [...topics];
}
