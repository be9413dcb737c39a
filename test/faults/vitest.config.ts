/**
 * `npm run test:faults`: the fault scenarios (test/faults/*.fault.ts), one file at a time so that
 * timings are not disturbed by another scenario, then one table of what they found.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/faults/**/*.fault.ts"],
    globalSetup: ["test/faults/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
