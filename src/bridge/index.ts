/**
 * The cross-lingual bridge, translating English questions into Arabic query terms (bridge.ts),
 * for the keyword index. A barrel: what the rest of the project uses of bridge/.
 */
export { type BridgeQuery, CrossLingualBridge, needsBridge } from "./bridge.js";
export { explainMatch } from "./explain.js";
export { Lexicon } from "./lexicon.js";
export { buildNameIndex, NameIndex } from "./names.js";
export { toQueryTerms } from "./query.js";
export { QueryTranslator, type TranslatedWord } from "./translate.js";
