// One webhook POST, bounded in every direction a receiver could push back: the host is resolved and
// checked against the network policy (egress.ts) and the connection goes to exactly the checked
// address; one deadline covers resolving, connecting, the headers and the body; at most
// MAX_RESPONSE_BYTES of the answer are read and the rest dropped with the connection; redirects are
// never followed. What is recorded is the status and a generic reason, never the receiver's body
// or a socket error's text (which would tell open, closed and non-HTTP ports apart).
import http from 'node:http';
import https from 'node:https';
import { EgressRefused, type EgressPolicy, permittedAddresses, pinnedLookup } from '../net/egress.js';

/** How much of a receiver's answer is read before the connection is dropped. */
export const MAX_RESPONSE_BYTES = 4 * 1024;

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export type DeliveryOutcome =
  | { ok: true; status: number }
  /** `status`: the receiver's HTTP status, null when there was none. `reason`: generic, safe to show the tenant. */
  | { ok: false; status: number | null; reason: string };

export interface DeliverOptions {
  policy: EgressPolicy;
  /** The whole attempt: resolve + connect + headers + body. */
  timeoutMs: number;
  /** Stops the attempt (service shutdown); the caller checks it to tell a stop from a failure. */
  signal?: AbortSignal;
  maxResponseBytes?: number;
}

export const REASONS = {
  connect: 'could not connect',
  timeout: (ms: number) => `timeout: no complete answer within ${ms} ms`,
  redirect: (status: number) => `redirect (HTTP ${status}) not followed; register the final URL`,
  status: (status: number) => `HTTP ${status}`,
} as const;

export async function deliverWebhook(request: WebhookRequest, options: DeliverOptions): Promise<DeliveryOutcome> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const url = new URL(request.url);
  const answer: { status: number | null } = { status: null };
  try {
    const addresses = await untilAborted(permittedAddresses(url, options.policy), signal);
    await post(url, request, addresses, signal, maxBytes, (s) => (answer.status = s));
  } catch (err) {
    if (err instanceof EgressRefused) return { ok: false, status: null, reason: `${err.code === 'unresolved' ? 'could not resolve the host name' : 'address not allowed'}: ${err.message}` };
    if (deadline.aborted) return { ok: false, status: answer.status, reason: REASONS.timeout(options.timeoutMs) };
    return { ok: false, status: answer.status, reason: REASONS.connect };
  }
  const { status } = answer;
  if (status === null) return { ok: false, status, reason: REASONS.connect };
  if (status >= 200 && status < 300) return { ok: true, status };
  if (status >= 300 && status < 400) return { ok: false, status, reason: REASONS.redirect(status) };
  return { ok: false, status, reason: REASONS.status(status) };
}

/** Sends the request; reports the status as soon as it arrives, resolves once the answer is read (or `maxBytes` of it). */
function post(
  url: URL,
  request: WebhookRequest,
  addresses: Parameters<typeof pinnedLookup>[0],
  signal: AbortSignal,
  maxBytes: number,
  onStatus: (status: number) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(url, {
      method: 'POST',
      headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      lookup: pinnedLookup(addresses),
      agent: false, // one connection per attempt: nothing pooled outlives the attempt's checks
      signal,
    });
    req.once('error', reject);
    req.once('response', (res) => {
      onStatus(res.statusCode ?? 0);
      let read = 0;
      const done = () => {
        res.destroy();
        req.destroy();
        resolve();
      };
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= maxBytes) done(); // the rest is dropped with the connection
      });
      res.once('end', done);
      res.once('error', reject);
      // A receiver that closes mid-body has still answered with its status.
      res.once('close', () => (signal.aborted ? reject(signal.reason) : done()));
    });
    req.end(request.body);
  });
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (v) => (signal.removeEventListener('abort', abort), resolve(v)),
      (e) => (signal.removeEventListener('abort', abort), reject(e)),
    );
  });
}
