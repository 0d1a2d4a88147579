// The tab in headless Chromium, as its end-to-end tests drive it: signing in (local mode's dev sign-in), the page
// fitting its window, and axe-core's accessibility rules.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { launchChromium } from "./browser";

const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Opens the tab and signs in as the person whose name matches `who` (Danish, or English with `lang=en` in `query`). */
export async function signInTab(page: Page, appUrl: string, who: RegExp, query = ""): Promise<void> {
  const button = query.includes("lang=en") ? "Sign in" : "Log ind";
  await page.goto(`${appUrl}/tab/${query}`);
  await page.getByRole("combobox", { name: button }).click();
  await page.getByRole("option", { name: who }).click();
  await page.getByRole("button", { name: button }).click();
  await page.locator('main[data-ready="true"] h1').filter({ hasText: "·" }).waitFor({ timeout: 30_000 });
}

/** Nothing on the page is wider than the window. */
export async function fitsWidth(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** axe-core's WCAG 2.0/2.1 A and AA rules and best practices on the page as it is (Fluent's focus guards excepted, as in a11y.test.ts). */
export async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ["violations"], elementRef: true });
    return r.violations.flatMap((v: any) =>
      v.nodes.filter((n: any) => !(v.id === "aria-hidden-focus" && n.element?.hasAttribute("data-tabster-dummy"))).map((n: any) => `${v.id}: ${v.help} — ${n.target.join(" ")}`),
    );
  });
}

/**
 * The page in Teams' dark and high-contrast themes at a desktop's width and a meeting side panel's 320 px: `visit`
 * opens it (with the theme's query) and calls `check` where axe should look; each look, and the page's width, is
 * checked. What axe found, named by where; a screenshot at 320 px goes to /tmp/`shot`-<theme>-320.png.
 */
export async function acrossThemes(shot: string, visit: (page: Page, query: string, check: (where?: string) => Promise<void>) => Promise<void>): Promise<string[]> {
  const found: string[] = [];
  for (const theme of ["dark", "contrast"])
    for (const width of [1280, 320]) {
      const ctx = await launchChromium({ viewport: { width, height: 900 } });
      try {
        const page = ctx.pages()[0] ?? (await ctx.newPage());
        await visit(page, `?theme=${theme}`, async (where) => {
          found.push(...(await axe(page)).map((v) => `${where ? `${where} ` : ""}(${theme}, ${width} px): ${v}`));
        });
        await fitsWidth(page);
        if (width === 320) await page.screenshot({ path: `/tmp/${shot}-${theme}-320.png`, fullPage: true });
      } finally {
        await ctx.close();
      }
    }
  return found;
}
