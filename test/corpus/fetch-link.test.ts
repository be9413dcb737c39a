/**
 * The link fetcher against hostile links (issue 26, "Links"): local servers on loopback stand in for
 * the web. A second loopback address, 127.0.0.2, plays a public host where a test needs one (through
 * the isPrivate hook), so a redirect or a DNS answer to 127.0.0.1 still meets the real check.
 */
import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { isPrivateAddress } from "../../src/corpus/addresses.js";
import {
  DEFAULT_LINK_LIMITS,
  extensionForContentType,
  fetchLink,
  LinkError,
  type LinkFailure,
  type LinkHooks,
  type LinkLimits,
} from "../../src/corpus/fetch-link.js";

const LIMITS: LinkLimits = { ...DEFAULT_LINK_LIMITS, maxBytes: 1024 * 1024, connectTimeoutMs: 1000, totalTimeoutMs: 5000, allowPrivate: true };
const STRICT: LinkLimits = { ...LIMITS, allowPrivate: false };
/** 127.0.0.2 counts as public; every other address meets the real check. */
const PUBLIC_STAND_IN: LinkHooks = { isPrivate: (address) => address !== "127.0.0.2" && isPrivateAddress(address) };

const open: net.Server[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => new Promise((done) => server.close(done))));
});

interface Served {
  origin: string;
  port: number;
  requests: http.IncomingMessage[];
}

async function serve(handler: http.RequestListener, host = "127.0.0.1", port = 0): Promise<Served> {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request);
    handler(request, response);
  });
  open.push(server);
  await new Promise<void>((done) => server.listen(port, host, done));
  const bound = (server.address() as net.AddressInfo).port;
  return { origin: `http://${host}:${bound}`, port: bound, requests };
}

async function failure(fetching: Promise<unknown>, kind: LinkFailure): Promise<LinkError> {
  const error = await fetching.then(
    () => new Error("fetched"),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LinkError);
  expect((error as LinkError).kind, (error as Error).message).toBe(kind);
  expect((error as Error).message).not.toContain("\n");
  return error as LinkError;
}

/** Writes up to `total` bytes, as fast as the client reads; resolves with how many it wrote before the client hung up. */
function pump(response: http.ServerResponse, total: number): Promise<number> {
  const block = Buffer.alloc(64 * 1024, 0x41);
  let written = 0;
  return new Promise((done) => {
    response.on("close", () => done(written));
    const more = () => {
      while (written < total && !response.destroyed) {
        written += block.length;
        if (!response.write(block)) return void response.once("drain", more);
      }
      response.end();
    };
    more();
  });
}

