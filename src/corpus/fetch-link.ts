/**
 * Downloads a document an admin links to (issue 26, "Links"), treating the link as hostile: http
 * and https only, no private addresses (checked on every redirect, and the connection pinned to the
 * address checked so DNS rebinding cannot slip through), and bounded in size, time and redirects.
 * It only fetches bytes; the content type then decides which reader reads them.
 */
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { sizeLabel } from "../log/logger.js";
import { isPrivateAddress } from "./addresses.js";

export interface LinkLimits {
  maxBytes: number;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxRedirects: number;
  /** ALLOW_PRIVATE_URLS=on: for a bot that serves an intranet. */
  allowPrivate: boolean;
}

export const DEFAULT_LINK_LIMITS: Omit<LinkLimits, "maxBytes"> = { connectTimeoutMs: 10_000, totalTimeoutMs: 60_000, maxRedirects: 5, allowPrivate: false };

export type LinkFailure = "bad-url" | "private-address" | "unreachable" | "timeout" | "too-big" | "http-status" | "too-many-redirects" | "empty";

/** Why a link gave no document; `message` is one line an admin can act on, naming the address. */
export class LinkError extends Error {
  constructor(
    readonly kind: LinkFailure,
    message: string,
  ) {
    super(message);
    this.name = "LinkError";
  }
}

