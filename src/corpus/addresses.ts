/**
 * Which IP addresses a link may not reach (issue 26, "Links"): anything that is not the public
 * internet, so a link an admin sends cannot make the bot read the server's own services, the cloud
 * metadata endpoint (169.254.169.254) or the private network it runs in.
 */
import { BlockList, isIP } from "node:net";

const IPV4: readonly [string, number][] = [
  ["0.0.0.0", 8], // "this network", 0.0.0.0 included: Linux connects it to the local host
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT: a provider's private network
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, where cloud metadata lives
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking, used inside data centres
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and the broadcast address
];

const IPV6: readonly [string, number][] = [
  ["::", 96], // unspecified (::), loopback (::1) and the deprecated IPv4-compatible forms
  ["::ffff:0:0:0", 96], // IPv4-translated (SIIT): an IPv4 address behind an IPv6 one
  ["64:ff9b::", 96], // NAT64's well-known prefix: any IPv4 address, private ones included
  ["64:ff9b:1::", 48], // NAT64, local use
  ["2001::", 32], // Teredo: tunnels to an IPv4 address
  ["2002::", 16], // 6to4: embeds an IPv4 address
  ["fc00::", 7], // unique-local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated, still routed inside some networks)
  ["ff00::", 8], // multicast
];

const BLOCKED = new BlockList();
for (const [network, prefix] of IPV4) BLOCKED.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of IPV6) BLOCKED.addSubnet(network, prefix, "ipv6");

/**
 * Whether `address` (an IPv4 or IPv6 address, as dns.lookup gives it) is loopback, private,
 * link-local, unspecified, multicast or reserved. BlockList also matches an IPv4-mapped IPv6 address
 * (::ffff:127.0.0.1) against the IPv4 ranges. What is not an IP address at all counts as private:
 * refusing is safer than guessing.
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return BLOCKED.check(address, family === 6 ? "ipv6" : "ipv4");
}
