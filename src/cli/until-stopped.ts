/** Resolves once the process is asked to stop (Ctrl+C, or SIGTERM from a supervisor), after `stop`. */
export function untilStopped(stop: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const shutdown = () => {
      void stop().then(resolve);
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
  });
}
