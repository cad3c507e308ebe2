// Calls to the service with the reviewer's key. Every failure becomes an ApiError carrying the
// server's problem+json, so each view can show `detail` and the per-path `errors` where they belong.
import type { z } from '@hono/zod-openapi';
import type { Draft, FunnelResponse, Issue, MembersPage, MembershipChange, PreviewResponse, Problem, Segment } from '../http/schemas.js';
import type { PreviewEditResponse } from '../http/history-schemas.js';
import type { Group } from '../rules/grammar.js';

export type ProblemBody = z.infer<typeof Problem>;
export type IssueBody = z.infer<typeof Issue>;
export type DraftBody = Omit<z.infer<typeof Draft>, 'rules'> & { rules: Group };
export type SegmentBody = Omit<z.infer<typeof Segment>, 'rules'> & { rules: Group | null };
export type PreviewBody = Omit<z.infer<typeof PreviewResponse>, 'rules'> & { rules: Group };
export type PreviewEditBody = Omit<z.infer<typeof PreviewEditResponse>, 'rules'> & { rules: Group };
export type FunnelBody = Omit<z.infer<typeof FunnelResponse>, 'rules'> & { rules: Group };
export type MembersPageBody = z.infer<typeof MembersPage>;
export type MembershipChangeBody = z.infer<typeof MembershipChange>;

const KEY = 'segment-builder.key';

export class ApiError extends Error {
  constructor(readonly problem: ProblemBody) {
    super(problem.detail);
  }
}

export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

/** Fired when the service no longer accepts the key (revoked while the page was open). */
export const UNAUTHORIZED_EVENT = 'segment-builder:unauthorized';

/** A body sent as it is (a CSV file), not as JSON. */
export class RawBody {
  constructor(
    readonly text: string,
    readonly type: string,
  ) {}
}

async function send(method: string, path: string, body: unknown, key: string | null): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = body instanceof RawBody ? body.type : 'application/json';
  try {
    return await fetch(path, { method, headers, ...(body !== undefined ? { body: body instanceof RawBody ? body.text : JSON.stringify(body) } : {}) });
  } catch (err) {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: `Could not reach the service (${(err as Error).message}). Check your connection and try again.` });
  }
}

async function failure(res: Response): Promise<ApiError> {
  const text = await res.text();
  let problem: ProblemBody | undefined;
  try {
    const parsed = JSON.parse(text) as Partial<ProblemBody>;
    if (typeof parsed.detail === 'string') problem = { type: parsed.type ?? 'about:blank', title: parsed.title ?? res.statusText, status: res.status, detail: parsed.detail, ...(parsed.errors ? { errors: parsed.errors } : {}) };
  } catch {
    // not JSON: fall through to a generic problem
  }
  return new ApiError(problem ?? { type: 'about:blank', title: res.statusText, status: res.status, detail: `The service answered ${res.status} ${res.statusText}.` });
}

export async function api<T>(method: string, path: string, body?: unknown, key: string | null = session.key()): Promise<T> {
  const res = await send(method, path, body, key);
  if (!res.ok) {
    const err = await failure(res);
    if (res.status === 401 && key === session.key()) window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT, { detail: err.problem.detail }));
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Fetches a file with the key and hands it to the browser as a download. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await send('GET', path, undefined, session.key());
  if (!res.ok) throw await failure(res);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const query = (params: Record<string, string | number | undefined>): string => {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
};
