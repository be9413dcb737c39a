/**
 * Inline mode: "@bot question" in any chat offers passages, each sent with its citation. Passages
 * that may not answer say so; then a button above the list also opens a private chat with the bot,
 * where the question (carried by the /start parameter when it fits) gets its whole answer.
 */
import { Composer, type Context } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import { startParameterOf } from "./deep-link.js";
import { toMessages } from "./format.js";
import type { BotServices } from "./send.js";

/** The handler of inline queries. */
export function inline({ conversation, log }: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("inline_query", async (ctx) => {
    const question = ctx.inlineQuery.query.trim();
    if (!question) return ctx.answerInlineQuery([], { cache_time: 0 });
    const { results, openChat } = await conversation.inline(question);
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
    await ctx.answerInlineQuery(articles, {
      cache_time: 60,
      ...(openChat ? { button: { text: openChat, start_parameter: startParameterOf(question) } } : {}),
    });
    log.info("inline answered", { user: ctx.from.id, results: articles.length, sure: !openChat });
  });
  return composer;
}
