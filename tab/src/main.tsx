// The leaders' tab: in Teams (channel tab, personal tab, meeting side panel and stage) it takes the Teams theme,
// locale and SSO token; outside Teams (local mode, a plain browser) it offers a sign-in as one of the demo users.
import { FluentProvider, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, Button, Dropdown, Option, Field, Title2, Body1 } from "@fluentui/react-components";
import { app, authentication } from "@microsoft/teams-js";
import { useState } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createApi } from "./api";
import { strings } from "./strings";

const themes = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme } as const;
type ThemeName = keyof typeof themes;
const params = new URLSearchParams(location.search);
const root = createRoot(document.getElementById("root")!);

/** On the meeting stage, read from across a room: every text size a step larger. */
const STAGE_TYPE = {
  fontSizeBase100: "14px",
  fontSizeBase200: "16px",
  fontSizeBase300: "18px",
  fontSizeBase400: "20px",
  fontSizeBase500: "24px",
  fontSizeBase600: "28px",
  lineHeightBase100: "18px",
  lineHeightBase200: "22px",
  lineHeightBase300: "26px",
  lineHeightBase400: "28px",
  lineHeightBase500: "32px",
  lineHeightBase600: "36px",
};

/** The page's language is the tab's (a screen reader reads the English tab as English, not with Danish sounds). */
function setLanguage(lang: "da" | "en") {
  document.documentElement.lang = lang;
  document.title = strings[lang].pageTitle;
}

function render(theme: ThemeName, node: JSX.Element, stage = false) {
  const chosen = stage ? { ...themes[theme], ...STAGE_TYPE } : themes[theme];
  document.body.style.background = chosen.colorNeutralBackground2;
  document.body.style.color = chosen.colorNeutralForeground1;
  root.render(<FluentProvider theme={chosen} style={{ background: "transparent" }}>{node}</FluentProvider>);
}

function SignIn(props: { users: Array<{ aadObjectId: string; tenantId: string; name: string; roles: string[]; corps: string[] }>; lang: "da" | "en"; onToken: (t: string) => void }) {
  const t = strings[props.lang];
  const [chosen, setChosen] = useState<string | undefined>(props.users.find((u) => u.roles.includes("leader"))?.aadObjectId ?? props.users[0]?.aadObjectId);
  const signIn = async () => {
    const res = await fetch("../api/dev/token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ aadObjectId: chosen, tenantId: props.users.find((u) => u.aadObjectId === chosen)?.tenantId }) });
    if (res.ok) props.onToken((await res.json()).token);
  };
  return (
    <main style={{ maxWidth: "32rem", margin: "2rem auto", display: "grid", gap: "1rem" }} data-ready="true">
      <Title2 as="h1">{t.signInTitle}</Title2>
      <Body1>{t.signInText}</Body1>
      <Field label={t.signIn}>
        <Dropdown aria-label={t.signIn} clearButton={{ "aria-label": t.clearSelection }} value={props.users.find((u) => u.aadObjectId === chosen)?.name ?? ""} selectedOptions={chosen ? [chosen] : []} onOptionSelect={(_, d) => d.optionValue && setChosen(d.optionValue)}>
          {props.users.map((u) => <Option key={u.aadObjectId} value={u.aadObjectId} text={u.name}>{`${u.name} (${u.roles.join(", ")}) · ${u.corps.join(", ")}`}</Option>)}
        </Dropdown>
      </Field>
      <Button appearance="primary" onClick={() => void signIn()}>{t.signIn}</Button>
    </main>
  );
}

async function start() {
  try {
    await app.initialize();
    const ctx = await app.getContext();
    const lang = ctx.app.locale.toLowerCase().startsWith("en") ? "en" : "da";
    const stage = ctx.page.frameContext === "meetingStage";
    setLanguage(lang);
    const themeOf = (name?: string): ThemeName => (name === "dark" ? "dark" : name === "contrast" ? "contrast" : "default");
    // In a team (a channel tab, a channel meeting) the figures are that team's corps'.
    const api = createApi(() => authentication.getAuthToken(), { teamId: ctx.team?.internalId });
    const show = (theme: ThemeName) => render(theme, <App api={api} t={strings[lang]} lang={lang} stage={stage} />, stage);
    show(themeOf(ctx.app.theme));
    app.registerOnThemeChangeHandler((name) => show(themeOf(name)));
  } catch {
    // Outside Teams (at top level initialize() rejects within milliseconds): local mode's sign-in, if the server offers it.
    const lang = params.get("lang") === "en" ? "en" : "da";
    setLanguage(lang);
    const theme = (params.get("theme") as ThemeName) in themes ? (params.get("theme") as ThemeName) : "default";
    const stage = params.get("stage") === "1";
    const res = await fetch("../api/dev/users").catch(() => undefined);
    if (!res?.ok) {
      render(theme, <main data-ready="true"><Body1>{strings[lang].unauthorized}</Body1></main>);
      return;
    }
    const { users } = await res.json();
    render(theme, <SignIn users={users} lang={lang} onToken={(token) => render(theme, <App api={createApi(async () => token)} t={strings[lang]} lang={lang} stage={stage} />, stage)} />);
  }
}

void start();
