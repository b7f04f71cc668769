// The bureau's calendar at its midnight, in a browser in another time zone (issue 12): the gateway's clock
// is set (CLOCK_OFFSET_MS) to 2 minutes before the bureau's midnight, then — same event log, gateway
// restarted — to 2 minutes after it. Each time, every page that shows or defaults a date (the shell's
// clock, reports, the overview's "today", the roll-call board, the inspection, the duty queue's times)
// must follow the gateway's calendar (the session's tzOffsetMin and now), not the browser's zone or
// clock: this browser's own clock is the real one, hours away from the gateway's. After midnight a
// browser in UTC or Los Angeles is still on the bureau's yesterday: the reports bug of issue 12.

import { zAlarmView, zSessionInfo } from "@cw/protocol";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { postFeed, Session } from "../../scripts/demo/client";
import { addDays, bureauClock, offsetToBureauMidnight } from "../support/clock";
import { PASSWORD } from "../support/fixtures";
import { type GatewayProcess, removeDataDir, startGateway } from "../support/gateway";
import { logIn } from "../support/pages";

const zones = ["UTC", "America/Los_Angeles"] as const;

for (const timezoneId of zones) {
  test.describe(`browser in ${timezoneId}`, () => {
    test.describe.configure({ mode: "serial" });
    let gw: GatewayProcess | undefined;
    let url = "";
    let offset = 0;
    let page: Page;
    let sent = 0;

    /** (Re)starts the gateway at `minutes` from the bureau's next midnight; returns the bureau's date there. */
    async function gatewayAt(minutes: number): Promise<string> {
      offset = offsetToBureauMidnight(Date.now(), minutes);
      const env = { SIM: "0", FEED_SIM: "0", CLOCK_OFFSET_MS: String(offset) };
      if (gw) await gw.stop();
      gw = await startGateway(env, gw);
      url = gw.url;
      const info = await (await Session.open(url, "commander", PASSWORD)).get("/api/v1/session", zSessionInfo);
      expect(info.tzOffsetMin, "the session tells the bureau's offset").toBe(480);
      const { date, hhmm } = bureauClock(info.now, info.tzOffsetMin);
      const want = minutes < 0 ? ["23:57", "23:58", "23:59"] : ["00:01", "00:02", "00:03"];
      expect(want, `the gateway's clock (session.now) reads ${date} ${hhmm}`).toContain(hhmm);
      return date;
    }

    async function alarm(): Promise<string> {
      const record = { sourceId: `midnight-${timezoneId}-${++sent}`, type: "fighting", severity: 2, blockId: "pj-b1" };
      return (await postFeed(url, "pj", "alarms", { ...record, occurredAt: Date.now() + offset - 1000 }, offset)).id;
    }

    async function openAs(browser: Browser): Promise<void> {
      page = await (await browser.newContext({ timezoneId })).newPage();
      await logIn(page, url, "commander", PASSWORD);
    }

    /** Every page's idea of "today" is `day`; the reports count `total` alarms on `day` (the inspection
     *  page comes last: its offline cameras raise video-loss alarms once watched). */
    async function pagesSay(day: string, total: number): Promise<void> {
      await expect(page.getByTestId("bureau-clock")).toHaveAttribute("data-date", day);
      await page.goto(`${url}/reports`);
      await expect(page.getByTestId("report-date")).toHaveValue(day);
      const row = page.getByTestId("report-row-province-alarms.total");
      await expect(row).toHaveAttribute("data-current", String(total));
      await page.goto(`${url}/overview`);
      await expect(page.getByTestId("kf-alarms-total")).toContainText(String(total));
      await page.goto(`${url}/rollcalls`);
      await expect(page.getByTestId("rollcall-date")).toHaveValue(day);
      await page.goto(`${url}/inspection`);
      await expect(page.getByTestId("inspection-verify-link")).toHaveAttribute("href", `/inspection/verify/${day}`);
    }

    /** The duty queue shows the alarm at the bureau's time of day, whatever the browser's zone. */
    async function dutyShowsBureauTime(id: string): Promise<void> {
      const s = await Session.open(url, "commander", PASSWORD);
      const a = await s.get(`/api/v1/alarms/${id}`, zAlarmView);
      await page.goto(`${url}/duty`);
      const times = [a.occurredAt, a.raisedAt].map((t) => bureauClock(t).hhmm);
      await expect(page.getByTestId(`alarm-row-${id}`)).toContainText(new RegExp(times.join("|")));
    }

    test.afterAll(async () => {
      await page?.context().close();
      await gw?.stop();
      if (gw) removeDataDir(gw);
    });

    test("2 minutes before the bureau's midnight: today is the bureau's today", async ({ browser }) => {
      const day = await gatewayAt(-2);
      const id = await alarm();
      await openAs(browser);
      await pagesSay(day, 1);
      await dutyShowsBureauTime(id);
    });

    test("2 minutes after it (same log, gateway restarted): a new, empty day; yesterday keeps its alarm", async ({
      browser,
    }) => {
      const day = await gatewayAt(2);
      await page.context().close();
      await openAs(browser);
      await pagesSay(day, 0);
      const id = await alarm();
      // By type: the inspection page's cameras are offline here (SIM=0), so watching them raised video-loss
      // alarms too; the fighting alarms are the ones this spec posted, one a day.
      const fighting = page.getByTestId("report-row-province-alarms.type.fighting");
      await page.goto(`${url}/reports`);
      await expect(fighting).toHaveAttribute("data-current", "1");
      await page.getByTestId("report-date").fill(addDays(day, -1));
      await expect(page.getByTestId("report-date")).toHaveValue(addDays(day, -1));
      await expect(fighting).toHaveAttribute("data-current", "1");
      await dutyShowsBureauTime(id);
    });
  });
}
