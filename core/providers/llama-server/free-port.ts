/** Ports on 127.0.0.1: one the OS picks as free, and whether a given one is free. */
import { createServer } from "node:net";

/** Binds `port` (0: any) on 127.0.0.1 and releases it; resolves to the port bound. */
function bindOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const bound = typeof address === "object" && address ? address.port : undefined;
      server.close(() => (bound ? resolve(bound) : reject(new Error("the OS gave no port"))));
    });
  });
}

/** A TCP port free on 127.0.0.1 right now, for servers that must be told their port. */
export function freePort(): Promise<number> {
  return bindOnce(0);
}

/** Whether nothing listens on `port` of 127.0.0.1. */
export function portIsFree(port: number): Promise<boolean> {
  return bindOnce(port).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") return false;
      throw error;
    },
  );
}
