import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema.d.ts";

const TOKEN_KEY = "huzhu.session";

export type Session = { token: string; memberId: number };

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(TOKEN_KEY);
  return raw ? (JSON.parse(raw) as Session) : null;
}

export function saveSession(s: Session | null): void {
  if (s) sessionStorage.setItem(TOKEN_KEY, JSON.stringify(s));
  else sessionStorage.removeItem(TOKEN_KEY);
}

const auth: Middleware = {
  onRequest({ request }) {
    const s = loadSession();
    if (s) request.headers.set("authorization", `Bearer ${s.token}`);
    request.headers.set("accept", "application/json");
    return request;
  },
};

/** The typed API client (types generated from /openapi.json: `npm run api:types`). */
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? "" });
api.use(auth);

/** A problem+json answer, kept whole so a form can show the message beside the field it names. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string | undefined,
    detail: string,
  ) {
    super(detail);
  }
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The data of an answer, or an ApiProblem thrown with the server's code, field and detail. */
export async function need<T>(answer: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await answer;
  if (response.ok) return data as T;
  const p = (error ?? {}) as { code?: string; field?: string; detail?: string; title?: string };
  throw new ApiProblem(
    response.status,
    p.code ?? "unknown",
    p.field,
    p.detail ?? p.title ?? response.statusText,
  );
}

/**
 * A mutation sent with one Idempotency-Key, resent with the same key when the connection drops (a
 * fetch that rejects), so a retried top-up or vote is done once.
 */
export async function once<T>(send: (headers: { "Idempotency-Key": string }) => Promise<Answer<T>>) {
  const headers = { "Idempotency-Key": crypto.randomUUID() };
  for (let attempt = 1; ; attempt++) {
    try {
      return await need(send(headers));
    } catch (e) {
      if (!(e instanceof TypeError) || attempt >= 3) throw e;
    }
  }
}
