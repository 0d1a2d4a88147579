// Prints a tab token from the local dev issuer for a user (local mode only), on its last line:
//   npm run dev-token -- --user <aadObjectId> [--tenant <tenantId>] [--minutes 60]
// The app checks it exactly as it checks Teams' SSO tokens (src/auth/tokens.ts). Uses DATA_DIR (default .data): the
// dev issuer's key pair lives there, so run it against the same data folder as `npm start`.
import { devToken } from "../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../src/config";
import { DEMO } from "../src/domain/demo";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const user = arg("user");
  if (!user) {
    console.error("usage: npm run dev-token -- --user <aadObjectId> [--tenant <tenantId>] [--minutes 60]");
    console.error(`demo users: leader ${DEMO.leader}, coordinator ${DEMO.coordinator}, mentor ${DEMO.mentor}`);
    process.exit(2);
  }
  const token = await devToken(process.env.DATA_DIR || ".data", {
    aadObjectId: user,
    tenantId: arg("tenant") ?? DEMO.tenantId,
    audience: process.env.TAB_AUDIENCE || LOCAL_AUDIENCE,
    lifetimeSeconds: Number(arg("minutes") ?? 60) * 60,
  });
  console.log(token);
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
