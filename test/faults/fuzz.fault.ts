/**
 * Scenario 1: at least 2,000 generated hostile updates (questions, commands, button presses,
 * inline queries; private chats and groups) through the real bot, polling the Bot API emulator.
 * FAULT_SEED=n replays a run; FAULT_SEED=random draws a new seed (printed either way).
 */
import { cp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";
import { openTestEngine, saysExpired, startPollingBot } from "./adapter.js";
import { recordRow } from "./collector.js";
import { type FuzzCase, fuzzCases } from "./fuzz-cases.js";
import { describeInput, faultScene, sleep, until } from "./harness.js";

const SCENARIO = "1. fuzzed questions and callbacks";
const CASES = Number(process.env.FAULT_CASES ?? 2000);
const BATCH = 100;
const seed = process.env.FAULT_SEED === "random" ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FAULT_SEED ?? 14);
const BOT_ID = 666;

/** Reference number `n` of the hostile document below, a long line with a link. */
function reference(n: number): string {
  const title = `تقرير مطوّل عن رصد الأقمار الصناعية والمذنبات في سماء الصحراء الكبرى، الجزء ${n} من سلسلة تقارير المرصد`;
  return `${n}. ^ ${title} https://example.org/reports/${n}?a=1&b=<2>`;
}

/**
 * A document an operator might add: a passage citing sixty long references (its citation alone is
 * past 4096 characters), a javascript: address, markup and entities in the text.
 */
const HOSTILE_DOCUMENT = `---
id: hostile-observatory
title: تقرير <المرصد> & الأقمار
url: javascript:alert(document.cookie)
---
المرصد الفلكي في الصحراء
يرصد المرصد الفلكي في الصحراء الكبرى الأقمار الصناعية والمذنبات كل ليلة منذ عام 1990 ${Array.from({ length: 60 }, (_, i) => `[${i + 1}]`).join("")}.
ويستخدم المرصد&nbsp;الفلكي تلسكوبات حديثة &amp; أجهزة <b>قياس</b> دقيقة لرصد الأقمار.
المراجع
${Array.from({ length: 60 }, (_, i) => reference(i + 1)).join("\n")}
`;

const { emulator, watch, bots } = await faultScene();

/** The raw update Telegram would send for case number `n`, and how to tell it was answered. */
function updateOf(c: FuzzCase, n: number) {
  const user = { id: 200_000 + n, is_bot: false, first_name: `Fuzz${n}`, username: `fuzz${n}` };
  const groupCase = c.type !== "inline" && c.chat === "group";
  const chat = groupCase ? { id: -200_000 - n, type: "group", title: "Fuzzers" } : { id: user.id, type: "private", first_name: user.first_name };
  const date = Math.floor(Date.now() / 1000);
  if (c.type === "message") {
    let text = c.text;
    const entities: { type: string; offset: number; length: number }[] = [];
    const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/.exec(text);
    if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
    else if (c.address === "mention") {
      text = `@TestNameBot ${text}`;
      entities.push({ type: "mention", offset: 0, length: 12 });
    }
    const reply =
      c.address === "reply"
        ? { reply_to_message: { message_id: 1, date, chat, from: { id: BOT_ID, is_bot: true, first_name: "Bot", username: "TestNameBot" }, text: "🔎 …" } }
        : {};
    return { update: { message: { message_id: 10 + n, date, chat, from: user, text, ...(entities.length ? { entities } : {}), ...reply } }, chatId: chat.id };
  }
  if (c.type === "callback") {
    const message =
      c.messageText === undefined
        ? undefined
        : {
            message_id: 5 + n,
            date,
            chat,
            from: { id: BOT_ID, is_bot: true, first_name: "Bot", username: "TestNameBot" },
            text: c.messageText,
            ...(c.question ? { reply_to_message: { message_id: 4 + n, date, chat, from: user, text: c.question } } : {}),
          };
    return {
      update: { callback_query: { id: `cb-${n}`, from: user, chat_instance: `ci-${chat.id}`, data: c.data, ...(message ? { message } : {}) } },
      chatId: chat.id,
    };
  }
  return { update: { inline_query: { id: `iq-${n}`, from: user, query: c.query, offset: "", chat_type: "private" } }, chatId: user.id };
}

