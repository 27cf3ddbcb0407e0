import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  LogController,
} from "fastify";
import { auditStaffAnswer } from "../audit/audit.ts";
import { authenticate } from "../auth/session.ts";
import type { ServiceDeps } from "../deps.ts";
import { type Action, can, type Principal } from "../domain/access.ts";
import { limits } from "../limits.ts";
import { installMetrics } from "../observability/metrics.ts";
import { requestContext, requestIdOf } from "../observability/request-context.ts";
import { docsCsp, installSecurityHeaders } from "./headers.ts";
import { installIdempotency } from "./idempotency.ts";
import { installInputGuards, parseJsonBody } from "./input.ts";
import { fail, frameworkProblem, installErrorHandler } from "./problems.ts";
import { routePlugins } from "./routes/index.ts";
import { installWebApp } from "./web-app.ts";
import { installWriteGate } from "./write-gate.ts";

export type AppDeps = ServiceDeps;

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal;
    rawBody?: string;
    /** What a staff request acted on, where its route has no params to say it (POST /plans). */
    auditTarget?: Record<string, unknown>;
  }
}

/** Requires a signed-in principal allowed to perform `action` (401 / 403 problems otherwise). */
export function authorize(request: FastifyRequest, action: Action): Principal {
  if (!request.principal) return fail("unauthenticated", "sign in first (Authorization: Bearer <token>)");
  if (!can(request.principal, action)) return fail("forbidden", `your role may not ${action}`);
  return request.principal as Principal;
}

/** Builds the HTTP API (no listening: tests use `inject`, src/http/server.ts listens). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as unknown as FastifyBaseLogger,
    bodyLimit: limits.requestBodyBytesMax,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    frameworkErrors: frameworkProblem,
    // one id per request, in every log line and every response (x-request-id); a caller's own kept
    genReqId: requestIdOf,
    requestIdHeader: false,
    logController: new LogController({ requestIdLogLabel: "requestId" }),
  });
  app.addHook("onRequest", async (request, reply) => {
    requestContext.enterWith({ requestId: request.id });
    reply.header("x-request-id", request.id);
  });
  // Keep the raw body beside the parsed one: webhook signatures are over the exact bytes.
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    (request as FastifyRequest).rawBody = body as string;
    try {
      done(null, parseJsonBody(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  installErrorHandler(app);
  await installSecurityHeaders(app);
  installInputGuards(app);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "huzhu API",
        version: "0.1.0",
        description:
          "The API of an online mutual-aid (网络互助) platform. Errors are application/problem+json (RFC 9457) with a stable `type`. " +
          "Every mutation accepts an `Idempotency-Key` header: a replay returns the first response. Lists are paginated by cursor. " +
          "Personal data is always masked. See /verify for how members check the transparency log.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs", transformStaticCSP: docsCsp(app) });
  // The development clock may have been moved by another process (`huzhu clock`): read before each request.
  if (deps.clock.refresh) app.addHook("onRequest", async () => deps.clock.refresh?.());
  app.addHook("onRequest", async (request) => {
    const auth = request.headers.authorization;
    if (auth?.startsWith("Bearer ")) request.principal = await authenticate(deps, auth.slice(7));
  });
  installIdempotency(app, deps);
  installMetrics(app, deps);
  installWriteGate(app, limits.mutationsInFlightMax);
  // Every staff mutation goes to the audit trail: who, what, when, on what; so does every staff read of
  // a personal answer (a member, a claim, a document, the outbox…), once; a staff read of a member's
  // record joins the read trail too (src/privacy/). Before the answer leaves: a staff member who got an
  // answer is in both trails (never after it).
  app.addHook("onSend", async (request, reply, payload) => {
    await auditStaffAnswer(deps, request, reply.statusCode);
    return payload;
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  for (const plugin of routePlugins) await app.register(async (scope) => plugin(scope, deps));
  await installWebApp(app);
  return app;
}
