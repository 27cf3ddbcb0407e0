import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

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
    else if (!(await placeFreed(waiting, reply.raw))) {
      // the client went away while waiting: nothing to run, nobody to answer, no place taken
      reply.hijack();
      return;
    }
    let left = false;
    request.leaveWriteGate = () => {
      if (left) return;
      left = true;
      leave();
    };
    // the connection closed as the place came (a close event is not sent twice): give it back now
    if (reply.raw.destroyed || request.raw.destroyed) {
      request.leaveWriteGate();
      reply.hijack();
      return;
    }
    // the connection may close before the answer is sent (the client gave up): the place is given back
    reply.raw.once("close", request.leaveWriteGate);
  });
  app.addHook("onResponse", async (request) => request.leaveWriteGate?.());
}

/**
 * Waits in line for a place: true when one is handed over, false when the connection closes first (its
 * turn is taken out of the line). Why: a waiter whose client left was run later all the same, and its
 * close listener, added after the close, never fired — measured in the load benchmark, every place
 * leaked when the closed loop's 200 connections ended, and every later top-up waited forever.
 */
function placeFreed(waiting: Array<() => void>, res: FastifyReply["raw"]): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const onClose = () => {
      const i = waiting.indexOf(take);
      if (i >= 0) waiting.splice(i, 1);
      resolve(false);
    };
    const take = () => {
      res.off("close", onClose);
      resolve(true);
    };
    waiting.push(take);
    res.once("close", onClose);
  });
}
