import Fastify from "fastify";
import { tell } from "./load-processes.ts";

/**
 * The load benchmark's baseline: a bare Fastify route (no hooks, no logging, no database), in a process
 * of its own like the server. Prints its port, then serves until SIGTERM.
 */
const app = Fastify({ logger: false });
app.get("/", async () => ({ hello: "world" }));
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
tell({ port: typeof address === "object" ? address?.port : 0 });
process.on("SIGTERM", () => {
  void app.close().then(() => process.exit(0));
});
