/** An engine on a FakeProvider, registered as the model `fake/model` (and the default id). */
import { Engine, type EngineOptions } from "../../core/engine/executor";
import { MemoryCallCache } from "../../core/engine/cache";
import { ModelRegistry } from "../../core/providers/models";
import { FakeProvider, type FakeProviderOptions } from "./fake-provider";

export function fakeEngine(providerOptions: FakeProviderOptions = {}, engineOptions: Partial<EngineOptions> = {}) {
  const provider = new FakeProvider(providerOptions);
  const cache = new MemoryCallCache();
  const models = new ModelRegistry([
    { id: "local/stories260k", provider: "replay", model: "fake-default", maxConcurrency: 64 },
    { id: "fake/model", provider: "replay", model: "fake", maxConcurrency: 64, priceInPerMTok: 1, priceOutPerMTok: 2 },
  ]);
  const engine = new Engine({ providers: () => provider, models, cache, partialIntervalMs: 0, ...engineOptions });
  return { engine, provider, cache };
}
