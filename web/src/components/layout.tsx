import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import { type Language, languages, switchLanguage } from "../i18n/index.ts";
import { useSession } from "../session.ts";

const links = [
  { to: "/", key: "nav.home" },
  { to: "/log", key: "nav.log" },
  { to: "/check", key: "nav.check" },
  { to: "/proposals", key: "proposals.nav" },
] as const;

// the member's own screens, shown once signed in
const memberLinks = [
  { to: "/claims", key: "claims.nav" },
  { to: "/jury", key: "jury.nav" },
] as const;

function AccountLink() {
  const { t } = useTranslation();
  const session = useSession();
  return session ? (
    <>
      {memberLinks.map((l) => (
        <NavLink key={l.to} to={l.to}>
          {t(l.key)}
        </NavLink>
      ))}
      <NavLink to="/me">{t("nav.me")}</NavLink>
      <NavLink to="/money">{t("money.nav")}</NavLink>
      <NavLink to="/inbox">{t("inbox.nav")}</NavLink>
    </>
  ) : (
    <NavLink to="/sign-in">{t("nav.signIn")}</NavLink>
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
      <nav className="tabs" aria-label={t("nav.label")}>
        {links.map((l) => (
          <NavLink key={l.to} to={l.to} end>
            {t(l.key)}
          </NavLink>
        ))}
        <AccountLink />
      </nav>
      <main className="page">
        <Outlet />
      </main>
    </div>
  );
}
