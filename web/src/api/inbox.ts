import { useQuery } from "@tanstack/react-query";
import { api, need } from "./client.ts";

/** The member's inbox (GET /notifications): one query, shared by every screen that reads it. */
export const useInbox = (enabled = true) =>
  useQuery({ queryKey: ["inbox"], queryFn: () => need(api.GET("/notifications")), enabled });

/** The inbox's line per cycle share of the member's own (a guardian's inbox also lists the dependants'). */
export function useOwnCharges() {
  const inbox = useInbox();
  return (inbox.data?.cycleCharges ?? []).filter((c) => c.dependant === null);
}
