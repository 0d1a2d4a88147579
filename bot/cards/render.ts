// Cards are data: JSON templates with ${...} bindings, expanded with adaptivecards-templating.
// Templates hold layout only; what to show is decided in src/domain and the flows.
import { Template } from "adaptivecards-templating";
import type { Catalogue } from "../locale";

export type CardJson = Record<string, unknown> & { type: "AdaptiveCard"; version: string };

export function render(template: object, data: Record<string, unknown> & { t: Catalogue }): CardJson {
  return new Template(template).expand({ $root: data }) as CardJson;
}
