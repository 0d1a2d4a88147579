// What an incoming Bot Framework activity must hold before it reaches botbuilder and our turn: the parts both rely
// on, checked with zod. Anything else Teams sends (and it sends much more) passes through untouched. A body that is
// not a usable activity is answered 400 with the paths that are wrong — never its values.
import { z } from "zod";

/** An optional string Teams may also send as null. */
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

const Account = z.object({ id: z.string().min(1), name: optionalText, aadObjectId: optionalText }).passthrough();

const HttpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), "must be an http(s) URL");

export const IncomingActivity = z
  .object({
    type: z.string().min(1),
    id: optionalText,
    channelId: z.string().min(1),
    serviceUrl: HttpUrl,
    from: Account,
    recipient: Account,
    conversation: z.object({ id: z.string().min(1), conversationType: optionalText, tenantId: optionalText }).passthrough(),
    text: optionalText,
    locale: optionalText,
    name: optionalText,
    channelData: z.record(z.unknown()).nullish().transform((v) => v ?? undefined),
    membersAdded: z.array(Account).nullish().transform((v) => v ?? undefined),
    membersRemoved: z.array(Account).nullish().transform((v) => v ?? undefined),
  })
  .passthrough();
export type IncomingActivity = z.infer<typeof IncomingActivity>;

export type ParsedActivity = { ok: true; activity: IncomingActivity } | { ok: false; issues: string[] };

export function parseActivity(body: unknown): ParsedActivity {
  const got = IncomingActivity.safeParse(body);
  if (got.success) return { ok: true, activity: got.data };
  const issues = got.error.issues.slice(0, 10).map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
  return { ok: false, issues };
}
