import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, Outlet, useLocation } from "react-router";
import { type Language, languages, switchLanguage } from "../i18n/index.ts";
import { useSession } from "../session.ts";

type NavItem = { to: string; key: string };

/**
 * The nav on a phone: four tabs at the bottom within the thumb's reach and "more" for the rest, so
 * nothing scrolls sideways at 360 px; on a wider screen every link shows in one row at the top (the
 * "more" button is gone and its list inline).
 */
const signedOut: { tabs: NavItem[]; more: NavItem[] } = {
  tabs: [
    { to: "/", key: "nav.home" },
    { to: "/announcements", key: "nav.announcements" },
    { to: "/proposals", key: "proposals.nav" },
    { to: "/sign-in", key: "nav.signIn" },
  ],
  more: [
    { to: "/log", key: "nav.log" },
    { to: "/check", key: "nav.check" },
  ],
};
const signedIn: typeof signedOut = {
  tabs: [
    { to: "/", key: "nav.home" },
    { to: "/claims", key: "claims.nav" },
    { to: "/money", key: "money.nav" },
    { to: "/me", key: "nav.me" },
  ],
  more: [
    { to: "/announcements", key: "nav.announcements" },
    { to: "/inbox", key: "inbox.nav" },
    { to: "/jury", key: "jury.nav" },
    { to: "/proposals", key: "proposals.nav" },
    { to: "/log", key: "nav.log" },
    { to: "/check", key: "nav.check" },
  ],
};

/** "More": a button that opens the rest of the links; Escape or choosing one closes it. */
function MoreMenu({ items }: { items: NavItem[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const button = useRef<HTMLButtonElement>(null);
  // a link chosen (the route changed) closes the menu
  // biome-ignore lint/correctness/useExhaustiveDependencies: the location is the trigger
  useEffect(() => setOpen(false), [location.pathname]);
  const current = items.some((i) => location.pathname.startsWith(i.to));
  return (
    <li
      className="more"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className={`more-button${current ? " active" : ""}`}
        aria-expanded={open}
        aria-controls="more-links"
        onClick={() => setOpen(!open)}
      >
        {t("nav.more")}
      </button>
      <ul id="more-links" className={`more-links${open ? " open" : ""}`}>
        {items.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to}>{t(l.key)}</NavLink>
          </li>
        ))}
      </ul>
    </li>
  );
}

function Nav() {
  const { t } = useTranslation();
  const nav = useSession() ? signedIn : signedOut;
  return (
    <nav className="tabs" aria-label={t("nav.label")}>
      <ul>
        {nav.tabs.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.to === "/"}>
              {t(l.key)}
            </NavLink>
          </li>
        ))}
        <MoreMenu items={nav.more} />
      </ul>
    </nav>
  );
}

export function Layout() {
  const { t, i18n } = useTranslation();
  return (
    <div className="shell">
      <header className="top">
        <span className="brand">{t("app.name")}</span>
        <label className="lang">
          <span className="sr-only">{t("app.language")}</span>
          <select
            className="lang-select"
            value={i18n.language}
            onChange={(e) => switchLanguage(e.target.value as Language)}
            aria-label={t("app.language")}
          >
            {languages.map((l) => (
              <option key={l} value={l}>
                {t(`app.languages.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </header>
      <Nav />
      <main className="page">
        <Outlet />
      </main>
    </div>
  );
}
