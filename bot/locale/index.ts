import { da, type Catalogue } from "./da";
import { en } from "./en";

export type Lang = "da" | "en";
export type { Catalogue };

/** Danish first; English when Teams says the user's locale is English. */
export function langOf(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith("en") ? "en" : "da";
}

export function catalogue(lang: Lang): Catalogue {
  return lang === "en" ? en : da;
}

/** Fills `{name}` placeholders. */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
