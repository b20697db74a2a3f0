/**
 * Reading a request body under a size limit and answering with JSON: shared by the studio's
 * bridge and `itasca serve`, the two HTTP servers on 127.0.0.1.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The body as text, or undefined when it is over `maxBytes`. Past the limit the rest is
 * drained, not kept, so the caller can still answer 413.
 */
export function readBodyWithin(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    request.on("end", () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** A JSON reply that no cache keeps (replies carry run results and registry data). */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers });
  response.end(JSON.stringify(body));
}
