// Card verbs → handlers. Each handler validates its own action data and returns the next card.
import type { Reply, VerbContext } from "../context";
import { help, menu } from "./menu";

export type VerbHandler = (ctx: VerbContext, data: unknown) => Promise<Reply>;

export const VERBS: Record<string, VerbHandler> = {
  menu,
  help,
};
