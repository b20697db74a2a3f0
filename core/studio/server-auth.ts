/**
 * The web studio's request checks: loopback binding, the Host header (against DNS rebinding)
 * and the per-session token (against any other page or process on the machine).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** The only addresses the studio binds to; it can read files and use keys, so never the network. */
export const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "localhost", "::1"];

export class HostRefusedError extends Error {
  constructor(host: string) {
    super(`itasca studio binds to 127.0.0.1 only; refusing host "${host}": the studio reads and writes files and uses your API keys, so it must not be reachable from other machines (use 127.0.0.1, localhost or ::1)`);
    this.name = "HostRefusedError";
  }
}

/** The address to listen on; `localhost` is pinned to 127.0.0.1 so it never resolves elsewhere. */
export function bindAddress(host: string): string {
  if (!LOOPBACK_HOSTS.includes(host)) throw new HostRefusedError(host);
  return host === "::1" ? "::1" : "127.0.0.1";
}

/** A fresh random token per server: 24 bytes, base64url. */
export function newToken(): string {
  return randomBytes(24).toString("base64url");
}

/** Hashing first gives equal lengths, so the comparison takes the same time whatever the input. */
export function tokenMatches(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(token).digest();
  return timingSafeEqual(a, b);
}

/** The Host header values a browser sends for this server; anything else is a rebinding attempt. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function hostAllowed(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && allowedHosts(port).has(host);
}

/** A WebSocket from a page on another origin is refused even with the token. */
export function originAllowed(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true; // not a browser: the token alone decides
  try {
    return allowedHosts(port).has(new URL(origin).host.toLowerCase());
  } catch {
    return false;
  }
}

export const COOKIE_PREFIX = "itasca_token_";

export interface TokenSources {
  /** `?token=` in the URL. */
  query?: boolean;
  /** `Authorization: Bearer` or `x-itasca-token`. */
  header?: boolean;
  /** The cookie set by the page load, which is how the page's scripts and styles authenticate. */
  cookie?: boolean;
}

/** The first token the request carries in one of the allowed places. */
export function requestToken(request: IncomingMessage, url: URL, port: number, sources: TokenSources): string | undefined {
  if (sources.header) {
    const auth = request.headers.authorization;
    if (auth?.toLowerCase().startsWith("bearer ")) return auth.slice(7).trim();
    const header = request.headers["x-itasca-token"];
    if (typeof header === "string") return header;
  }
  if (sources.query) {
    const query = url.searchParams.get("token");
    if (query !== null) return query;
  }
  if (sources.cookie) {
    const name = `${COOKIE_PREFIX}${port}=`;
    for (const part of (request.headers.cookie ?? "").split(";")) {
      const trimmed = part.trim();
      if (trimmed.startsWith(name)) return trimmed.slice(name.length);
    }
  }
  return undefined;
}

/** HttpOnly and SameSite=Strict: scripts cannot read it and other sites cannot make the browser send it. */
export function tokenCookie(token: string, port: number): string {
  return `${COOKIE_PREFIX}${port}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}