function inputOf(c: FuzzCase): string {
  if (c.type === "message") return describeInput(`${c.chat} message, ${c.kind}`, c.text);
  if (c.type === "callback")
    return `${describeInput(`${c.chat} button, ${c.kind}`, c.data)}${c.messageText === undefined ? "" : ` under ${describeInput("a message", c.messageText)}`}`;
  return describeInput(`inline query, ${c.kind}`, c.query);
}

it(`answers ${CASES} fuzzed updates with replies Telegram accepts (seed ${seed})`, async () => {
  process.stdout.write(`fault suite: fuzz seed ${seed} (replay with FAULT_SEED=${seed})\n`);
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  await writeFile(join(dir, "corpus", "hostile.txt"), HOSTILE_DOCUMENT);
  const engine = await openTestEngine(join(dir, "corpus"), join(dir, "index"));
  const token = "1401:FUZZ-token-xxxxxxxxxxxxxxxxxxxxxxxx";
  const bot = await startPollingBot({ engine, token, apiRoot: emulator.apiRoot, log: watch.log });
  bots.push(bot);
  const cases = fuzzCases(seed, CASES, engine.status().version);

  // Which call answers which case, and what each case was (to name inputs in findings).
  const sentTo = new Set<number>();
  const callbackAnswers = new Map<string, unknown>();
  const inlineAnswers = new Set<string>();
  let seen = 0;
  const absorb = () => {
    for (; seen < emulator.calls.length; seen++) {
      const { method, body, token: callToken } = emulator.calls[seen]!;
      if (callToken !== token) continue;
      if (method === "sendMessage") sentTo.add(Number(body.chat_id));
      if (method === "answerCallbackQuery") callbackAnswers.set(String(body.callback_query_id), body.text);
      if (method === "answerInlineQuery") inlineAnswers.add(String(body.inline_query_id));
    }
  };
  const answered = (c: FuzzCase, n: number, chatId: number) =>
    c.type === "message" ? sentTo.has(chatId) : c.type === "callback" ? callbackAnswers.has(`cb-${n}`) : inlineAnswers.has(`iq-${n}`);
  const owed = (c: FuzzCase) => c.type !== "message" || c.owesReply;
  const inputByChat = new Map<number, string>();

  for (let start = 0; start < cases.length; start += BATCH) {
    const batch = cases.slice(start, start + BATCH).map((c, i) => ({ c, n: start + i, ...updateOf(c, start + i) }));
    for (const { c, update, chatId } of batch) {
      inputByChat.set(chatId, inputOf(c));
      emulator.pushUpdate(token, update);
    }
    await until(() => {
      absorb();
      return batch.every(({ c, n, chatId }) => !owed(c) || answered(c, n, chatId));
    }, 20_000);
  }
  await sleep(1000); // replies owed to nobody, or sent late, still get checked
  absorb();

  let lost = 0;
  let wrongExpired = 0;
  for (const [n, c] of cases.entries()) {
    const { chatId } = updateOf(c, n);
    if (owed(c) && !answered(c, n, chatId)) {
      lost++;
      watch.note(`lost:${c.type}:${c.kind}`, `no reply to ${inputOf(c)}`);
    }
    if (c.type === "callback" && c.genuine && saysExpired(callbackAnswers.get(`cb-${n}`))) {
      wrongExpired++;
      watch.note(`expired:${c.kind}`, `a current button called expired: ${inputOf(c)}`);
    }
  }
  const describeCall = (body: Record<string, unknown>) =>
    body.chat_id !== undefined
      ? (inputByChat.get(Number(body.chat_id)) ?? "")
      : body.callback_query_id
        ? `button ${String(body.callback_query_id)}`
        : `inline ${String(body.inline_query_id ?? "")}`;
  const row = {
    scenario: SCENARIO,
    cases: cases.length,
    crashes: watch.crashes(),
    rejectedReplies: watch.rejectedReplies(emulator, [token], describeCall),
    lostQuestions: lost,
    wrongExpired,
    notes:
      `seed ${seed}; ${cases.filter((c) => c.type === "message").length} messages, ` +
      `${cases.filter((c) => c.type === "callback").length} buttons, ${cases.filter((c) => c.type === "inline").length} inline`,
    findings: watch.findings,
  };
  recordRow(row);
  expect({ crashes: row.crashes, rejected: row.rejectedReplies, lost, wrongExpired }).toEqual({ crashes: 0, rejected: 0, lost: 0, wrongExpired: 0 });
});
