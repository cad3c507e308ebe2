// A resolver for tests: no test may ask a real DNS server (no network but loopback). Names are
// answered from a table; `*.example.com` and `*.example.net` are public (never connected to);
// anything else does not resolve.
import type { EgressPolicy, ResolvedAddress, Resolver } from '../../src/net/egress.js';

const PUBLIC: ResolvedAddress[] = [{ address: '93.184.215.14', family: 4 }];

export function tableResolver(table: Record<string, string[]> = {}): Resolver {
  return async (hostname) => {
    const name = hostname.toLowerCase().replace(/\.$/, '');
    const listed = table[name];
    if (listed) return listed.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (/(^|\.)example\.(com|net)$/.test(name)) return PUBLIC;
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
}

/** The default policy (public addresses only) over the table resolver. */
export const offlinePolicy = (table?: Record<string, string[]>): EgressPolicy => ({ allowPrivate: false, resolve: tableResolver(table) });

/** WEBHOOK_ALLOW_PRIVATE=true over the table resolver: for tests whose receiver is on 127.0.0.1. */
export const loopbackPolicy = (table?: Record<string, string[]>): EgressPolicy => ({ allowPrivate: true, resolve: tableResolver(table) });
