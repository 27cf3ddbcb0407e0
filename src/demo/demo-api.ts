import type { FastifyInstance } from "fastify";
import { type TOTP, URI } from "otpauth";
import type { fixedClock } from "../domain/clock.ts";

export type DemoStaff = { readonly username: string; readonly password: string; readonly totpUri?: string };
export type DemoPerson = { readonly name: string; readonly mobile: string; readonly residentId: string };
type Headers = Record<string, string>;

/**
 * The demo's client of its own API (in process, `inject`): the history is made by the requests a
 * newcomer would send, so it goes through every check and use case. Sign-ins are kept until the clock
 * moves (a session lasts 7 days; each staff sign-in needs a fresh second-factor step).
 */
export class DemoApi {
  private readonly sessions = new Map<string, Headers>();
  private address = 0;
  readonly memberIds = new Map<string, number>();

  constructor(
    private readonly app: FastifyInstance,
    readonly clock: ReturnType<typeof fixedClock>,
    private readonly staff: readonly DemoStaff[],
  ) {}

  /** Moves the demo's clock forward to an instant; the sessions start again. */
  moveTo(ms: number): void {
    if (ms > this.clock.now()) this.clock.set(ms);
    this.sessions.clear();
  }

  /** A request that must succeed; a refusal stops the demo with the answer (a bug in the demo story). */
  async send(method: "GET" | "POST" | "PUT", url: string, headers: Headers, payload?: object | Buffer) {
    const r = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: `10.99.${(this.address >> 8) & 255}.${this.address++ & 255}`,
      ...(payload === undefined ? {} : { payload }),
    });
    if (r.statusCode >= 300)
      throw new Error(`demo history: ${method} ${url} answered ${r.statusCode}: ${r.body}`);
    return r.json();
  }

  async asStaff(username: string): Promise<Headers> {
    const cached = this.sessions.get(`staff:${username}`);
    if (cached) return cached;
    const s = this.staff.find((x) => x.username === username);
    if (!s) throw new Error(`demo history: no staff account ${username}`);
    const totp = s.totpUri
      ? { totp: (URI.parse(s.totpUri) as TOTP).generate({ timestamp: this.clock.now() }) }
      : {};
    const r = await this.send("POST", "/auth/staff/login", {}, { username, password: s.password, ...totp });
    const auth = { authorization: `Bearer ${r.token}` };
    this.sessions.set(`staff:${username}`, auth);
    return auth;
  }

  /** A one-time code sent to a number, read from the simulated outbox as staff may. */
  private async codeFor(mobile: string): Promise<{ challengeId: string; code: string }> {
    const { challengeId } = await this.send("POST", "/auth/otp", {}, { mobile });
    const outbox = await this.send("GET", "/dev/sms-outbox", await this.asStaff("operator"));
    const code = /(\d{6})/.exec(String(outbox.items[0]?.body ?? ""))?.[1] ?? "";
    return { challengeId, code };
  }

  /** Registers a person (real name, proven by a code) the first time, signs them in after. */
  async asMember(p: DemoPerson): Promise<Headers> {
    const cached = this.sessions.get(`member:${p.mobile}`);
    if (cached) return cached;
    const proof = await this.codeFor(p.mobile);
    const r = this.memberIds.has(p.mobile)
      ? await this.send("POST", "/auth/member/login", {}, { mobile: p.mobile, ...proof })
      : await this.send(
          "POST",
          "/auth/member/register",
          {},
          { name: p.name, residentId: p.residentId, mobile: p.mobile, ...proof },
        );
    if (r.member?.memberId) this.memberIds.set(p.mobile, r.member.memberId);
    const auth = { authorization: `Bearer ${r.token}` };
    this.sessions.set(`member:${p.mobile}`, auth);
    return auth;
  }

  memberId(p: DemoPerson): number {
    const id = this.memberIds.get(p.mobile);
    if (id === undefined) throw new Error(`demo history: ${p.mobile} has not registered`);
    return id;
  }
}
