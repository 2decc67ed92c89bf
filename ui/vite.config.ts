/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The Tauri shell loads ui/dist in builds and this dev server (fixed port) under `tauri dev`.
export default defineConfig({
  plugins: [react()],
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
