// The wall survives a gateway restart: screen 1's state is logged, so after a restart /screen/1 shows
// the same wall. While the gateway is away an open screen says so (screen-offline) and restores itself
// when it is back; a reload then shows the same wall. Runs its own gateway (it restarts it).

import { expect, login, PASSWORD, test } from "../support/fixtures";
import { type GatewayProcess, removeDataDir, startGateway } from "../support/gateway";
import { dropExpected, expectTilesPlaying, openPage, tileCameras, warmCameras } from "./wall.support";

const four = ["ly1-gate", "wfd-b1-s1-yard", "yk-b2-s2-cell", "fx-perimeter-e"];
let gw: GatewayProcess | null = null;

test.beforeAll(async ({ playwright }) => {
  gw = await startGateway();
  const request = await playwright.request.newContext();
  try {
    await warmCameras(
      request,
      gw.url,
      four.map((id) => [id, "main"] as const),
      PASSWORD,
    );
  } finally {
    await request.dispose();
  }
});

test.afterAll(async () => {
  if (!gw) return;
  await gw.stop();
  removeDataDir(gw);
  gw = null;
});

test("a screen rides out a gateway restart and a reload shows the same wall", async ({
  page,
  context,
  consoleErrors,
}) => {
  let g = gw!;
  await login(page, g.url, "commander");
  const put = await page.request.put(`${g.url}/api/v1/wall/screens/1`, { data: { layoutId: "4", tiles: four } });
  expect(put.ok()).toBe(true);
  const screen = await openPage(context, g.url, "/screen/1");
  await expect(screen.getByTestId("screen-1")).toHaveAttribute("data-cameras", four.join(","));
  await expectTilesPlaying(screen, 4);
  await page.close();
  expect(consoleErrors).toEqual([]);

  const restarting = g.restart();
  await expect(screen.getByTestId("screen-offline")).toBeVisible({ timeout: 20_000 });
  g = await restarting;
  gw = g;
  // Back by itself: the overlay goes, the same cameras play again.
  await expect(screen.getByTestId("screen-offline")).toHaveCount(0, { timeout: 20_000 });
  await expect(screen.getByTestId("screen-1")).toHaveAttribute("data-cameras", four.join(","));
  await expectTilesPlaying(screen, 4);
  // Requests in flight when the gateway stopped were cut, and the socket's reconnect attempts and the
  // players' retries failed while it was down: the browser logs each. Nothing else may appear.
  dropExpected(
    consoleErrors,
    /net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE|SOCKET_NOT_CONNECTED)|WebSocket connection to .* failed|status of 50[34]/,
  );

  await screen.reload();
  await expect(screen.getByTestId("screen-1")).toHaveAttribute("data-cameras", four.join(","));
  expect(await tileCameras(screen)).toEqual(four);
  await expectTilesPlaying(screen, 4);
});
