/** The transformers.js internals the embedder uses (see embedder.ts for why). */
declare module "@xenova/transformers/src/utils/hub.js" {
  /** Downloads a model file into the cache (once) and returns its bytes. */
  export function getModelFile(pathOrRepoId: string, filename: string, fatal?: boolean, options?: Record<string, unknown>): Promise<Uint8Array>;
}

declare module "@xenova/transformers/src/utils/data-structures.js" {
  /** The character trie the Unigram tokenizer model fills with its vocabulary. */
  export class CharTrie {
    extend(texts: string[]): void;
  }
}
