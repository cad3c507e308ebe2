// Where the service may send a webhook: the network policy, applied when an endpoint is registered
// and again on every delivery, to the addresses the host name resolves to at that moment.
//
// Addresses fall in three classes (range tests by ipaddr.js, not hand-written CIDR code):
// - public: ordinary global unicast; always allowed.
// - private: loopback, RFC 1918, CGNAT (100.64/10), IPv6 unique-local (fc00::/7) and site-local
//   (fec0::/10): refused unless WEBHOOK_ALLOW_PRIVATE=true (self-hosted installs, tests).
// - never: unspecified, broadcast, multicast, link-local (169.254/16 and fe80::/10 — where cloud
//   metadata lives), and every reserved, documentation, benchmarking (198.18/15) or special-purpose
//   range; no setting lifts these, no receiver lives there.
// IPv6 forms that carry an IPv4 address (v4-mapped ::ffff:a.b.c.d, SIIT ::ffff:0:a.b.c.d, NAT64
// 64:ff9b::/96, 6to4 2002::/16, Teredo 2001::/32) are judged by the IPv4 address inside; the deprecated
// IPv4-compatible form ::a.b.c.d and NAT64 local-use 64:ff9b:1::/48 are never allowed.
import dns from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export type AddressClass = 'public' | 'private' | 'never';

export interface AddressVerdict {
  class: AddressClass;
  /** What the address is, for messages: "loopback", "private network", … */
  kind: string;
}

const V4_KINDS: Record<string, AddressVerdict> = {
  unicast: { class: 'public', kind: 'public' },
  loopback: { class: 'private', kind: 'loopback' },
  private: { class: 'private', kind: 'private network' },
  carrierGradeNat: { class: 'private', kind: 'shared address space (CGNAT)' },
  unspecified: { class: 'never', kind: 'unspecified' },
  broadcast: { class: 'never', kind: 'broadcast' },
  multicast: { class: 'never', kind: 'multicast' },
  linkLocal: { class: 'never', kind: 'link-local' },
  reserved: { class: 'never', kind: 'reserved (documentation, benchmarking or future use)' },
};

const V6_KINDS: Record<string, AddressVerdict> = {
  unicast: { class: 'public', kind: 'public' },
  loopback: { class: 'private', kind: 'loopback' },
  uniqueLocal: { class: 'private', kind: 'unique-local (private network)' },
  deprecatedSiteLocal: { class: 'private', kind: 'site-local (private network)' },
  unspecified: { class: 'never', kind: 'unspecified' },
  multicast: { class: 'never', kind: 'multicast' },
  linkLocal: { class: 'never', kind: 'link-local' },
};

const SPECIAL = { class: 'never', kind: 'special-purpose' } as const satisfies AddressVerdict;
const NAT64_LOCAL = ipaddr.parseCIDR('64:ff9b:1::/48');
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

function v4FromBytes(bytes: number[]): ipaddr.IPv4 {
  return new ipaddr.IPv4(bytes.slice(-4));
}

function embedded(verdict: AddressVerdict, form: string): AddressVerdict {
  return verdict.class === 'public' ? verdict : { class: verdict.class, kind: `${verdict.kind} (as ${form})` };
}

function classifyV4(a: ipaddr.IPv4): AddressVerdict {
  return V4_KINDS[a.range()] ?? SPECIAL;
}

function classifyV6(a: ipaddr.IPv6): AddressVerdict {
  const range = a.range();
  const bytes = a.toByteArray();
  switch (range) {
    case 'ipv4Mapped':
      return embedded(classifyV4(a.toIPv4Address()), 'IPv4-mapped IPv6');
    case 'rfc6145':
      return embedded(classifyV4(v4FromBytes(bytes)), 'IPv4-translated IPv6');
    case 'rfc6052':
      if (a.match(NAT64_LOCAL)) return { class: 'never', kind: 'NAT64 local-use' };
      return embedded(classifyV4(v4FromBytes(bytes)), 'NAT64 IPv6');
    case '6to4':
      return embedded(classifyV4(new ipaddr.IPv4(bytes.slice(2, 6))), '6to4 IPv6');
    case 'teredo': {
      const server = classifyV4(new ipaddr.IPv4(bytes.slice(4, 8)));
      const client = classifyV4(new ipaddr.IPv4(bytes.slice(12, 16).map((b) => b ^ 0xff)));
      return embedded(server.class !== 'public' ? server : client, 'Teredo IPv6');
    }
    case 'unicast':
      if (a.match(IPV4_COMPATIBLE)) return { class: 'never', kind: 'IPv4-compatible IPv6 (deprecated)' };
      return V6_KINDS.unicast!;
    default:
      return V6_KINDS[range] ?? SPECIAL;
  }
}

/** The class of one IP address (v4 or v6, without brackets). */
export function classifyAddress(address: string): AddressVerdict {
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv4' ? classifyV4(parsed as ipaddr.IPv4) : classifyV6(parsed as ipaddr.IPv6);
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Host name → addresses. Injected so tests never ask a real DNS server. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export interface EgressPolicy {
  /** WEBHOOK_ALLOW_PRIVATE: also allow loopback and private-network receivers (and plain http to them). */
  allowPrivate: boolean;
  resolve: Resolver;
}

export const defaultEgressPolicy: EgressPolicy = { allowPrivate: false, resolve: systemResolver };

export type RefusalCode = 'unresolved' | 'not_allowed' | 'insecure';

/** A URL the policy does not let the service send to; `message` says why, for the tenant. */
export class EgressRefused extends Error {
  override name = 'EgressRefused';
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

/**
 * Resolves the URL's host and checks every address it resolves to (one bad address refuses the
 * whole name: a name mixing public and private answers is what a rebinding attack looks like).
 * Returns the addresses to connect to: connect to exactly these (see `pinnedLookup`), never
 * resolve the name again. Plain http is allowed only to private addresses with allowPrivate.
 */
export async function permittedAddresses(url: URL, policy: EgressPolicy): Promise<ResolvedAddress[]> {
  const host = bare(url.hostname);
  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await policy.resolve(host);
    } catch {
      throw new EgressRefused('unresolved', `the host name "${host}" does not resolve`);
    }
    if (addresses.length === 0) throw new EgressRefused('unresolved', `the host name "${host}" does not resolve`);
  }
  const what = isIP(host) ? `${host} is` : `"${host}" resolves to`;
  let allPrivate = true;
  for (const { address } of addresses) {
    const verdict = classifyAddress(address);
    if (verdict.class === 'never') throw new EgressRefused('not_allowed', `${what} a ${verdict.kind} address, which is never a webhook receiver`);
    if (verdict.class === 'private' && !policy.allowPrivate) {
      throw new EgressRefused('not_allowed', `${what} a ${verdict.kind} address; webhooks go only to public addresses`);
    }
    if (verdict.class === 'public') allPrivate = false;
  }
  if (url.protocol === 'http:' && !allPrivate) {
    throw new EgressRefused('insecure', 'use https://; plain http:// is allowed only to private addresses on installs that allow them');
  }
  return addresses;
}

/** A `lookup` for http.request that answers with the addresses already checked, so DNS cannot change them between check and connect. */
export function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 || options.family === 'IPv4' || options.family === 'IPv6' ? (String(options.family).endsWith('6') ? 6 : 4) : 0;
    const matching = family ? addresses.filter((a) => a.family === family) : addresses;
    const list = matching.length ? matching : addresses;
    if (options.all) callback(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  };
}