describe("fetchLink: what it fetches", () => {
  it("fetches a PDF with its content type, its file name from Content-Disposition, as a plain client", async () => {
    const pdf = Buffer.from("%PDF-1.7\n…");
    const site = await serve((_, response) => {
      response.setHeader("Content-Type", "application/pdf");
      response.setHeader("Content-Disposition", "attachment; filename=\"report.pdf\"; filename*=UTF-8''%D8%AA%D9%82%D8%B1%D9%8A%D8%B1.pdf");
      response.end(pdf);
    });
    const fetched = await fetchLink(`${site.origin}/files/download?id=7`, LIMITS);
    expect(fetched).toEqual({ bytes: pdf, contentType: "application/pdf", finalUrl: `${site.origin}/files/download?id=7`, fileName: "تقرير.pdf" });
    expect(site.requests[0]!.headers["user-agent"]).toBe("arabic-corpus-qa-bot (document import)");
    expect(site.requests[0]!.headers["accept-encoding"]).toBe("identity");
  });

  it("names the file from the URL's last segment, decoded, and never gives a path", async () => {
    const site = await serve((request, response) => {
      if (request.url === "/evil") response.setHeader("Content-Disposition", 'attachment; filename="../../etc/passwd.pdf"');
      if (request.url === "/dots") response.setHeader("Content-Disposition", 'attachment; filename=".."');
      if (request.url === "/utf8") response.setHeader("Content-Disposition", `inline; filename="${Buffer.from("كتاب.epub").toString("latin1")}"`);
      response.end("نص");
    });
    expect((await fetchLink(`${site.origin}/docs/%D9%83%D8%AA%D8%A7%D8%A8.pdf?x=1`, LIMITS)).fileName).toBe("كتاب.pdf");
    expect((await fetchLink(`${site.origin}/docs/%E0%A4%A.txt`, LIMITS)).fileName).toBe("%E0%A4%A.txt");
    expect((await fetchLink(`${site.origin}/`, LIMITS)).fileName).toBeUndefined();
    expect((await fetchLink(`${site.origin}/evil`, LIMITS)).fileName).toBe("passwd.pdf");
    expect((await fetchLink(`${site.origin}/dots`, LIMITS)).fileName).toBeUndefined();
    expect((await fetchLink(`${site.origin}/a%0A%2F..%2Fb%0D.pdf`, LIMITS)).fileName).toBe("b.pdf");
    expect((await fetchLink(`${site.origin}/utf8`, LIMITS)).fileName).toBe("كتاب.epub");
  });

  it("tries each checked address in turn, as a browser would, and only those", async () => {
    const site = await serve((_, response) => response.end("found"), "127.0.0.2");
    const trap = await serve((_, response) => response.end("secret"), "127.0.0.1", site.port);
    const resolve = async () => [
      { address: "127.0.0.3", family: 4 }, // nothing listens here: refused, then the next one
      { address: "127.0.0.2", family: 4 },
    ];
    const isPrivate = (address: string) => !["127.0.0.2", "127.0.0.3"].includes(address) && isPrivateAddress(address);
    expect((await fetchLink(`http://two.test:${site.port}/`, STRICT, { resolve, isPrivate })).bytes.toString()).toBe("found");
    expect(trap.requests).toHaveLength(0);
  });

  it("follows a chain of 5 redirects of every kind, relative and absolute", async () => {
    const codes = [301, 302, 303, 307, 308];
    const site = await serve((request, response) => {
      const hop = Number(request.url!.split("/")[2] ?? 0);
      if (hop < codes.length) {
        const next = hop % 2 ? `/hop/${hop + 1}` : `http://127.0.0.1:${site.port}/hop/${hop + 1}`;
        return void response.writeHead(codes[hop]!, { Location: next }).end();
      }
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end("<p>نص</p>");
    });
    const fetched = await fetchLink(`${site.origin}/hop/0`, LIMITS);
    expect(fetched.finalUrl).toBe(`${site.origin}/hop/5`);
    expect(fetched.contentType).toBe("text/html; charset=utf-8");
    expect(site.requests).toHaveLength(6);
  });

  it("refuses a 6th redirect without following it", async () => {
    const site = await serve((request, response) => {
      response.writeHead(302, { Location: `/hop/${Number(request.url!.split("/")[2]) + 1}` }).end();
    });
    const error = await failure(fetchLink(`${site.origin}/hop/0`, LIMITS), "too-many-redirects");
    expect(error.message).toContain(`${site.origin}/hop/0`);
    expect(site.requests).toHaveLength(6);
  });
});

describe("fetchLink: private addresses", () => {
  it.each([
    "http://127.0.0.1/",
    "http://10.0.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://0177.0.0.1/",
    "http://0/",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://100.64.0.1/",
    "http://192.168.1.1:8080/admin",
    "https://172.16.0.1/",
  ])("refuses %s without a DNS lookup", async (link) => {
    let lookups = 0;
    const hooks: LinkHooks = {
      resolve: async () => {
        lookups++;
        return [];
      },
    };
    const error = await failure(fetchLink(link, STRICT, hooks), "private-address");
    expect(error.message).toContain(new URL(link).host);
    expect(lookups).toBe(0);
  });

  it("refuses a host when any of its addresses is private", async () => {
    const resolve = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "10.1.2.3", family: 4 },
    ];
    const error = await failure(fetchLink("http://mixed.example/doc.pdf", STRICT, { resolve }), "private-address");
    expect(error.message).toContain("10.1.2.3");
    await failure(fetchLink("http://localhost:1/", STRICT), "private-address");
  });

  it.each([
    "http://127.0.0.1:{trap}/secret",
    "http://localhost:{trap}/secret",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:{trap}/",
    "http://0x7f000001:{trap}/",
  ])("refuses a redirect to %s, having really fetched the first hop", async (target) => {
    const trap = await serve((_, response) => response.end("secret"));
    const target_ = target.replace("{trap}", String(trap.port));
    const site = await serve((_, response) => response.writeHead(302, { Location: target_ }).end(), "127.0.0.2");
    await failure(fetchLink(`${site.origin}/go`, STRICT, PUBLIC_STAND_IN), "private-address");
    expect(site.requests).toHaveLength(1);
    expect(trap.requests).toHaveLength(0);
    // The same redirect is followed when private addresses are allowed: the check, not the redirect, refused it.
    if (target.includes("{trap}") && !target.includes("::1")) expect((await fetchLink(`${site.origin}/go`, LIMITS)).bytes.toString()).toBe("secret");
  });

  it("refuses a redirect to file: or with credentials", async () => {
    const site = await serve((request, response) => {
      response.writeHead(302, { Location: request.url === "/file" ? "file:///etc/passwd" : "http://admin:hunter2@example.org/" }).end();
    });
    expect((await failure(fetchLink(`${site.origin}/file`, LIMITS), "bad-url")).message).toContain("file:///etc/passwd");
    expect((await failure(fetchLink(`${site.origin}/auth`, LIMITS), "bad-url")).message).not.toContain("hunter2");
  });

  it("DNS rebinding: connects to the address it checked, never to a later answer", async () => {
    const good = await serve((request, response) => response.end(`public ${request.headers.host}`), "127.0.0.2");
    const trap = await serve((_, response) => response.end("secret"), "127.0.0.1", good.port);
    const answers: string[] = [];
    const resolve = async (host: string) => {
      const address = answers.length === 0 ? "127.0.0.2" : "127.0.0.1";
      answers.push(`${host} → ${address}`);
      return [{ address, family: 4 }];
    };
    const fetched = await fetchLink(`http://rebind.test:${good.port}/doc`, STRICT, { ...PUBLIC_STAND_IN, resolve });
    // The Host header stays the name; the connection went to the first, checked answer.
    expect(fetched.bytes.toString()).toBe(`public rebind.test:${good.port}`);
    expect(answers).toEqual(["rebind.test → 127.0.0.2"]);
    expect(trap.requests).toHaveLength(0);
  });

  it("DNS rebinding across a redirect: the next hop is resolved and checked again, and refused", async () => {
    const good = await serve((_, response) => response.writeHead(302, { Location: "/again" }).end(), "127.0.0.2");
    const trap = await serve((_, response) => response.end("secret"), "127.0.0.1", good.port);
    let calls = 0;
    const resolve = async () => [{ address: calls++ === 0 ? "127.0.0.2" : "127.0.0.1", family: 4 }];
    const error = await failure(fetchLink(`http://rebind.test:${good.port}/doc`, STRICT, { ...PUBLIC_STAND_IN, resolve }), "private-address");
    expect(error.message).toContain(`http://rebind.test:${good.port}/again`);
    expect(good.requests).toHaveLength(1);
    expect(trap.requests).toHaveLength(0);
  });
});

