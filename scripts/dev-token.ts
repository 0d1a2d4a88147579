// Prints a tab token from the local dev issuer for a user (local mode only), on its last line:
//   npm run dev-token -- --user <aadObjectId> [--tenant <tenantId>] [--minutes 60] [--url http://127.0.0.1:3978]
// The app checks it exactly as it checks Teams' SSO tokens (src/auth/tokens.ts). Uses DATA_DIR (default .data): the
// dev issuer's key pair lives there, so run it against the same data folder as `npm start`. The token is minted for
// the running app's time (its /healthz says it; CLOCK_START moves it), so it is valid for the app whatever day it is.
import { devToken } from "../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../src/config";
import { DEMO } from "../src/domain/demo";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** The running app's clock, or undefined when no app answers at `url`. */
async function appTime(url: string): Promise<Date | undefined> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
    const { time } = (await res.json()) as { time?: string };
    return time ? new Date(time) : undefined;
  } catch {
    return undefined;
  }
}

async function main() {
  const user = arg("user");
  if (!user) {
    console.error("usage: npm run dev-token -- --user <aadObjectId> [--tenant <tenantId>] [--minutes 60] [--url http://127.0.0.1:3978]");
    console.error(`demo users: leader ${DEMO.leader}, coordinator ${DEMO.coordinator}, mentor ${DEMO.mentor}`);
    process.exit(2);
  }
  const url = arg("url") ?? `http://127.0.0.1:${process.env.PORT || 3978}`;
  const now = await appTime(url);
  if (!now) console.error(`No Løft answers at ${url}: the token is minted for this machine's clock.`);
  const token = await devToken(process.env.DATA_DIR || ".data", {
    aadObjectId: user,
    tenantId: arg("tenant") ?? DEMO.tenantId,
    audience: process.env.TAB_AUDIENCE || LOCAL_AUDIENCE,
    lifetimeSeconds: Number(arg("minutes") ?? 60) * 60,
    now,
  });
  console.log(token);
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
