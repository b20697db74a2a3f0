/**
 * The worker side: builds the studio service when the host sends `init`, answers requests,
 * forwards every pushed event, reports key changes, and closes on `close`.
 */
import { toApiError } from "../errors";
import { createStudioService, type StudioService } from "../service";
import { MirrorSecretStore } from "./mirror-secret-store";
import type { FromWorker, MessagePortLike, ToWorker } from "./protocol";

export function serveInWorker(port: MessagePortLike<ToWorker, FromWorker>): void {
  let service: StudioService | undefined;
  const post = (message: FromWorker): void => port.postMessage(message);

  port.on("message", (message) => {
    switch (message.type) {
      case "init": {
        try {
          const { kind, cwd, secrets } = message.options;
          const store = new MirrorSecretStore(secrets, (name, value) => post(value === undefined ? { type: "secret", name } : { type: "secret", name, value }));
          service = createStudioService({ kind, cwd, secrets: store });
          service.subscribe((event) => post({ type: "event", message: event }));
          post({ type: "ready" });
        } catch (error) {
          post({ type: "fatal", message: toApiError(error).message });
        }
        return;
      }
      case "request": {
        const { id, channel, input } = message;
        if (service === undefined) {
          post({ type: "response", id, result: { ok: false, error: { code: "internal", message: `${channel}: the engine worker is not initialised` } } });
          return;
        }
        // handle() never throws: it answers with a Result, already redacted.
        void service.handle(channel, input).then((result) => post({ type: "response", id, result }));
        return;
      }
      case "close":
        void (service?.close() ?? Promise.resolve()).finally(() => post({ type: "closed" }));
        return;
    }
  });
}
