/**
 * Downloading a file a user sent, through the Bot API: getFile, then the file's bytes from
 * `<apiRoot>/file/bot<token>/<file_path>`. The Bot API serves bots files of up to 20 MB; a larger
 * one is refused before anything is asked of Telegram.
 */
import type { Api } from "grammy";
import { sizeLabel } from "../log/logger.js";

/** The largest file the Bot API lets a bot download. */
export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 2 ** 20;

/** How long one download may take. */
const DOWNLOAD_TIMEOUT_MS = 60_000;

export class DownloadError extends Error {
  override name = "DownloadError";
}

/** The bytes of Telegram file `fileId`, at most `maxBytes` (stopped there whatever the server says). */
export async function downloadFile(api: Api, apiRoot: string, token: string, fileId: string, maxBytes: number): Promise<Buffer> {
  let path: string | undefined;
  try {
    path = (await api.getFile(fileId)).file_path;
  } catch (error) {
    throw new DownloadError(`getFile failed: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!path) throw new DownloadError("Telegram gave no file path (the file is too big for bots, or gone)");
  const chunks: Buffer[] = [];
  try {
    const response = await fetch(`${apiRoot}/file/bot${token}/${path}`, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!response.ok || !response.body) throw new DownloadError(`the download failed: HTTP ${response.status}`);
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new DownloadError(`the file is over ${sizeLabel(maxBytes)}`);
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    // Said without the address: it holds the bot token.
    const why = (error as Error).name === "TimeoutError" ? "timed out" : (error as Error).name === "TypeError" ? "the connection failed" : "it failed";
    throw new DownloadError(`the download ${why}`);
  }
  return Buffer.concat(chunks);
}
