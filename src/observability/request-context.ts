import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";

/**
 * The request id of the work being done, for every log line written on its behalf — by the route and
 * by any service it calls, through deps.logger (log.ts's mixin reads it here).
 */
export const requestContext = new AsyncLocalStorage<{ readonly requestId: string }>();

/** A caller's id is kept when it is a plain token (a proxy's, a client's); anything else is replaced. */
const ACCEPTED = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && ACCEPTED.test(given) ? given : randomUUID();
}
