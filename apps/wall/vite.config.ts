// Vite for the wall: React (JSX), @cw/protocol resolved from its TypeScript source, and in dev a
// proxy of /api (with the live WebSocket) and /hls to the gateway. No CDN: everything is bundled.
import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const gateway = process.env.CW_GATEWAY ?? "http://127.0.0.1:8080";

/**
 * src/boot.ts as its own small entry, run before the app's bundle: its script tag goes first in <head>
 * (in dev the source itself). Bundled into the app's entry it would run only after ~1 MB had loaded.
 */
function bootFirst(): Plugin {
  return {
    name: "cw-boot-first",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const built = Object.values(ctx.bundle ?? {}).find((c) => c.type === "chunk" && c.isEntry && c.name === "boot");
        const src = ctx.bundle ? (built ? `/${built.fileName}` : null) : "/src/boot.ts";
        if (src === null) throw new Error("vite: the boot entry was not built");
        return [{ tag: "script", attrs: { type: "module", crossorigin: true, src }, injectTo: "head-prepend" }];
      },
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), bootFirst()],
  server: {
    host: "127.0.0.1",
    port: 5173,
    proxy: {
      "/api": { target: gateway, ws: true, changeOrigin: false },
      "/hls": { target: gateway, changeOrigin: false },
    },
  },
  preview: { host: "127.0.0.1" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { index: resolve(import.meta.dirname, "index.html"), boot: resolve(import.meta.dirname, "src/boot.ts") },
    },
  },
});
