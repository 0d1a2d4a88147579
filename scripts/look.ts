// Screenshots of Løft in Microsoft's local Teams client (Agents Playground) in headless Chromium, desktop and
// phone sized, so a person can look at what practitioners see. Usage (app and playground running):
//   npx tsx scripts/look.ts <playground-url> <out-dir> [text to send ...]
import { appendFile } from "node:fs/promises";
import path from "node:path";
import { launchChromium } from "../test/helpers/browser";

async function main() {
  const [url = "http://127.0.0.1:56150", out = "/tmp/look", ...steps] = process.argv.slice(2);
  // The playground's own layout is desktop only; "phone" narrows the cards to a phone's card width (~350 px).
  for (const [name, cardWidth] of [
    ["desktop", undefined],
    ["phone", 350],
  ] as const) {
    const viewport = { width: 1280, height: 2600 }; // tall: the newest card fits whole
    const ctx = await launchChromium({ viewport });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(url);
    await page.waitForTimeout(1500);
    if (cardWidth) await page.addStyleTag({ content: `.ac-adaptiveCard { width: ${cardWidth}px !important; max-width: ${cardWidth}px !important; }` });
    let i = 0;
    for (const step of steps.length ? steps : ["hej"]) {
      if (/^click\d+:/.test(step)) {
        // the n-th such button on the newest card, from 1 (e.g. a case in a list): "click3:Åbn"
        const [, n, name] = /^click(\d+):(.*)$/.exec(step)!;
        await page.locator(".ac-adaptiveCard").last().getByRole("button", { name }).nth(Number(n) - 1).click();
      } else if (step.startsWith("click:")) {
        await page.getByRole("button", { name: step.slice(6) }).last().click();
      } else if (step.startsWith("fill:")) {
        const [label, ...value] = step.slice(5).split("=");
        await page.getByLabel(label, { exact: false }).last().fill(value.join("="));
        continue;
      } else if (step.startsWith("check:")) {
        await page.getByRole("checkbox", { name: step.slice(6) }).last().check();
        continue;
      } else if (step.startsWith("radio:")) {
        await page.getByRole("radio", { name: step.slice(6), exact: true }).last().check();
        continue;
      } else if (step.startsWith("select:")) {
        const [label, option] = step.slice(7).split("=");
        await page.getByRole("combobox", { name: label }).last().click();
        await page.getByRole("option", { name: option, exact: true }).click();
        continue;
      } else if (step.startsWith("wait:")) {
        await page.waitForTimeout(Number(step.slice(5)) * 1000); // e.g. for a scheduled message to arrive
      } else if (step.startsWith("page:")) {
        // the whole page (e.g. to find the playground's channel view), then click what follows, if anything
        await page.screenshot({ path: path.join(out, `${name}-page-${i}.png`) });
        if (step.length > 5) await page.getByText(step.slice(5), { exact: true }).last().click();
        await page.waitForTimeout(1500);
        await page.screenshot({ path: path.join(out, `${name}-page-${i}b.png`) });
        continue;
      } else if (step.startsWith("scroll:")) {
        await page.mouse.move(viewport.width / 2, viewport.height / 2);
        await page.mouse.wheel(0, Number(step.slice(7)));
      } else {
        await page.getByRole("textbox").last().fill(step);
        await page.getByRole("button", { name: "Send Message" }).click();
      }
      await page.waitForTimeout(1500);
      // the newest card, whole (element screenshots are not cut by the viewport)
      const card = page.locator(".ac-adaptiveCard").last();
      await card.screenshot({ path: path.join(out, `${name}-${++i}.png`) });
      // what a reader faces: the card's height and the words on it (labels, texts, buttons)
      const words = (await card.innerText()).split(/\s+/).filter(Boolean).length;
      const height = Math.round((await card.boundingBox())?.height ?? 0);
      await appendFile(path.join(out, "stats.txt"), `${name}-${i}\t${height} px\t${words} words\t${step}\n`);
    }
    await ctx.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
