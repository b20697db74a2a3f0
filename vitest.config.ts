import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Builds the renderer when stale, once, before any end-to-end test drives it.
    globalSetup: ["tests/global-setup.ts"],
    // Real-model and real-process tests load native code: keep workers few on small machines.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
