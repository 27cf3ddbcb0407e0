import helmet from "@fastify/helmet";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { limits } from "../limits.ts";

/**
 * Browser-facing defences on every answer (@fastify/helmet): a strict CSP (scripts only from this
 * origin, no framing, no plugins), nosniff, no referrer beyond the origin. HSTS only behind TLS: over
 * plain HTTP (development on 127.0.0.1) it means nothing.
 */
export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "script-src": ["'self'"],
        "script-src-attr": ["'none'"],
        // the /verify page carries one inline style sheet; styles cannot run code
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
      },
    },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    hsts: false,
  });
  app.addHook("onSend", async (request, reply, payload) => {
    if (isPersonal(request)) reply.header("cache-control", "no-store");
    if (overTls(request))
      reply.header("strict-transport-security", `max-age=${limits.hstsMaxAgeSeconds}; includeSubDomains`);
    return payload;
  });
}

/**
 * TLS here or at a proxy in front (`X-Forwarded-Proto: https`). Trusting the header is harmless for
 * HSTS: a browser ignores the header on a plain-HTTP answer (RFC 6797 §8.1), so a forged one does nothing.
 */
const overTls = (request: FastifyRequest) =>
  request.protocol === "https" || request.headers["x-forwarded-proto"] === "https";

/**
 * An answer may be cached only when anyone may read it: a read (GET, HEAD) of a public route (OpenAPI
 * `security: []`) asked without credentials. Everything else (/me, claims, documents, members,
 * participations, notifications, the outbox, and every public command: a sign-in's token, a code
 * request's challenge id, a refusal) is personal: `no-store`, in browsers and proxies alike.
 */
export function isPersonal(request: FastifyRequest): boolean {
  if (request.principal || request.headers.authorization) return true;
  if (request.method !== "GET" && request.method !== "HEAD") return true;
  const security = (request.routeOptions.schema as { security?: unknown[] } | undefined)?.security;
  return !(Array.isArray(security) && security.length === 0);
}

/** The Swagger UI page's own inline script and style, allowed by their hashes (and nothing else). */
export function docsCsp(app: FastifyInstance): (header: string) => string {
  return (header) => {
    const csp = (app as unknown as { swaggerCSP?: { script: string[]; style: string[] } }).swaggerCSP;
    if (!csp) return header;
    return header
      .replace("script-src 'self'", `script-src 'self' ${csp.script.join(" ")}`)
      .replace("style-src 'self'", `style-src 'self' ${csp.style.join(" ")}`);
  };
}
