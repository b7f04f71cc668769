// Serves the built wall (apps/wall/dist) at / with an SPA fallback: any GET that is not an API, HLS or
// ops path and is not a file answers index.html, so /screen/1 or /unit load the app. Without a build,
// / answers a short text saying how to make one. Public: the login screen must load without a session.
import { statSync } from "node:fs";
import { join, normalize, sep } from "node:path";
import { AppError } from "@cw/protocol";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

const reserved = /^\/(api|hls)(\/|$)|^\/(metrics|healthz)$/;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export async function wallStatic(app: FastifyInstance, wallDir: string): Promise<void> {
  const built = isFile(join(wallDir, "index.html"));
  if (built) await app.register(fastifyStatic, { root: wallDir, serve: false });

  app.get("/*", { config: { auth: "public" } }, async (req, reply) => {
    const path = decodeURIComponent(req.url.split("?")[0] ?? "/");
    if (reserved.test(path)) throw new AppError("not_found", `no route GET ${path}`);
    if (!built) {
      return reply
        .type("text/plain; charset=utf-8")
        .send("Command Wall gateway is running, but the wall is not built: run `npm run build`, then reload.\n");
    }
    const rel = normalize(path).replace(/^[/\\]+/, "");
    const file = join(wallDir, rel);
    if (rel !== "" && file.startsWith(wallDir + sep) && isFile(file)) {
      // Vite names assets by content hash: they never change, so they may be cached for good.
      const immutable = rel.startsWith(`assets${sep}`);
      return reply.sendFile(rel, { immutable, maxAge: immutable ? 31_536_000_000 : 0 });
    }
    return reply.header("cache-control", "no-cache").sendFile("index.html", { maxAge: 0 });
  });
}
