import { createHashRouter } from "react-router";
import { Layout } from "./components/layout.tsx";
import { HomePage } from "./pages/home.tsx";
import { NotFoundPage } from "./pages/not-found.tsx";

/**
 * Hash routes (`/#/plans/x`): the API owns every path on this origin (`/plans/x` is JSON), so the
 * app's pages live after the `#` and never collide with a route (docs/web.md).
 */
export const router = createHashRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
