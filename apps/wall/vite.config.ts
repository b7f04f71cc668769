// Vite for the wall: React (JSX), @cw/protocol resolved from its TypeScript source, and in dev a
// proxy of /api (with the live WebSocket) and /hls to the gateway. No CDN: everything is bundled.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const gateway = process.env.CW_GATEWAY ?? "http://127.0.0.1:8080";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
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
  },
});
