import { request } from "node:http";
import Fastify from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { installWriteGate } from "../../src/http/write-gate.ts";

// Issue 20 (load): at most `max` mutations run at once in a process, the rest wait in memory; reads
// are never held. Each POST's handler waits until the test lets it go.

function gatedApp(max: number) {
  const app = Fastify({ logger: false });
  installWriteGate(app, max);
  const started: string[] = [];
  const release = new Map<string, () => void>();
  app.post("/w/:id", async (req) => {
    const { id } = req.params as { id: string };
    started.push(id);
    await new Promise<void>((r) => release.set(id, r));
    return { id };
  });
  app.get("/r", async () => ({ read: true }));
  return { app, started, release };
}

const tick = () => new Promise((r) => setTimeout(r, 20));
async function until(cond: () => boolean) {
  for (let i = 0; i < 250 && !cond(); i++) await tick();
}

describe("the write gate", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it("runs `max` mutations at once, the next when one answers, in order; a read passes meanwhile", async () => {
    const { app, started, release } = gatedApp(2);
    close = () => app.close();
    const a = app.inject({ method: "POST", url: "/w/a" });
    const b = app.inject({ method: "POST", url: "/w/b" });
    const c = app.inject({ method: "POST", url: "/w/c" });
    await until(() => started.length >= 2);
    await tick();
    expect(started).toEqual(["a", "b"]);
    // a read is not held behind the waiting write
    expect((await app.inject({ method: "GET", url: "/r" })).json()).toEqual({ read: true });
    expect(started).toEqual(["a", "b"]);
    release.get("b")!();
    expect((await b).json()).toEqual({ id: "b" });
    await until(() => started.length === 3);
    expect(started).toEqual(["a", "b", "c"]);
    release.get("a")!();
    release.get("c")!();
    expect((await a).statusCode).toBe(200);
    expect((await c).statusCode).toBe(200);
    // every place was given back: two more run at once
    const d = app.inject({ method: "POST", url: "/w/d" });
    const e = app.inject({ method: "POST", url: "/w/e" });
    await until(() => started.length === 5);
    expect(started.slice(3).sort()).toEqual(["d", "e"]);
    release.get("d")!();
    release.get("e")!();
    await Promise.all([d, e]);
  });

  it("gives the place back when the client goes away before the answer", async () => {
    const { app, started, release } = gatedApp(1);
    close = () => app.close();
    const url = new URL(await app.listen({ port: 0, host: "127.0.0.1" }));
    const gone = request({ host: url.hostname, port: url.port, method: "POST", path: "/w/x" });
    gone.on("error", () => {});
    gone.end();
    await until(() => started.length === 1);
    gone.destroy();
    const next = app.inject({ method: "POST", url: "/w/y" });
    await until(() => started.length === 2);
    expect(started).toEqual(["x", "y"]);
    release.get("y")!();
    expect((await next).json()).toEqual({ id: "y" });
    release.get("x")!();
  });

  it("a client that goes away while waiting is never run and leaks no place (the load benchmark's stuck top-ups)", async () => {
    // max 1: x runs; z waits, then its client goes; x answers: z is skipped, y runs, then w beside nobody
    const { app, started, release } = gatedApp(1);
    close = () => app.close();
    const url = new URL(await app.listen({ port: 0, host: "127.0.0.1" }));
    const x = app.inject({ method: "POST", url: "/w/x" });
    await until(() => started.length === 1);
    const z = request({ host: url.hostname, port: url.port, method: "POST", path: "/w/z" });
    z.on("error", () => {});
    z.end();
    await tick();
    await tick();
    z.destroy();
    await tick();
    const y = app.inject({ method: "POST", url: "/w/y" });
    await tick();
    release.get("x")!();
    expect((await x).statusCode).toBe(200);
    await until(() => started.length === 2);
    expect(started).toEqual(["x", "y"]);
    release.get("y")!();
    expect((await y).json()).toEqual({ id: "y" });
    // the place came back: the next write runs at once
    const w = app.inject({ method: "POST", url: "/w/w" });
    await until(() => started.length === 3);
    expect(started).toEqual(["x", "y", "w"]);
    release.get("w")!();
    expect((await w).statusCode).toBe(200);
  });
});
