import type { ApiError } from './types';

/** The result of an API call: a value or the API's error, never a thrown HTTP status. */
export type Result<T> = { ok: true; value: T; etag?: string } | { ok: false; error: ApiError };

/** Where a browser goes to sign in and come back to where it was. */
export function signInUrl(next: string = location.pathname + location.search): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

let onUnauthorized: () => void = () => location.assign(signInUrl());

/** Tests and the signed-out shell replace what a 401 does (by default: sign in again and come back). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export type ApiInit = RequestInit & {
  json?: unknown;
  /** A 401 is an answer here (who am I?), not a session that ended mid-use. */
  unauthorizedIsAnswer?: boolean;
};

export async function api<T>(path: string, init: ApiInit = {}): Promise<Result<T>> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  // the gateway's CSRF rule: unsafe requests carry X-Requested-With (a cross-site form cannot)
  headers.set('X-Requested-With', 'z3chat');
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(init.json);
  }
  let response: Response;
  try {
    const { json: _json, unauthorizedIsAnswer: _answer, ...rest } = init;
    response = await fetch(path, { ...rest, headers, body, credentials: 'same-origin' });
  } catch {
    return { ok: false, error: { status: 0, code: 'offline', message: 'The server cannot be reached' } };
  }
  if (response.status === 401) {
    if (!init.unauthorizedIsAnswer) onUnauthorized();
    return { ok: false, error: { status: 401, code: 'unauthorized', message: 'Your session has ended' } };
  }
  if (!response.ok) {
    return { ok: false, error: await errorOf(response) };
  }
  const etag = response.headers.get('ETag') ?? undefined;
  if (response.status === 204) {
    return { ok: true, value: undefined as T, etag };
  }
  return { ok: true, value: (await response.json()) as T, etag };
}

export async function errorOf(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
  try {
    const body = await response.json();
    return { status: response.status, code: body.error.code, message: body.error.message, retryAfter };
  } catch {
    return { status: response.status, code: 'http_' + response.status, message: response.statusText || 'Request failed', retryAfter };
  }
}

/** Throws the API error, for TanStack Query's queryFn (which expects rejections). */
export async function apiOrThrow<T>(path: string, init?: ApiInit): Promise<T> {
  const result = await api<T>(path, init);
  if (!result.ok) {
    throw Object.assign(new Error(result.error.message), { api: result.error });
  }
  return result.value;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A 21-character nanoid-style id (chat and user-message ids come from the browser). */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(21));
  let id = '';
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}
