import type { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { DownloadError, downloadFile } from "../../src/telegram/download.js";

const TOKEN = "123:SECRET-token-abcdefghijklmnop";
const api = { getFile: async () => ({ file_id: "f", file_unique_id: "u", file_path: "documents/f.pdf" }) } as unknown as Api;

describe("downloading a file a user sent", () => {
  it("fails with a message that never holds the bot token", async () => {
    for (const apiRoot of ["http://[bad", "http://127.0.0.1:1"]) {
      const error = await downloadFile(api, apiRoot, TOKEN, "f", 1000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DownloadError);
      expect((error as Error).message).not.toContain("SECRET");
    }
  });
});
