import { cp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { followIndex } from "../../src/answer/follow-index.js";
import { openEngine } from "../../src/answer/open-engine.js";
import { loadEngineSettings } from "../../src/config/settings.js";
import { silentLogger } from "../../src/log/logger.js";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";

const NEW_DOCUMENT = `---
id: iceland-fisheries
title: مصايد الأسماك في آيسلندا
---
تعتمد آيسلندا على صيد سمك القد في صادراتها منذ قرون، وقد وسّعت منطقة الصيد الخاصة بها إلى مائتي ميل بحري.
`;

describe("two instances sharing one index folder", async () => {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  const settings = loadEngineSettings({ CORPUS_DIR: join(dir, "corpus"), INDEX_DIR: join(dir, "index"), EMBEDDINGS: "off" });
  const first = await openEngine(settings);
  const second = await openEngine(settings);
  const question = "هل وسعت آيسلندا منطقة صيد سمك القد؟";

  it("leave each other alone while nothing changes", async () => {
    expect(await second.refresh()).toBe(false);
    expect((await second.ask(question)).abstained).toBe(true);
  });

  it("the second swaps in the index the first rebuilt, and answers from it", async () => {
    await writeFile(join(dir, "corpus", "iceland.md"), NEW_DOCUMENT);
    const rebuilt = await first.reindex();
    expect(second.status().version).not.toBe(rebuilt.version);
    expect(await second.refresh()).toBe(true);
    expect(second.status()).toMatchObject({ version: rebuilt.version, documents: 3 });
    const answer = await second.ask(question);
    expect(answer.results[0]?.doc.id).toBe("iceland-fisheries");
    expect(await second.refresh()).toBe(false);
  });

  it("keeps answering from the index in use while the one on disk is being written or is damaged", async () => {
    const version = second.status().version;
    await writeFile(join(dir, "index", "manifest.json"), '{"format": 1, "passagesHash": "00');
    expect(await second.refresh()).toBe(false);
    expect(second.status().version).toBe(version);
    expect((await second.ask(question)).results[0]?.doc.id).toBe("iceland-fisheries");
  });

  it("a follower swaps in what another instance wrote within its period, with no call from anyone", async () => {
    const stop = followIndex(second, 1, silentLogger);
    try {
      await writeFile(join(dir, "corpus", "iceland.md"), NEW_DOCUMENT.replace("مائتي ميل بحري", "مائتي ميل بحري منذ عام 1975"));
      const rebuilt = await first.reindex();
      const deadline = Date.now() + 10_000;
      while (second.status().version !== rebuilt.version && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(second.status().version).toBe(rebuilt.version);
    } finally {
      stop();
    }
  });
});
