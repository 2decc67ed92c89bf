/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

/**
 * The window freezes Object.prototype (Tauri's `freezePrototype`), and in strict code assigning
 * a property that a frozen prototype also has throws. ECharts' scheduler copies every name of a
 * class's prototype onto a plain object when it loads, `constructor` included (enumerable, as
 * tslib's inheritance sets it), so the chart chunk threw and the window went blank. This defines
 * those properties instead of assigning them; the build fails if ECharts changes that code.
 */
function echartsUnderFrozenPrototype(): Plugin {
  const file = "/echarts/lib/core/Scheduler.js";
  const assignment = "target[name_1] = noop;";
  return {
    name: "echarts-under-frozen-prototype",
    enforce: "pre",
    transform(code, id) {
      if (!id.replaceAll("\\", "/").endsWith(file)) return null;
      if (!code.includes(assignment)) throw new Error(`${file} changed: check that charts load under a frozen Object.prototype`);
      return code.replace(
        assignment,
        "Object.defineProperty(target, name_1, { value: noop, writable: true, enumerable: true, configurable: true });",
      );
    },
  };
}

// The Tauri shell loads ui/dist in builds and this dev server (fixed port) under `tauri dev`.
export default defineConfig({
  plugins: [react(), echartsUnderFrozenPrototype()],
  // Served as they are in `tauri dev`, so the plugin above applies there too.
  optimizeDeps: { exclude: ["echarts"] },
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "safari16", chunkSizeWarningLimit: 2000 },
  test: {
    environment: "jsdom",
    setupFiles: ["src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    // Typing into Ant Design forms is slow on a busy two-core machine; speed is not tested here.
    testTimeout: 60_000,
  },
});
