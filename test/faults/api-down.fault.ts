/**
 * Scenario 3: the Bot API goes away under a running polling bot and comes back on the same port.
 * Questions asked while it is away wait at Telegram; once it is back, every one must be answered,
 * without restarting the bot.
 */
import { cp } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";
import { openTestEngine, startPollingBot } from "./adapter.js";
import { recordRow } from "./collector.js";
import { faultScene, sleep, textUpdate, until } from "./harness.js";
import { SwitchableProxy } from "./switchable-proxy.js";

const SCENARIO = "3. Bot API down and back";
const DOWN_MS = 5_000;
/** How long after the API is back every question must be answered. */
const RECOVERY_MS = 45_000;
const QUESTIONS = ["خالد مشعل", "روسيا حماس", "بورصة عملات مشفرة", "ماذا قال لافروف", "هل صنفت روسيا حماس منظمة إرهابية؟"];

const { emulator, watch, bots } = await faultScene();

it("answers every question asked while the Bot API was down, once it is back", async () => {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  const front = new URL(emulator.apiRoot);
  const proxy = new SwitchableProxy(front.hostname, Number(front.port));
  await proxy.up();
  const token = "1403:API-down-token-xxxxxxxxxxxxxxxxxx";
  const bot = await startPollingBot({ engine: await openTestEngine(join(dir, "corpus"), join(dir, "index")), token, apiRoot: proxy.url, log: watch.log });
  bots.push(bot);
  const users: number[] = [];
  const ask = (text: string) => {
    const user = 13_000 + users.length;
    users.push(user);
    emulator.pushUpdate(token, textUpdate(user, text));
  };
  const answered = (user: number) => emulator.callsOf("sendMessage", token).some((c) => Number(c.body.chat_id) === user);

  ask("خالد مشعل في موسكو");
  await until(() => answered(users[0]!), 10_000);

  await proxy.down();
  const downAt = Date.now();
  for (const question of QUESTIONS) {
    ask(question);
    await sleep(DOWN_MS / QUESTIONS.length);
  }
  await proxy.up();
  const backAt = Date.now();
  const recovered = await until(() => users.every(answered), RECOVERY_MS, 100);
  const lost = users.filter((u) => !answered(u));
  for (const u of lost)
    watch.note(
      "lost",
      `no answer to question ${u - 13_000} (asked ${u === users[0] ? "before" : "while"} the API was down) within ${RECOVERY_MS / 1000} s of its return`,
    );
  const row = {
    scenario: SCENARIO,
    cases: users.length,
    crashes: watch.crashes(),
    rejectedReplies: watch.rejectedReplies(emulator, [token]),
    lostQuestions: lost.length,
    wrongExpired: 0,
    notes:
      `down ${((backAt - downAt) / 1000).toFixed(1)} s; ` +
      (recovered
        ? `all answered ${((Date.now() - backAt) / 1000).toFixed(1)} s after the API came back`
        : `not all answered ${RECOVERY_MS / 1000} s after it came back`),
    findings: watch.findings,
  };
  recordRow(row);
  await proxy.down();
  expect({ crashes: row.crashes, rejected: row.rejectedReplies, lost: row.lostQuestions }).toEqual({ crashes: 0, rejected: 0, lost: 0 });
});