export interface FetchedLink {
  bytes: Buffer;
  /** The Content-Type header as sent, parameters (charset) included. */
  contentType: string | undefined;
  finalUrl: string;
  /** From Content-Disposition, else the URL path's last segment, decoded; never a path. */
  fileName: string | undefined;
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Seams for tests: the DNS answer, and which addresses count as private. */
export interface LinkHooks {
  resolve?: (host: string) => Promise<ResolvedAddress[]>;
  isPrivate?: (address: string) => boolean;
}

const USER_AGENT = "arabic-corpus-qa-bot (document import)";
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function fetchLink(url: string, limits: LinkLimits, hooks: LinkHooks = {}): Promise<FetchedLink> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // A race, not only the abort signal: DNS lookups cannot be aborted, and the deadline covers them too.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new LinkError("timeout", `${shown(url)} did not finish within ${duration(limits.totalTimeoutMs)}; try again later, or send the file itself.`));
    }, limits.totalTimeoutMs);
  });
  try {
    return await Promise.race([follow(parseLink(url), limits, hooks, controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
    controller.abort(); // whatever is still open (a refused body, a redirect's socket) is closed
  }
}

async function follow(start: URL, limits: LinkLimits, hooks: LinkHooks, signal: AbortSignal): Promise<FetchedLink> {
  let url = start;
  for (let redirects = 0; ; redirects++) {
    const addresses = await checkedAddresses(url, limits, hooks);
    const response = await get(url, addresses, limits, signal);
    const status = response.statusCode ?? 0;
    const location = REDIRECTS.has(status) ? response.headers.location : undefined;
    if (location !== undefined) {
      response.destroy();
      if (redirects >= limits.maxRedirects) {
        throw new LinkError("too-many-redirects", `${start.href} redirects more than ${limits.maxRedirects} times; send the final address instead.`);
      }
      url = parseLink(location, url);
      continue;
    }
    if (status < 200 || status > 299) {
      response.destroy();
      const reason = response.statusMessage ? `${status} ${response.statusMessage}` : String(status);
      throw new LinkError("http-status", `${url.href} answered ${reason}; check the link.`);
    }
    return await readBody(url, response, limits);
  }
}

/** The link as a URL, or "bad-url": only http and https, and no credentials (they would be sent to every hop). */
function parseLink(link: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    throw new LinkError("bad-url", `${shown(link)} is not a web address; send a link starting with http:// or https://.`);
  }
  if (url.username || url.password) {
    // Named by host only, and checked first: the message must not repeat the password.
    throw new LinkError("bad-url", `The link to ${url.host} carries a user name or password; send a link without them.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    const via = base ? ` (a redirect from ${base.href})` : "";
    throw new LinkError("bad-url", `${shown(link)}${via} is not an http or https address; only web pages and files on the web can be added.`);
  }
  return url;
}

/** The addresses to connect to: every address the host resolves to must be public, unless allowed. */
async function checkedAddresses(url: URL, limits: LinkLimits, hooks: LinkHooks): Promise<ResolvedAddress[]> {
  // WHATWG URL has already turned 2130706433, 0x7f.1 and 0177.0.0.1 into 127.0.0.1; IPv6 keeps its brackets.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: ResolvedAddress[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await (hooks.resolve ?? ((name: string) => lookup(name, { all: true })))(host);
    } catch {
      addresses = [];
    }
  }
  if (addresses.length === 0) throw new LinkError("unreachable", `${host} was not found (${url.href}); check the address for typos.`);
  const isPrivate = hooks.isPrivate ?? isPrivateAddress;
  // ANY private answer refuses: the connection could otherwise pick that one.
  const refused = limits.allowPrivate ? undefined : addresses.find((entry) => isPrivate(entry.address));
  if (refused) {
    throw new LinkError("private-address", `${url.href} leads to ${refused.address}, a private or local address; only public addresses can be fetched.`);
  }
  return addresses;
}

/** One GET, connected to the checked addresses whatever DNS says now; the Host header and TLS name stay the URL's host. */
function get(url: URL, checked: ResolvedAddress[], limits: LinkLimits, signal: AbortSignal): Promise<http.IncomingMessage> {
  // All of them when asked for all: Node then tries IPv6 and IPv4 in turn (autoSelectFamily), among checked addresses only.
  const pinnedLookup: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, checked);
    else callback(null, checked[0]!.address, checked[0]!.family);
  };
  const secure = url.protocol === "https:";
  return new Promise((resolve, reject) => {
    let response: http.IncomingMessage | undefined;
    const request = (secure ? https : http).request(
      url,
      {
        agent: false, // no pooled socket: each connection goes where this hop's check said
        lookup: pinnedLookup,
        signal,
        // identity: a compressed body would be a decompression bomb the byte count cannot see
        headers: { "User-Agent": USER_AGENT, "Accept-Encoding": "identity", Accept: "*/*" },
      },
      (answer) => {
        response = answer;
        resolve(answer);
      },
    );
    const connectTimer = setTimeout(() => {
      request.destroy(new LinkError("timeout", `${url.host} did not answer within ${duration(limits.connectTimeoutMs)}; check the link, or try again later.`));
    }, limits.connectTimeoutMs);
    request.on("socket", (socket) => socket.once(secure ? "secureConnect" : "connect", () => clearTimeout(connectTimer)));
    request.on("response", () => clearTimeout(connectTimer));
    request.on("error", (error) => {
      clearTimeout(connectTimer);
      // After the headers, an error (a reset, bytes past the announced length, often in the very read
      // that brought the headers) belongs to the body: readBody sees it through the response.
      if (response) response.destroy(error);
      else reject(asLinkError(error, url));
    });
    request.end();
  });
}

async function readBody(url: URL, response: http.IncomingMessage, limits: LinkLimits): Promise<FetchedLink> {
  const tooBig = () => new LinkError("too-big", `${url.href} is larger than the ${sizeLabel(limits.maxBytes)} limit; send a smaller document.`);
  if (Number(response.headers["content-length"]) > limits.maxBytes) {
    response.destroy();
    throw tooBig();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length;
      // Counted, not trusted: a body without a length, or longer than announced, stops here.
      if (size > limits.maxBytes) throw tooBig();
      chunks.push(chunk);
    }
  } catch (error) {
    // The parser rejects bytes after the announced Content-Length: a body bigger than it said.
    if (response.complete && (error as NodeJS.ErrnoException).code?.startsWith("HPE_")) {
      throw new LinkError("too-big", `${url.href} sent more than the ${response.headers["content-length"]} bytes it announced; the link is refused.`);
    }
    throw asLinkError(error, url);
  } finally {
    response.destroy();
  }
  if (size === 0) throw new LinkError("empty", `${url.href} returned an empty document; check the link.`);
  const contentType = response.headers["content-type"]?.trim() || undefined;
  return { bytes: Buffer.concat(chunks, size), contentType, finalUrl: url.href, fileName: fileNameOf(response.headers["content-disposition"], url) };
}

function asLinkError(error: unknown, url: URL): LinkError {
  if (error instanceof LinkError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? "";
  if (code === "ECONNREFUSED") return new LinkError("unreachable", `${url.host} refused the connection (${url.href}); check the address, or try again later.`);
  const reason = code === "ECONNRESET" ? "the connection was cut" : code || (error as Error).message;
  return new LinkError("unreachable", `Could not fetch ${url.href}: ${reason}; check the link, or try again later.`);
}

/** The file name the server gives (RFC 6266, filename* first), else the URL's last path segment. */
function fileNameOf(disposition: string | undefined, url: URL): string | undefined {
  const extended = disposition && /(?:^|;)\s*filename\*\s*=\s*([\w-]*)'[^']*'([^;\s]+)/i.exec(disposition);
  const plain = disposition && /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition);
  const name = extended
    ? percentDecoded(extended[2]!)
    : plain
      ? utf8IfValid(plain[1]?.replace(/\\(.)/g, "$1") ?? plain[2]!.trim())
      : percentDecoded(url.pathname.split("/").pop() ?? "");
  // A name, never a path: "../../etc/passwd.pdf" gives "passwd.pdf"; control characters go too.
  const last = name
    .split(/[\\/]/)
    .pop()!
    .replace(/\p{Cc}/gu, "")
    .trim();
  return last === "" || last === "." || last === ".." ? undefined : last;
}

const percentDecoded = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** Node reads header bytes as Latin-1; servers often put UTF-8 (Arabic) names in a plain filename="…". */
const utf8IfValid = (latin1: string) => {
  const decoded = Buffer.from(latin1, "latin1").toString("utf8");
  return decoded.includes("\uFFFD") ? latin1 : decoded;
};

const EXTENSIONS: Record<string, string> = {
  "application/pdf": ".pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
  "application/epub+zip": ".epub",
  "text/html": ".html",
  "application/xhtml+xml": ".html",
  "text/plain": ".txt",
  "text/markdown": ".md",
};

/** The extension the content type implies (parameters and case ignored), or undefined for any other type. */
export function extensionForContentType(contentType: string | undefined): string | undefined {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return type && Object.hasOwn(EXTENSIONS, type) ? EXTENSIONS[type] : undefined;
}

/** The raw link as one short line, for messages. */
const shown = (link: string) => {
  const line = link.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
};
const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);
