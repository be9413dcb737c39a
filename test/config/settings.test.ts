import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { DEFAULT_MODEL, loadBotSettings, loadEngineSettings, SettingsError } from "../../src/config/settings.js";
import { RETRIEVERS } from "../../src/config/tuning.js";
import { ROOT } from "../helpers/paths.js";

describe("settings", () => {
  it("default to the hub model, keyword + dense, 3 passages", () => {
    const settings = loadEngineSettings({});
    expect(settings.model).toMatchObject({ kind: "hub", id: DEFAULT_MODEL });
    expect(settings.passages).toBe(3);
    expect(settings.floors).toEqual({
      keyword: { none: RETRIEVERS.keyword.none, answer: RETRIEVERS.keyword.answer },
      dense: { none: RETRIEVERS.dense.none, answer: RETRIEVERS.dense.answer },
    });
    expect(loadEngineSettings({ ANSWER_KEYWORD_COVERAGE: "0.7" }).floors.keyword?.answer).toBe(0.7);
    expect(loadEngineSettings({ MIN_SIMILARITY: "0.9" }).floors.dense?.none).toBe(0.9);
    expect(() => loadEngineSettings({ MIN_KEYWORD_COVERAGE: "2" })).toThrow(/MIN_KEYWORD_COVERAGE=2: expected a number from 0 to 1/);
    expect(settings.corpusDir).toMatch(/corpus$/);
  });

  it("prefer a local model folder, and allow embeddings off", () => {
    expect(loadEngineSettings({ EMBEDDING_MODEL_DIR: "/m/e5" }).model).toEqual({ kind: "folder", dir: "/m/e5" });
    expect(loadEngineSettings({ EMBEDDINGS: "off", EMBEDDING_MODEL_DIR: "/m/e5" }).model).toBeNull();
  });

  it("read the bot's settings", () => {
    const settings = loadBotSettings({
      BOT_TOKEN: "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123",
      ADMIN_IDS: "1, 2 3",
      WEBHOOK_URL: "https://bot.example.org/hook",
      WEBHOOK_SECRET: "abcdefghijklmnop",
      EXAMPLE_QUESTIONS: "سؤال أول | second",
    });
    expect([...settings.adminIds]).toEqual([1, 2, 3]);
    expect(settings.webhook).toEqual({ url: "https://bot.example.org/hook", port: 8080, secret: "abcdefghijklmnop" });
    expect(settings.examples).toEqual(["سؤال أول", "second"]);
    expect(settings.apiRoot).toBe("https://api.telegram.org");
  });

  it("list every bad value at once, without echoing the token", () => {
    try {
      loadBotSettings({ BOT_TOKEN: "oops", LOG_LEVEL: "loud", ANSWER_PASSAGES: "99", WEBHOOK_URL: "https://x.org", EMBEDDINGS: "maybe" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SettingsError);
      const problems = (error as SettingsError).problems.join("\n");
      for (const name of ["BOT_TOKEN", "LOG_LEVEL=loud", "ANSWER_PASSAGES=99", "WEBHOOK_SECRET", "EMBEDDINGS=maybe"]) expect(problems).toContain(name);
      expect(problems).not.toContain("oops");
    }
  });
});

describe("reading settings", () => {
  /** Whether importing `module` in a fresh Node process loads onnxruntime (a CommonJS module, so it shows in the require cache). */
  function loadsModelRuntime(module: string): boolean {
    const script = `import(${JSON.stringify(module)}).then(() => console.log(Object.keys(require("module")._cache).some((k) => k.includes("onnxruntime"))))`;
    const result = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    return result.stdout.trim() === "true";
  }

  it("loads nothing heavy: not the model runtime, which the embedder does load", () => {
    expect(loadsModelRuntime("./src/embedding/embedder.ts")).toBe(true);
    expect(loadsModelRuntime("./src/config/settings.ts")).toBe(false);
  });
});

describe("settings for several instances and the bridge", () => {
  it("read REDIS_URL, INDEX_REFRESH_SECONDS and CROSS_LINGUAL, and reject bad values without echoing them", () => {
    const settings = loadBotSettings({ REDIS_URL: "redis://127.0.0.1:6379", INDEX_REFRESH_SECONDS: "0" });
    expect(settings).toMatchObject({ redisUrl: "redis://127.0.0.1:6379", indexRefreshSeconds: 0, crossLingual: true });
    expect(loadBotSettings({})).toMatchObject({ redisUrl: undefined, indexRefreshSeconds: 5 });
    expect(loadEngineSettings({ CROSS_LINGUAL: "off" }).crossLingual).toBe(false);
    expect(() => loadBotSettings({ REDIS_URL: "http://user:secret@host" })).toThrow(/REDIS_URL: expected a redis:\/\//);
    expect(() => loadBotSettings({ REDIS_URL: "http://user:secret@host" })).not.toThrow(/secret/);
  });
});
