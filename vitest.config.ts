import { defineConfig } from "vitest/config";

// One runner for every package's unit and integration tests. Integration tests use real parts
// (ffmpeg, node-media-server, redis-server); scripts/test.mjs provisions them first.
export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
  },
});
