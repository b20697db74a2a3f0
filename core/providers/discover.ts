/**
 * `itasca models discover`: asks the well-known local ports on 127.0.0.1 which models they
 * serve (`/v1/models`, and Ollama's `/api/tags`). Local only: nothing else is ever probed.
 */
import type { DiscoveredServer } from "../api/outputs";
import type { ModelEntry } from "../api/schemas";
import { ENDPOINT_PRESETS, type EndpointPreset } from "./endpoints";

export interface DiscoverOptions {
  /** Extra base URLs to probe (on this machine), e.g. `http://127.0.0.1:9000/v1`. @default none */
  extraUrls?: string[];
  /** Per-probe timeout. @default 1500 */
  timeoutMs?: number;
}

export async function discoverLocalServers(options: DiscoverOptions = {}): Promise<DiscoveredServer[]> {
  const timeoutMs = options.timeoutMs ?? 1500;
  for (const url of options.extraUrls ?? []) {
    if (!isLoopback(url)) throw new Error(`discover probes this machine only; ${url} is not a 127.0.0.1, localhost or [::1] address`);
  }
  const targets: EndpointPreset[] = [
    ...ENDPOINT_PRESETS.filter((p) => p.local),
    ...(options.extraUrls ?? []).map((baseUrl) => ({ id: "server", label: "OpenAI-compatible server", provider: "openai-compatible" as const, baseUrl: baseUrl.replace(/\/+$/, ""), local: true })),
  ];
  const found = await Promise.all(targets.map((t) => probe(t, timeoutMs)));
  return found.filter((s): s is DiscoveredServer => s !== undefined);
}

async function probe(target: EndpointPreset, timeoutMs: number): Promise<DiscoveredServer | undefined> {
  const models = new Set<string>();
  const openai = await getJson(`${target.baseUrl}/models`, timeoutMs);
  const data = (openai as { data?: { id?: unknown }[] } | undefined)?.data;
  if (Array.isArray(data)) for (const m of data) if (typeof m.id === "string") models.add(m.id);
  if (target.ollamaTags) {
    const tags = await getJson(`${target.baseUrl.replace(/\/v1$/, "")}/api/tags`, timeoutMs);
    const list = (tags as { models?: { name?: unknown }[] } | undefined)?.models;
    if (Array.isArray(list)) for (const m of list) if (typeof m.name === "string") models.add(m.name);
  }
  if (openai === undefined && models.size === 0) return undefined;
  return { preset: target.id, label: target.label, baseUrl: target.baseUrl, models: [...models] };
}

async function getJson(url: string, timeoutMs: number): Promise<unknown> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return undefined;
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/** Registry entries for what was found: ids `<preset>/<model>`. */
export function entriesFor(servers: readonly DiscoveredServer[]): ModelEntry[] {
  return servers.flatMap((s) => s.models.map((model) => ({ id: `${s.preset}/${model.replace(/^.*[\\/]/, "")}`, provider: "openai-compatible" as const, baseUrl: s.baseUrl, model })));
}

export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}
