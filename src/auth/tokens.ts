// The tab's bearer tokens (Teams SSO): the signature against the issuer's keys (JWKS), the issuer for the token's
// tenant, the audience (our app id URI), the scope `access_as_user`, and the time — checked with `jose`. Who the caller
// is comes from `oid` + `tid`. Local mode runs the very same checks against a dev issuer whose key pair lives in the
// data folder, so `npm run dev-token` can sign tokens for the demo users.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTVerifyGetKey } from "jose";
import type { Clock } from "../domain/clock";
import { Guid } from "../domain/model";

export const SCOPE = "access_as_user";

/** Why a token was refused (logged; the caller only sees 401). */
export class TokenRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "TokenRefused";
  }
}

export interface Caller {
  tenantId: string;
  aadObjectId: string;
}

export interface VerifierOptions {
  keys: JWTVerifyGetKey;
  /** The issuers a token of this tenant may come from. */
  issuersFor: (tenantId: string) => string[];
  /** One audience, or several a token may carry (Entra v2 tokens name the app's client id, v1 its app id URI). */
  audience: string | string[];
  clock: Clock;
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Caller>;

export function createTokenVerifier(opts: VerifierOptions): TokenVerifier {
  return async (authorization) => {
    const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization ?? "");
    if (!m) throw new TokenRefused(authorization ? "malformed" : "missing");
    let payload;
    try {
      ({ payload } = await jwtVerify(m[1], opts.keys, {
        audience: opts.audience,
        algorithms: ["RS256"],
        currentDate: opts.clock(),
        clockTolerance: 60,
        requiredClaims: ["exp", "iat", "iss", "tid", "oid"],
      }));
    } catch (e) {
      throw new TokenRefused((e as { code?: string }).code ?? "invalid");
    }
    const tid = Guid.safeParse(payload.tid);
    const oid = Guid.safeParse(payload.oid);
    if (!tid.success || !oid.success) throw new TokenRefused("identity");
    if (!opts.issuersFor(tid.data).includes(String(payload.iss))) throw new TokenRefused("issuer");
    const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
    if (!scopes.includes(SCOPE)) throw new TokenRefused("scope");
    return { tenantId: tid.data.toLowerCase(), aadObjectId: oid.data.toLowerCase() };
  };
}

/** Microsoft Entra ID: its published keys, v2.0 and v1 issuers of the token's own tenant. */
export function entraVerifier(audience: string | string[], clock: Clock): TokenVerifier {
  return createTokenVerifier({
    keys: createRemoteJWKSet(new URL("https://login.microsoftonline.com/common/discovery/v2.0/keys")),
    issuersFor: (tid) => [`https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`],
    audience,
    clock,
  });
}

// ── Local mode: a dev issuer ─────────────────────────────────────────────────────────────────────

export const DEV_ISSUER = "https://loft.local/dev-issuer";
const devIssuerFor = (tid: string) => `${DEV_ISSUER}/${tid}/v2.0`;

/** The dev issuer's key pair, made on first use and kept in the data folder (private key: this machine only). */
export async function devKeys(dataDir: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const file = path.join(dataDir, "dev-issuer.json");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const kid = randomUUID();
    const keys = { privateJwk: { ...(await exportJWK(privateKey)), kid, alg: "RS256" }, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(keys), { mode: 0o600 });
    // Two processes making the key at once: the first rename wins, and both read what is there.
    if (!existsSync(file)) renameSync(tmp, file);
    else rmSync(tmp, { force: true });
  }
  return JSON.parse(readFileSync(file, "utf8"));
}

export async function devVerifier(dataDir: string, audience: string | string[], clock: Clock): Promise<TokenVerifier> {
  const { publicJwk } = await devKeys(dataDir);
  return createTokenVerifier({ keys: createLocalJWKSet({ keys: [publicJwk] }), issuersFor: (tid) => [devIssuerFor(tid)], audience, clock });
}

/** A token from the dev issuer, shaped like Teams' SSO token (v2.0: `tid`, `oid`, `scp`, `aud`). */
export async function devToken(
  dataDir: string,
  opts: { aadObjectId: string; tenantId: string; audience: string; name?: string; now?: Date; lifetimeSeconds?: number; scope?: string },
): Promise<string> {
  const { privateJwk } = await devKeys(dataDir);
  const key = await importJWK(privateJwk, "RS256");
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ tid: opts.tenantId, oid: opts.aadObjectId, scp: opts.scope ?? SCOPE, name: opts.name ?? "", ver: "2.0" })
    .setProtectedHeader({ alg: "RS256", kid: privateJwk.kid, typ: "JWT" })
    .setIssuer(devIssuerFor(opts.tenantId))
    .setAudience(opts.audience)
    .setSubject(opts.aadObjectId)
    .setIssuedAt(now)
    .setNotBefore(now - 60)
    .setExpirationTime(now + (opts.lifetimeSeconds ?? 3600))
    .sign(key);
}
