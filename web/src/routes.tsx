import { type ComponentType, lazy, Suspense } from "react";
import { createHashRouter } from "react-router";
import { Layout } from "./components/layout.tsx";
import { Loading } from "./components/status.tsx";
import { loadScreenStrings } from "./i18n/index.ts";
import { HomePage } from "./pages/home.tsx";
import { NotFoundPage } from "./pages/not-found.tsx";

// Each screen is its own chunk, so the first screen loads only the shell and the plans; a screen waits
// for the strings of the screens beyond the first (i18n/index.ts), fetched beside its chunk.
const lazyPage = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => {
  const Page: ComponentType = lazy(async () => {
    const [module] = await Promise.all([load(), loadScreenStrings()]);
    return { default: module[name] as ComponentType };
  });
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
};

/**
 * Hash routes (`/#/plans/x`): the API owns every path on this origin (`/plans/x` is JSON), so the
 * app's pages live after the `#` and never collide with a route (docs/web.md).
 */
export const router = createHashRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: "plans/:planId", element: lazyPage(() => import("./pages/plan.tsx"), "PlanPage") },
      { path: "plans/:planId/cycles", element: lazyPage(() => import("./pages/cycles.tsx"), "CyclesPage") },
      { path: "log", element: lazyPage(() => import("./pages/log.tsx"), "LogPage") },
      { path: "check", element: lazyPage(() => import("./pages/check.tsx"), "CheckPage") },
      { path: "sign-in", element: lazyPage(() => import("./pages/sign-in.tsx"), "SignInPage") },
      { path: "me", element: lazyPage(() => import("./pages/me.tsx"), "MePage") },
      { path: "join/:planId", element: lazyPage(() => import("./pages/join.tsx"), "JoinPage") },
      { path: "money", element: lazyPage(() => import("./pages/money.tsx"), "MoneyPage") },
      { path: "checkout", element: lazyPage(() => import("./pages/checkout.tsx"), "CheckoutPage") },
      { path: "inbox", element: lazyPage(() => import("./pages/inbox.tsx"), "InboxPage") },
      { path: "family", element: lazyPage(() => import("./pages/family.tsx"), "FamilyPage") },
      { path: "exit/:participationId", element: lazyPage(() => import("./pages/exit.tsx"), "ExitPage") },
      {
        path: "announcements",
        element: lazyPage(() => import("./pages/announcements.tsx"), "AnnouncementsIndexPage"),
      },
      {
        path: "plans/:planId/announcements",
        element: lazyPage(() => import("./pages/announcements.tsx"), "AnnouncementsPage"),
      },
      { path: "claims", element: lazyPage(() => import("./pages/claims.tsx"), "ClaimsPage") },
      { path: "claims/new", element: lazyPage(() => import("./pages/claims.tsx"), "ReportClaimPage") },
      { path: "claims/:claimId", element: lazyPage(() => import("./pages/claim.tsx"), "ClaimPage") },
      { path: "jury", element: lazyPage(() => import("./pages/jury.tsx"), "JuryPage") },
      { path: "jury/:claimId", element: lazyPage(() => import("./pages/jury.tsx"), "JuryCasePage") },
      { path: "proposals", element: lazyPage(() => import("./pages/proposals.tsx"), "ProposalsPage") },
      {
        path: "proposals/:proposalId",
        element: lazyPage(() => import("./pages/proposals.tsx"), "ProposalPage"),
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
