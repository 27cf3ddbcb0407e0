import { useSyncExternalStore } from "react";
import { loadSession, type Session, saveSession } from "./api/client.ts";

const listeners = new Set<() => void>();
let current = loadSession();

export function setSession(s: Session | null): void {
  saveSession(s);
  current = s;
  for (const l of listeners) l();
}

/** The signed-in member's session (this tab only: sessionStorage), or null. */
export function useSession(): Session | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
