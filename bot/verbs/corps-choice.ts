// Someone in several corps of one tenant chooses which corps their personal chat with Løft works in: asked on their
// first turn (and whenever nothing says which), and offered as «Skift korps» on the menu. Each corps where they hold a
// role is a button by its name; pressing it (verb corps.set, the card naming the corps) is remembered by the turn
// shell (bot/turn.ts, src/store/identity.ts chooseCorps) and answered with that corps' menu.
import choiceTemplate from "../cards/corps-choice.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill, type Catalogue } from "../locale";
import type { CorpsOption } from "../../src/store/identity";

/** The choice's buttons: handled by the turn shell before the verb (which then shows the chosen corps' menu). */
export const CHOOSE_CORPS = "corps.set";

/** Which corps: one button per corps, by name; `current` said when switching. */
export function corpsChoiceCard(t: Catalogue, options: readonly CorpsOption[], current?: CorpsOption): Reply {
  return { card: render(choiceTemplate, { t, options, current: current ? fill(t.corps.current, { name: current.name }) : "" }) };
}

/** «Skift korps» on the menu: the member's corps, the one they work in now named. */
export async function corpsSwitch(ctx: VerbContext): Promise<Reply> {
  const current = { corpsId: ctx.who.corps.corpsId, name: ctx.who.corps.name };
  const options = [current, ...(ctx.who.otherCorps ?? [])].sort((a, b) => a.name.localeCompare(b.name, "da") || a.corpsId.localeCompare(b.corpsId));
  return corpsChoiceCard(ctx.t, options, current);
}
