// How a message Løft sent is recorded where its readers look (a case's flags and notices, a check-in's sends), and the
// claim the channel's summary is updated under. Sending itself — once — is the outbox's (src/domain/outbox.ts).
import type { Delivery } from "./model";

export interface Deliverable {
  id: string;
  delivery?: Delivery;
}

/** How long a claim holds: longer than a send with the connector's own retries takes. */
export const CLAIM_MS = 60_000;

/** A claim still held by its holder (not yet lapsed). */
export const claimHeld = (claim: { at: string } | undefined, now: Date) => !!claim && Date.parse(claim.at) + CLAIM_MS > now.getTime();

/** The items with one's delivery recorded (and a claim of the older kind released); undefined if nothing changes. A sent one stays sent. */
export function withDelivery<T extends Deliverable & { claim?: unknown }>(items: readonly T[], id: string, delivery: Delivery): T[] | undefined {
  const d = items.find((x) => x.id === id);
  if (!d || d.delivery === "sent" || (d.delivery === delivery && !d.claim)) return undefined;
  return items.map((x) => (x.id === id ? { ...x, delivery, claim: undefined } : x));
}
