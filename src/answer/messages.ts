/**
 * The words front ends show around answers now live in one table, src/conversation/texts.ts; this
 * module keeps the names the command line (`ask`) imports.
 */

export { noticeTexts } from "../conversation/replies.js";
export { type UiLanguage, uiLanguage } from "../conversation/texts.js";
