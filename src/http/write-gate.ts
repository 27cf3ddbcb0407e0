import type { FastifyInstance, FastifyRequest } from "fastify";

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

declare module "fastify" {
  interface FastifyRequest {
    /** Gives back the write gate's place (once, whichever of the response's end or close comes first). */
    leaveWriteGate?: () => void;
  }
}

/**
 * At most `max` mutations of this process run at once; the others wait here, in memory, in order. Why:
 * writes can wait long on a row lock they all need (a top-up's posting to the custodian account, a
 * cycle's settlement), and each waits holding a pool connection: measured in the load benchmark, 18 of
 * the 20 connections were top-ups waiting on one lock, and every read queued behind them. Reads are
 * never held here, so they always find connections; the writes' throughput stays what that lock allows.
 */
export function installWriteGate(app: FastifyInstance, max: number): void {
  let running = 0;
  const waiting: Array<() => void> = [];
  const leave = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  app.addHook("onRequest", async (request: FastifyRequest, reply) => {
    if (!MUTATIONS.has(request.method)) return;
    if (running < max) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    let left = false;
    request.leaveWriteGate = () => {
      if (left) return;
      left = true;
      leave();
    };
    // the connection may close before the answer is sent (the client gave up): the place is given back
    reply.raw.once("close", request.leaveWriteGate);
  });
  app.addHook("onResponse", async (request) => request.leaveWriteGate?.());
}
