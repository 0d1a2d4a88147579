// Messages kept on a case until Teams has taken them (a coordinator's flags, a coach's notices): each is sent once.
// Before sending, a sender claims the undelivered ones with a random token (an ETag-checked write of the case), so a
// replayed submission, the durable job or another instance running at the same moment leaves them alone; a claim
// whose sender died lapses after CLAIM_MS and the job takes over.
import type { Delivery } from "./model";

export interface Deliverable {
  id: string;
  delivery?: Delivery;
  claim?: { token: string; at: string };
}

/** How long a claim holds: longer than a send with the connector's own retries takes. */
export const CLAIM_MS = 60_000;

export const undelivered = (d: Deliverable) => d.delivery === undefined || d.delivery === "failed";

/** A claim still held by its sender (not yet lapsed). */
export const claimHeld = (claim: { at: string } | undefined, now: Date) => !!claim && Date.parse(claim.at) + CLAIM_MS > now.getTime();

/** The items with the undelivered, unclaimed ones that `pick` selects claimed by `token`; undefined if there are none. */
export function withClaims<T extends Deliverable>(items: readonly T[], pick: (d: T) => boolean, token: string, now: Date): T[] | undefined {
  const free = (d: T) => !claimHeld(d.claim, now);
  const ids = new Set(items.filter((d) => pick(d) && undelivered(d) && free(d)).map((d) => d.id));
  if (ids.size === 0) return undefined;
  const claim = { token, at: now.toISOString() };
  return items.map((d) => (ids.has(d.id) ? { ...d, claim } : d));
}

/** The items with one's delivery recorded (and its claim released); undefined if nothing changes. A sent one stays sent. */
export function withDelivery<T extends Deliverable>(items: readonly T[], id: string, delivery: Delivery): T[] | undefined {
  const d = items.find((x) => x.id === id);
  if (!d || d.delivery === "sent" || (d.delivery === delivery && !d.claim)) return undefined;
  return items.map((x) => (x.id === id ? { ...x, delivery, claim: undefined } : x));
}