describe("isPrivateAddress", () => {
  it.each(["127.0.0.1", "127.255.0.9", "10.9.9.9", "172.16.0.1", "172.31.255.255", "192.168.0.10", "169.254.169.254", "0.0.0.0", "100.64.0.1"])(
    "%s is private",
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );
  it.each(["224.0.0.1", "255.255.255.255", "::", "::1", "fe80::1", "fe80::1%eth0", "fc00::1", "fd12:3456::1", "ff02::1"])("%s is private", (address) =>
    expect(isPrivateAddress(address)).toBe(true),
  );
  it.each(["::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "not-an-address"])("%s is private", (address) =>
    expect(isPrivateAddress(address)).toBe(true),
  );
  it.each(["8.8.8.8", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888", "2a00:1450::1", "::ffff:8.8.8.8"])("%s is public", (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );
});

describe("fetchLink: size", () => {
  it("cuts a 50 MB body announced as 1 KB, quickly, having read no more than announced", async () => {
    let written: Promise<number> | undefined;
    const site = await serve((_, response) => {
      response.writeHead(200, { "Content-Type": "application/pdf", "Content-Length": 1024 });
      written = pump(response, 50 * 2 ** 20);
    });
    const started = Date.now();
    const error = await failure(fetchLink(`${site.origin}/small.pdf`, LIMITS), "too-big");
    expect(error.message).toContain(site.origin);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await written).toBeLessThan(25 * 2 ** 20);
  });

  it("cuts a 50 MB body sent without a length as soon as it passes maxBytes", async () => {
    let written: Promise<number> | undefined;
    const site = await serve((_, response) => {
      response.writeHead(200, { "Content-Type": "application/pdf" });
      written = pump(response, 50 * 2 ** 20);
    });
    const started = Date.now();
    const error = await failure(fetchLink(`${site.origin}/big.pdf`, LIMITS), "too-big");
    expect(error.message).toContain("1 MB");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await written).toBeLessThan(25 * 2 ** 20);
  });

  it("refuses before downloading when Content-Length is over maxBytes", async () => {
    let written: Promise<number> | undefined;
    const site = await serve((_, response) => {
      response.writeHead(200, { "Content-Length": 50 * 2 ** 20 });
      written = pump(response, 50 * 2 ** 20);
    });
    const error = await failure(fetchLink(`${site.origin}/big.pdf`, { ...LIMITS, maxBytes: 1000 }), "too-big");
    expect(error.message).toContain("1 KB limit");
    expect(await written).toBeLessThan(25 * 2 ** 20);
  });

  it("takes a body of exactly maxBytes, and refuses an empty one", async () => {
    const site = await serve((request, response) => response.end(request.url === "/empty" ? "" : Buffer.alloc(1000, 0x41)));
    expect((await fetchLink(`${site.origin}/full`, { ...LIMITS, maxBytes: 1000 })).bytes).toHaveLength(1000);
    await failure(fetchLink(`${site.origin}/full`, { ...LIMITS, maxBytes: 999 }), "too-big");
    await failure(fetchLink(`${site.origin}/empty`, LIMITS), "empty");
  });
});

describe("fetchLink: time, status and reachability", () => {
  it("gives up on a server that trickles past the total timeout", async () => {
    const site = await serve((_, response) => {
      response.writeHead(200, { "Content-Type": "text/plain" });
      const drip = setInterval(() => response.write("."), 20);
      response.on("close", () => clearInterval(drip));
    });
    const started = Date.now();
    const error = await failure(fetchLink(`${site.origin}/slow`, { ...LIMITS, totalTimeoutMs: 200 }), "timeout");
    expect(error.message).toContain(`${site.origin}/slow`);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("gives up on a server that never answers, at the total timeout", async () => {
    const site = await serve(() => {});
    await failure(fetchLink(`${site.origin}/`, { ...LIMITS, totalTimeoutMs: 200 }), "timeout");
  });

  it("gives up when the connection is not made within the connect timeout", async () => {
    // A TCP server that never speaks TLS: the https connection never completes.
    const silent = net.createServer((socket) => socket.resume()); // reads, so it sees the client hang up
    open.push(silent);
    await new Promise<void>((done) => silent.listen(0, "127.0.0.1", done));
    const started = Date.now();
    const link = `https://127.0.0.1:${(silent.address() as net.AddressInfo).port}/`;
    const error = await failure(fetchLink(link, { ...LIMITS, connectTimeoutMs: 200 }), "timeout");
    expect(error.message).toContain("200 ms");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("refuses a 404 and a 500, naming the status", async () => {
    const site = await serve((request, response) => response.writeHead(request.url === "/gone" ? 404 : 500).end("error page"));
    expect((await failure(fetchLink(`${site.origin}/gone`, LIMITS), "http-status")).message).toContain("404 Not Found");
    expect((await failure(fetchLink(`${site.origin}/broken`, LIMITS), "http-status")).message).toContain("500");
  });

  it("reports a refused connection and an unknown host as unreachable", async () => {
    const closed = await serve(() => {});
    await new Promise((done) => open.pop()!.close(done));
    const error = await failure(fetchLink(`${closed.origin}/`, LIMITS), "unreachable");
    expect(error.message).toContain(closed.origin.slice("http://".length));
    const resolve = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    expect((await failure(fetchLink("https://no-such-host.invalid/a.pdf", LIMITS, { resolve }), "unreachable")).message).toContain("no-such-host.invalid");
  });

  it("reports a connection cut mid-body as unreachable", async () => {
    const site = await serve((_, response) => {
      response.writeHead(200, { "Content-Length": 5000 });
      response.write("partial");
      setTimeout(() => response.destroy(), 20);
    });
    await failure(fetchLink(`${site.origin}/cut`, LIMITS), "unreachable");
  });
});

describe("fetchLink: links that are not web addresses", () => {
  it.each([
    "file:///etc/passwd",
    "ftp://example.org/a.pdf",
    "data:application/pdf;base64,JVBERi0=",
    "javascript:alert(1)",
    "gopher://example.org/",
    "not a url",
    "//example.org/a.pdf",
    "",
  ])("refuses %j as bad-url", async (link) => {
    await failure(fetchLink(link, LIMITS), "bad-url");
  });

  it("refuses a link with credentials without repeating the password", async () => {
    const error = await failure(fetchLink("https://user:s3cret@example.org/a.pdf", LIMITS), "bad-url");
    expect(error.message).toContain("example.org");
    expect(error.message).not.toContain("s3cret");
    await failure(fetchLink("https://user@example.org/a.pdf", LIMITS), "bad-url");
    expect((await failure(fetchLink("ftp://user:s3cret@example.org/a.pdf", LIMITS), "bad-url")).message).not.toContain("s3cret");
  });
});

describe("extensionForContentType", () => {
  it.each([
    ["application/pdf", ".pdf"],
    ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"],
    ["application/epub+zip", ".epub"],
    ["text/html; charset=windows-1256", ".html"],
    ["application/xhtml+xml", ".html"],
    ["Text/Plain; charset=UTF-8", ".txt"],
    ["text/markdown", ".md"],
    ["application/octet-stream", undefined],
    ["toString", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("%s → %s", (type, extension) => expect(extensionForContentType(type)).toBe(extension));
});

describe("IPv6 forms that carry an IPv4 address", () => {
  it("are private: NAT64, 6to4, Teredo, IPv4-translated and site-local", async () => {
    const { isPrivateAddress } = await import("../../src/corpus/addresses.js");
    for (const address of ["64:ff9b::7f00:1", "2002:7f00:1::", "2001:0:4136:e378::1", "::ffff:0:7f00:1", "fec0::1"]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    expect(isPrivateAddress("2a00:1450:4001:80b::200e")).toBe(false);
  });
});
