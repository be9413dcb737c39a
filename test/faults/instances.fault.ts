/**
 * Scenario 2: two webhook instances of one bot (one token, as behind a load balancer) share one
 * INDEX_DIR. Buttons made by either are pressed on the other before and after a /reindex on the
 * first, and both are asked again once the ten seconds every instance has to notice a new index
 * are up. A button is wrongly "expired" when its index version is still on disk, or when it was
 * made after those ten seconds (by then no instance may serve an index that is gone).
 */
import { cp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";
import { buttonVersion, type FaultBot, openTestEngine, SECRET_HEADER, saysExpired, startWebhookBot, versionsOnDisk, visibleText } from "./adapter.js";
import { recordRow } from "./collector.js";
import { faultScene, postWebhook, pressUpdate, sleep, textUpdate, until } from "./harness.js";

const SCENARIO = "2. two instances, one INDEX_DIR";
const ADMIN = 9900;
/** How long an instance may keep serving an index another instance replaced (issue 14). */
const SWAP_WINDOW_MS = 10_000;
const QUESTION = "روسيا حماس";
const NEW_QUESTION = "هل وسعت آيسلندا منطقة صيد سمك القد؟";
const NEW_DOCUMENT = `---
id: iceland-fisheries
title: مصايد الأسماك في آيسلندا
---
تعتمد آيسلندا على صيد سمك القد في صادراتها منذ قرون، وقد وسّعت منطقة الصيد الخاصة بها إلى مائتي ميل بحري.
`;

const { emulator, watch, bots } = await faultScene();

it("serves every button of an index on disk on both instances, before and after a reindex", async () => {
  const dir = await scratchDir();
  const corpus = join(dir, "corpus");
  const indexDir = join(dir, "index");
  await cp(CORPUS_DIR, corpus, { recursive: true });
  const token = "1402:TWO-instances-token-xxxxxxxxxxxxxxx";
  const [first, second] = [
    await startWebhookBot({ engine: await openTestEngine(corpus, indexDir), token, apiRoot: emulator.apiRoot, log: watch.log, adminIds: [ADMIN] }),
    await startWebhookBot({ engine: await openTestEngine(corpus, indexDir), token, apiRoot: emulator.apiRoot, log: watch.log, adminIds: [ADMIN] }),
  ];
  bots.push(first!, second!);
  const names = new Map([
    [first, "first"],
    [second, "second"],
  ]);
  let cases = 0;
  let lost = 0;
  let wrongExpired = 0;
  let nextUser = 12_000;
  let reindexedAt = Number.POSITIVE_INFINITY;

  const post = async (bot: FaultBot, update: Record<string, unknown>) => {
    const { status } = await postWebhook(bot.url!, JSON.stringify(update), { [SECRET_HEADER]: bot.secret! });
    if (status !== 200) watch.note(`status:${status}`, `the ${names.get(bot)} instance answered ${status} to an update`);
  };

  /** Asks `question` on `bot`; the answer as the user sees it, with its buttons. */
  const ask = async (bot: FaultBot, question: string) => {
    cases++;
    const user = nextUser++;
    await post(bot, textUpdate(user, question));
    const sent = emulator.botMessages(token, user).at(-1);
    if (!sent) {
      lost++;
      watch.note("lost", `no answer from the ${names.get(bot)} instance to "${question}"`);
      return undefined;
    }
    const buttons = (sent.reply_markup?.inline_keyboard ?? []).flat().flatMap((b) => (b.callback_data ? [b.callback_data] : []));
    return { user, question, buttons, madeAt: Date.now(), maker: bot, message: { messageId: sent.messageId, text: visibleText(sent), question } };
  };

  /** Presses every button of `answer` on `bot`, counting wrong "expired" answers. */
  const pressAll = async (answer: Awaited<ReturnType<typeof ask>>, bot: FaultBot, phase: string) => {
    if (!answer) return;
    for (const data of answer.buttons) {
      cases++;
      const update = pressUpdate(answer.user, answer.user, data, answer.message);
      const id = (update.callback_query as { id: string }).id;
      const onDisk = await versionsOnDisk(indexDir);
      await post(bot, update);
      const reply = emulator.callsOf("answerCallbackQuery", token).find((c) => c.body.callback_query_id === id);
      if (!reply) {
        lost++;
        watch.note("lost-press", `${phase}: the ${names.get(bot)} instance never answered the press of ${data}`);
        continue;
      }
      const version = buttonVersion(data);
      const shouldWork = (version !== undefined && onDisk.has(version)) || answer.madeAt - reindexedAt > SWAP_WINDOW_MS;
      if (saysExpired(reply.body.text) && shouldWork) {
        wrongExpired++;
        watch.note(
          `expired:${phase}`,
          `${phase}: button ${data} made by the ${names.get(answer.maker)} instance, pressed on the ${names.get(bot)} one, called expired ` +
            `(versions on disk: ${[...onDisk].join(", ")}; the ${names.get(bot)} serves ${bot.engine.status().version})`,
        );
      }
    }
  };

  // Before any reindex: each instance's buttons on the other.
  const fromFirst = await ask(first!, QUESTION);
  const fromSecond = await ask(second!, QUESTION);
  await pressAll(fromFirst, second!, "before the reindex");
  await pressAll(fromSecond, first!, "before the reindex");

  // A new document and a /reindex on the first instance.
  await writeFile(join(corpus, "iceland.md"), NEW_DOCUMENT);
  const admin = ADMIN;
  cases++;
  await post(first!, textUpdate(admin, "/reindex"));
  if (!(await until(() => emulator.botMessages(token, admin).length >= 2, 30_000))) {
    lost++;
    watch.note("reindex", "/reindex on the first instance was not confirmed");
  }
  reindexedAt = Date.now();

  // Straight after: buttons made before, and buttons of the new index, on both instances.
  await pressAll(fromFirst, first!, "made before the reindex, pressed after it");
  await pressAll(fromSecond, second!, "made before the reindex, pressed after it");
  const newOnFirst = await ask(first!, QUESTION);
  await pressAll(newOnFirst, second!, "just after the reindex");
  const immediatelyOnSecond = await ask(second!, QUESTION);
  await pressAll(immediatelyOnSecond, first!, "just after the reindex");

  // Once every instance must have noticed: a question on each, its buttons on the other.
  await sleep(Math.max(0, reindexedAt + SWAP_WINDOW_MS + 500 - Date.now()));
  const lateOnSecond = await ask(second!, QUESTION);
  const newDocOnSecond = await ask(second!, NEW_QUESTION);
  if (newDocOnSecond && !newDocOnSecond.message.text.includes("مصايد")) {
    watch.note(
      "stale",
      `${SWAP_WINDOW_MS / 1000} s after the reindex the second instance still answers from the old index ` +
        `(version ${second!.engine.status().version}, on disk ${[...(await versionsOnDisk(indexDir))].join(", ")})`,
    );
  }
  await pressAll(lateOnSecond, first!, `${SWAP_WINDOW_MS / 1000} s after the reindex`);
  await pressAll(lateOnSecond, second!, `${SWAP_WINDOW_MS / 1000} s after the reindex`);
  const lateOnFirst = await ask(first!, QUESTION);
  await pressAll(lateOnFirst, second!, `${SWAP_WINDOW_MS / 1000} s after the reindex`);

  const row = {
    scenario: SCENARIO,
    cases,
    crashes: watch.crashes(),
    rejectedReplies: watch.rejectedReplies(emulator, [token]),
    lostQuestions: lost,
    wrongExpired,
    notes:
      `versions: first ${first!.engine.status().version}, second ${second!.engine.status().version}, ` +
      `on disk ${[...(await versionsOnDisk(indexDir))].join(", ")}`,
    findings: watch.findings,
  };
  recordRow(row);
  expect({ crashes: row.crashes, rejected: row.rejectedReplies, lost, wrongExpired }).toEqual({ crashes: 0, rejected: 0, lost: 0, wrongExpired: 0 });
});
