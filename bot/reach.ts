// Reaching a member in their personal chat: the chat they have with Løft, or one Løft starts (possible once the app
// is in a team they are in). Notices, flags and check-ins all reach people this way.
import type { Corps, Delivery, Member } from "../src/domain/model";
import type { BotDeps, Messenger, Reply, SendOptions } from "./context";

/**
 * Sends `reply` to the member's personal chat; "unreachable" when neither a chat nor a way to start one is known.
 * `beforeRequest` runs when the request is about to leave (after pacing): a sender records there that it may have.
 */
export function createReach(deps: Pick<BotDeps, "repos"> & { messenger: Messenger }) {
  const { repos, messenger } = deps;
  return async function reach(corps: Corps | undefined, member: Member, reply: Reply, opts: SendOptions = {}): Promise<Delivery> {
    if (member.conversation) {
      const outcome = await messenger.send(member.conversation, reply, opts);
      if (outcome === "gone") await forgetConversation(deps, member.corpsId, member.aadObjectId);
      return outcome;
    }
    if (!member.teamsUserId || !corps?.serviceUrl || !corps.botId) return "unreachable";
    const started = await messenger.startChat({ serviceUrl: corps.serviceUrl, tenantId: corps.tenantId, botId: corps.botId, userId: member.teamsUserId }, reply, opts);
    if (started.conversation) {
      const fresh = (await repos.members.get(member.corpsId, member.aadObjectId)) ?? member;
      await repos.members.upsert({ ...fresh, conversation: started.conversation });
    }
    return started.outcome;
  };
}
export type Reach = ReturnType<typeof createReach>;

/** The bot was removed or blocked by a member: stop trying their chat until they talk to Løft again. */
async function forgetConversation(deps: Pick<BotDeps, "repos">, corpsId: string, aadObjectId: string) {
  const member = await deps.repos.members.get(corpsId, aadObjectId);
  if (member?.conversation) {
    const { conversation: _gone, ...rest } = member;
    await deps.repos.members.upsert(rest);
  }
}
