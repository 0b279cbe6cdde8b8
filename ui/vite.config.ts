/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs: Tauri serves ui/dist through its own custom protocol,
  // and the screenshot script serves it from an arbitrary local port.
  base: "./",
  // Tauri's dev command expects a fixed port and should not have it silently changed.
  server: { port: 1420, strictPort: true },
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The WebViews Tauri 2 supports (WebView2, WebKitGTK 2.40+, Safari 15+) all handle ES2021.
    target: "es2021",
    // The bundle is read from local disk by the WebView, not downloaded, so one ~550 kB
    // chunk costs nothing worth splitting for.
    chunkSizeWarningLimit: 1024,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    testTimeout: 15_000,
  },
});
