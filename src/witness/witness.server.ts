import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Vkey } from "../domain/note.ts";
import { sha256 } from "../domain/sha256.ts";
import { limits } from "../limits.ts";
import { addCheckpoint } from "./witness.ts";
import type { WitnessDir } from "./witness-state.ts";

/** The body, or null past the size limit. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of req) {
    n += (c as Buffer).length;
    if (n > limits.witness.requestBytesMax) return null;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The witness's HTTP edge (tlog-witness): `POST /add-checkpoint` and the monitoring
 * `GET /<hex SHA-256 of the origin>/checkpoint`. Submissions are handled one at a time, so that the
 * check against the last cosigned size and the write of the new one are one step (the spec's race).
 */
export function witnessServer(dir: WitnessDir, logs: readonly Vkey[], now: () => number): Server {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => {});
    return run;
  };
  return createServer(async (req, res) => {
    const send = (status: number, body: string, type = "text/plain; charset=utf-8") =>
      res.writeHead(status, { "content-type": type }).end(body);
    try {
      if (req.method === "POST" && req.url === "/add-checkpoint") {
        const body = await readBody(req);
        if (body === null) return send(400, "request too large\n");
        const answer = await serial(async () => {
          const a = await addCheckpoint(body, { logs, state: dir.readState(), me: dir.me, nowMs: now() });
          if (a.next) {
            const { origin, ...record } = a.next;
            const state = dir.readState();
            dir.writeState({ logs: { ...state.logs, [origin]: record } });
          }
          return a;
        });
        return send(answer.status, answer.body, answer.contentType);
      }
      const m = /^\/([0-9a-f]{64})\/checkpoint$/.exec(req.url ?? "");
      if (req.method === "GET" && m) {
        const log = Object.entries(dir.readState().logs).find(
          ([origin]) => sha256(origin).toString("hex") === m[1],
        );
        return log ? send(200, log[1].checkpoint) : send(404, "no checkpoint cosigned for that log\n");
      }
      return send(404, "not found\n");
    } catch {
      return send(500, "the witness failed\n");
    }
  });
}
