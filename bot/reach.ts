// Reaching a member in their personal chat: the chat they have with Løft, or one Løft starts (possible once the app
// is in a team they are in). Notices, flags and check-ins all reach people this way.
import type { Corps, Delivery, Member } from "../src/domain/model";
import type { BotDeps, Messenger, Reply } from "./context";
import { forgetConversation } from "./verbs/shared";

/**
 * Sends `replies` in order to the member's personal chat; "unreachable" when neither a chat nor a way to start one
 * is known. The first outcome other than "sent" stops the rest.
 */
export function createReach(deps: Pick<BotDeps, "repos"> & { messenger: Messenger }) {
  const { repos, messenger } = deps;
  return async function reach(corps: Corps | undefined, member: Member, replies: Reply | readonly Reply[]): Promise<Delivery> {
    const list = Array.isArray(replies) ? replies : [replies as Reply];
    let conversation = member.conversation;
    let i = 0;
    if (!conversation) {
      if (!member.teamsUserId || !corps?.serviceUrl || !corps.botId) return "unreachable";
      const started = await messenger.startChat({ serviceUrl: corps.serviceUrl, tenantId: corps.tenantId, botId: corps.botId, userId: member.teamsUserId }, list[0]);
      if (started.conversation) {
        conversation = started.conversation;
        const fresh = (await repos.members.get(member.corpsId, member.aadObjectId)) ?? member;
        await repos.members.upsert({ ...fresh, conversation });
      }
      if (started.outcome !== "sent" || !conversation) return started.outcome;
      i = 1;
    }
    for (; i < list.length; i++) {
      const outcome = await messenger.send(conversation, list[i]);
      if (outcome === "gone") await forgetConversation(deps, member.corpsId, member.aadObjectId);
      if (outcome !== "sent") return outcome;
    }
    return "sent";
  };
}
export type Reach = ReturnType<typeof createReach>;
