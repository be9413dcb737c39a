/**
 * What a search needs, loaded together and swapped whole when the index is rebuilt: the index, the
 * passage vectors, the bridge and the search pipeline composed of the retrievers, their floors
 * (config/tuning.ts) and the confidence stage calibrated for this corpus and model.
 */
import { CrossLingualBridge, type Lexicon } from "../bridge/index.js";
import { DEFAULT_FUSION } from "../config/defaults.js";
import { EVIDENCE, RETRIEVERS, type RetrieverName } from "../config/tuning.js";
import type { Embedder } from "../embedding/embedder.js";
import { openIndex } from "../indexing/open-index.js";
import { readManifest } from "../indexing/store.js";
import { openVectors } from "../indexing/vectors.js";
import { silentLogger } from "../log/logger.js";
import { ConfidenceStage, type EvidenceFloors } from "../search/confidence.js";
import { type PipelineParts, SearchPipeline } from "../search/pipeline.js";
import type { Retriever } from "../search/retriever.js";
import { bridgeRetriever } from "../search/retrievers/bridge.js";
import { denseRetriever } from "../search/retrievers/dense.js";
import { keywordRetriever } from "../search/retrievers/keyword.js";
import { loadGeneralFrequency } from "../text/general-frequency.js";
import type { SearchMode } from "./answer.js";
import { openCalibration, probesHash } from "./calibration.js";
import type { EngineOptions } from "./engine-options.js";
import { citationTerms } from "./missing-words.js";
import type { IndexedCorpus } from "./results.js";

export /** Everything a search needs; swapped whole when the index is rebuilt. */
interface SearchState extends IndexedCorpus {
  pipeline: SearchPipeline;
  /** What the pipeline was composed from, for a question asked with fusion settings of its own. */
  parts: PipelineParts;
  /** Translates questions with English words, with this index's names; absent when the bridge is off. */
  bridge?: CrossLingualBridge;
  /**
   * The version of the index on disk when this state was loaded: another than the one in use when
   * the index in use could not be saved. refresh() swaps only when the disk has changed since.
   */
  onDisk: string | undefined;
  /** The analyzed words of the documents' headers and reference lists, which the reply shows but the index does not search. */
  citationTerms: ReadonlySet<string>;
}

/** Which retrievers a search mode runs. */
export const RETRIEVERS_OF: Record<SearchMode, (retriever: Retriever) => boolean> = {
  keyword: (r) => !r.needsEmbedding,
  dense: (r) => r.needsEmbedding,
  hybrid: () => true,
};

export async function loadSearchState(
  options: EngineOptions,
  embedder: Embedder | undefined,
  embed: ((text: string) => Promise<Float32Array>) | undefined,
  lexicon: Lexicon | undefined,
  rebuild: boolean,
): Promise<SearchState> {
  const log = options.log ?? silentLogger;
  const index = await openIndex({ ...options, embedder, log, rebuild, mustSave: options.task === "index" });
  const vectors = embedder ? await openVectors(index, options.indexDir, embedder, log) : undefined;
  const floors = Object.fromEntries(
    Object.entries(RETRIEVERS).map(([name, { none, answer, shownShare, followProbes }]): [string, EvidenceFloors] => [
      name,
      { none, answer, shownShare, followProbes, ...options.floors?.[name as RetrieverName] },
    ]),
  );
  const documents = new Map(index.documents.map((d) => [d.meta.id, d]));
  // Cut when asked for: a loaded index decodes a document's text only when one of its passages is read.
  const passageText = (position: number) => {
    const passage = index.passages[position]!;
    return documents.get(passage.docId)!.text.slice(passage.start, passage.end);
  };
  const bridge = lexicon && new CrossLingualBridge(lexicon, index.names);
  // The search pipeline: a new retriever is one more entry here (and its tuning in config/tuning.ts).
  const { weights, candidates } = options.fusion ?? DEFAULT_FUSION;
  const specificity = options.specificity ?? EVIDENCE.specificity;
  loadGeneralFrequency(); // read by the keyword retrievers' evidence: now, not on the first question
  const retrieval: Omit<PipelineParts, "confidence"> = {
    retrievers: [
      keywordRetriever(index.keyword, specificity),
      ...(bridge ? [bridgeRetriever(index.keyword, specificity)] : []),
      ...(vectors ? [denseRetriever(vectors)] : []),
    ],
    embed: vectors && embed,
    fusionWeights: weights,
    candidates,
  };
  const uncalibrated = new SearchPipeline({ ...retrieval, confidence: new ConfidenceStage({ floors, passageText }) });
  const modelId = vectors && embedder ? embedder.modelId : null;
  const probes = await openCalibration(options.indexDir, index.manifest.passagesHash, modelId, probesHash(specificity), uncalibrated, rebuild, log);
  const parts: PipelineParts = { ...retrieval, confidence: new ConfidenceStage({ floors, probes, passageText }) };
  const onDisk = (await readManifest(options.indexDir).catch(() => undefined))?.passagesHash;
  return { index, pipeline: new SearchPipeline(parts), parts, bridge, documents, onDisk, citationTerms: citationTerms(index.documents) };
}
