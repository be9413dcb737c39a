/**
 * Button payloads. They are self-contained (no server-side state), so any instance behind a load
 * balancer can serve a button press, and each carries the index version it was made for, so a
 * button from before a /reindex is recognized as stale rather than misread. Telegram allows 64 bytes.
 */

export type ButtonAction =
  /** Show the answer's passages from `offset` on, in place. */
  | { kind: "page"; offset: number; version: string }
  /** Send the whole section around passage number `passage` (its position in the index). */
  | { kind: "section"; passage: number; version: string }
  /** Ask example question number `example`. */
  | { kind: "example"; example: number };

export const MAX_CALLBACK_BYTES = 64;

export function encodeAction(action: ButtonAction): string {
  const data =
    action.kind === "page" ? `p:${action.offset}:${action.version}` : action.kind === "section" ? `s:${action.passage}:${action.version}` : `e:${action.example}`;
  if (Buffer.byteLength(data) > MAX_CALLBACK_BYTES) throw new Error(`callback data over ${MAX_CALLBACK_BYTES} bytes: ${data}`);
  return data;
}

/** The action of a button's data, or undefined for data this bot never made. */
export function decodeAction(data: string): ButtonAction | undefined {
  const match = /^([pse]):(\d{1,6})(?::([0-9a-f]{1,16}))?$/.exec(data);
  if (!match) return undefined;
  const [, kind, number, version] = match;
  if (kind === "e") return { kind: "example", example: Number(number) };
  if (!version) return undefined;
  return kind === "p" ? { kind: "page", offset: Number(number), version } : { kind: "section", passage: Number(number), version };
}
