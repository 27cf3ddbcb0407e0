import { z } from "zod";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { js, PersonName, problems } from "../http/schema.ts";
import { registerMember } from "../members/register.ts";
import { MemberSessionSchema, RegisteredSchema } from "./auth.schemas.ts";
import { changeMobile, memberLogin } from "./member-login.ts";
import { requestOtp } from "./otp.ts";
import { endAllSessions, endSession } from "./session.ts";
import { staffLogin } from "./staff.ts";

const Code = z.string().regex(/^\d{6}$/);
// the id POST /auth/otp answered the requester: a code is checked only with its own request's id
const ChallengeId = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
const Otp = z.strictObject({ mobile: z.string().min(1).max(20) });
const Verify = z.strictObject({
  mobile: z.string().min(1).max(20),
  challengeId: ChallengeId,
  code: Code,
  // the real-name check, asked when the number has not signed in for months (it may have been recycled)
  name: PersonName.optional(),
  residentId: z.string().min(1).max(20).optional(),
});
const Register = z.strictObject({
  name: PersonName,
  mobile: z.string().min(1).max(20),
  residentId: z.string().min(1).max(20),
  challengeId: ChallengeId,
  code: Code,
});
const ChangeMobile = Register; // the new number, a code sent to it, and the account's real name
const StaffLogin = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
  totp: Code.optional(),
});
const Session = {
  type: "object",
  properties: { token: { type: "string" }, expiresAt: { type: "string" }, memberId: { type: "integer" } },
} as const;

/** Members: codes, sign-in, registration, a change of number. */
const memberAuthRoutes: RoutePlugin = (app, deps) => {
  app.post(
    "/auth/otp",
    {
      schema: {
        tags: ["auth"],
        summary: "Send a one-time code to a mobile number",
        security: [],
        body: js(Otp),
        response: {
          202: {
            type: "object",
            properties: { sent: { type: "boolean" }, challengeId: { type: "string" } },
          },
          ...problems(400, 429),
        },
      },
    },
    async (request, reply) => {
      const body = Otp.parse(request.body);
      const { challengeId } = await requestOtp(deps, body.mobile, request.ip);
      return reply.code(202).send({ sent: true, challengeId });
    },
  );
  app.post(
    "/auth/member/login",
    {
      schema: {
        tags: ["auth"],
        summary:
          "Sign in a member with a one-time code (and the real-name check on a number dormant for months)",
        security: [],
        body: js(Verify),
        response: { 200: MemberSessionSchema, ...problems(400, 403, 404, 429) },
      },
    },
    async (request) => memberLogin(deps, Verify.parse(request.body), request.ip),
  );
  app.post(
    "/auth/member/register",
    {
      schema: {
        tags: ["auth"],
        summary: "Real-name registration (name, mobile, resident ID), proven by a one-time code",
        security: [],
        body: js(Register),
        response: { 201: RegisteredSchema, ...problems(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const body = Register.parse(request.body);
      return reply.code(201).send(await registerMember(deps, body, request.ip));
    },
  );
  app.post(
    "/auth/member/mobile",
    {
      schema: {
        tags: ["auth"],
        summary:
          "Move an account to a new mobile number: a code sent to the new number and the real-name check; every session of the account ends",
        security: [],
        body: js(ChangeMobile),
        response: { 200: Session, ...problems(400, 403, 409, 429) },
      },
    },
    async (request) => changeMobile(deps, ChangeMobile.parse(request.body), request.ip),
  );
};

/** Staff sign-in, and ending sessions (members and staff). */
const staffAndSessionRoutes: RoutePlugin = (app, deps) => {
  app.post(
    "/auth/staff/login",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign in staff with a password and a TOTP code",
        security: [],
        body: js(StaffLogin),
        response: problems(400, 401, 403, 429),
      },
    },
    async (request) => staffLogin(deps, StaffLogin.parse(request.body), request.ip),
  );
  app.post(
    "/auth/logout",
    { schema: { tags: ["auth"], summary: "End this session", response: problems(401) } },
    async (request, reply) => {
      if (!request.principal) authorize(request, "member.self");
      await endSession(deps, request.headers.authorization!.slice(7));
      return reply.code(204).send();
    },
  );
  app.post(
    "/auth/logout-everywhere",
    {
      schema: {
        tags: ["auth"],
        summary: "End every session of the signed-in account",
        response: problems(401),
      },
    },
    async (request) => {
      if (!request.principal) authorize(request, "member.self");
      const p = request.principal!;
      return { ended: await endAllSessions(deps.pool, p.kind, p.id) };
    },
  );
};

export const authRoutes: RoutePlugin = async (app, deps) => {
  await memberAuthRoutes(app, deps);
  await staffAndSessionRoutes(app, deps);
};
