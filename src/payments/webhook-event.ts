import { z } from "zod";
import { fail } from "../errors.ts";
import type { PaymentEvent } from "./port.ts";

const text = z.string().min(1).max(200);
const Result = z.discriminatedUnion("status", [
  z.object({ status: z.literal("succeeded"), providerRef: text }),
  z.object({
    status: z.literal("failed"),
    providerRef: text,
    reason: z.enum(["insufficient_funds", "declined", "provider_error"]),
  }),
  z.object({ status: z.literal("pending"), providerRef: text }),
]);
const Event = z.object({ eventId: text, key: text, result: Result, at: z.number() });

/**
 * A webhook's body, checked after its signature: a provider that signs a malformed event (no `result`,
 * an unknown status) gets a 400 naming the field, not a crash half-way through applying it.
 */
export function parseWebhookEvent(rawBody: string): PaymentEvent {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return fail("validation", "the webhook body is not valid JSON", "body");
  }
  const r = Event.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.map(String).join(".") || "body";
    return fail("validation", `${field}: ${issue.message}`, field);
  }
  return r.data;
}
