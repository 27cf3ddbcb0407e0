import { z } from "zod";
import { memberLogin, requestOtp, staffLogin } from "../../services/auth.service.ts";
import { registerMember } from "../../services/members.service.ts";
import { js, PersonName, problems } from "../schema.ts";
import type { RoutePlugin } from "./index.ts";

const Otp = z.strictObject({ mobile: z.string().min(1).max(20) });
const Verify = z.strictObject({ mobile: z.string().min(1).max(20), code: z.string().regex(/^\d{6}$/) });
const Register = z.strictObject({
  name: PersonName,
  mobile: z.string().min(1).max(20),
  residentId: z.string().min(1).max(20),
  code: z.string().regex(/^\d{6}$/),
});
const StaffLogin = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const authRoutes: RoutePlugin = (app, deps) => {
  app.post(
    "/auth/otp",
    {
      schema: {
        tags: ["auth"],
        summary: "Send a one-time code to a mobile number",
        security: [],
        body: js(Otp),
        response: {
          202: { type: "object", properties: { sent: { type: "boolean" } } },
          ...problems(400, 429),
        },
      },
    },
    async (request, reply) => {
      const body = Otp.parse(request.body);
      await requestOtp(deps, body.mobile, request.ip);
      return reply.code(202).send({ sent: true });
    },
  );
  app.post(
    "/auth/member/login",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign in a member with a one-time code",
        security: [],
        body: js(Verify),
        response: problems(400, 404, 429),
      },
    },
    async (request) => {
      const body = Verify.parse(request.body);
      return memberLogin(deps, body.mobile, body.code);
    },
  );
  app.post(
    "/auth/member/register",
    {
      schema: {
        tags: ["auth"],
        summary: "Real-name registration (name, mobile, resident ID), proven by a one-time code",
        security: [],
        body: js(Register),
        response: problems(400, 409),
      },
    },
    async (request, reply) => {
      const body = Register.parse(request.body);
      return reply.code(201).send(await registerMember(deps, body));
    },
  );
  app.post(
    "/auth/staff/login",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign in staff with a password",
        security: [],
        body: js(StaffLogin),
        response: problems(400, 401, 429),
      },
    },
    async (request) => {
      const body = StaffLogin.parse(request.body);
      return staffLogin(deps, body.username, body.password, request.ip);
    },
  );
};
