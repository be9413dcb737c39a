/** Inline mode: "@bot question" in any chat offers passages, each sent with its citation. */
import { Composer, type Context } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import { toMessages } from "./format.js";
import type { BotParts } from "./send.js";

/** The handler of inline queries. */
export function inline({ conversation, log }: BotParts): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("inline_query", async (ctx) => {
    const question = ctx.inlineQuery.query.trim();
    if (!question) return ctx.answerInlineQuery([], { cache_time: 0 });
    const results = await conversation.inline(question);
    const articles: InlineQueryResultArticle[] = results.map((r) => {
      // An inline result is one message: the conversation cut it to fit, so there is one.
      const [message] = toMessages(r.reply);
      return {
        type: "article",
        id: r.id,
        title: r.title,
        description: r.description,
        input_message_content: { message_text: message!.text, entities: message!.entities, link_preview_options: { is_disabled: true } },
      };
    });
    await ctx.answerInlineQuery(articles, { cache_time: 60 });
    log.info("inline answered", { user: ctx.from.id, results: articles.length });
  });
  return composer;
}
