// What an incoming Bot Framework activity must hold before it reaches botbuilder and our turn: the parts both rely
// on, checked with zod. Anything else Teams sends (and it sends much more) passes through untouched. A body that is
// not a usable activity is answered 400 with the paths that are wrong — never its values.
import { z } from "zod";
import { storableId } from "../src/domain/model";

/** An optional string Teams may also send as null. */
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

/** An id Løft keys documents by (a Teams identity, tenant or team): one the store can hold, or the activity is refused. */
const KeyId = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined)
  .refine((v) => v === undefined || storableId(v), "not an id the store can hold");

const Account = z.object({ id: z.string().min(1), name: optionalText, aadObjectId: KeyId }).passthrough();

const HttpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), "must be an http(s) URL");

/** Teams' channel data: free-form, but the tenant id we resolve members with must be a string when it is there. */
const ChannelData = z
  .object({ tenant: z.object({ id: KeyId }).passthrough().nullish(), team: z.object({ id: KeyId }).passthrough().nullish() })
  .passthrough()
  .nullish()
  .transform((v) => v ?? undefined);

export const IncomingActivity = z
  .object({
    type: z.string().min(1),
    id: optionalText,
    channelId: z.string().min(1),
    serviceUrl: HttpUrl,
    from: Account,
    recipient: Account,
    conversation: z.object({ id: z.string().min(1), conversationType: optionalText, tenantId: KeyId }).passthrough(),
    text: optionalText,
    value: z.unknown().optional(),
    locale: optionalText,
    name: optionalText,
    channelData: ChannelData,
    membersAdded: z.array(Account).nullish().transform((v) => v ?? undefined),
    membersRemoved: z.array(Account).nullish().transform((v) => v ?? undefined),
  })
  // Unknown fields pass; zod drops own "__proto__" keys (JSON.parse makes them) on every object it checks.
  .passthrough();
export type IncomingActivity = z.infer<typeof IncomingActivity>;

export type ParsedActivity =
  | { ok: true; activity: IncomingActivity }
  /** issues: "path: zod's message" for the answer; paths: for the log. Neither holds a value from the body. */
  | { ok: false; issues: string[]; paths: string[] };

const MAX_ISSUES = 10;

export function parseActivity(body: unknown): ParsedActivity {
  const got = IncomingActivity.safeParse(body);
  if (got.success) return { ok: true, activity: got.data };
  const wrong = got.error.issues.slice(0, MAX_ISSUES);
  const paths = wrong.map((i) => i.path.join(".") || "(body)");
  return { ok: false, issues: wrong.map((i, n) => `${paths[n]}: ${i.message}`), paths };
}
