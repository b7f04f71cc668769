// The layout probe (e2e/support/layoutProbe.ts) judged on pages built to trap it: it must report text on
// text, a button landing on a heading, content past the right edge and, on big screens, past any edge —
// and must stay quiet about tight CJK lines, hidden text, text a scroll container hides, a label on an
// opaque overlay layer and slanted chart labels. Without this the layout spec could pass by seeing nothing.
import { expect, type Page, test } from "@playwright/test";
import { type ProbeReport, probeLayout } from "../support/layoutProbe";

async function probe(page: Page, body: string, screen = false): Promise<ProbeReport> {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.setContent(
    `<!doctype html><html><head><style>body{margin:0;font:14px/1.2 sans-serif;color:#fff;background:#000}` +
      `.a{position:absolute}</style></head><body>${body}</body></html>`,
  );
  return page.evaluate(probeLayout, { screen, max: 10 });
}

const overlaps = (r: ProbeReport) => r.overlaps.worst;

test("text placed on text is reported with both texts and the size of the overlap", async ({ page }) => {
  const r = await probe(
    page,
    `<span class="a" style="left:10px;top:10px">平均确认时长</span><span class="a" style="left:30px;top:12px">平均处置时长</span>`,
  );
  expect(r.overlaps.total).toBe(1);
  expect(overlaps(r)[0]).toMatch(
    /^「平均处置时长」 \(span\.a\) overlaps 「平均确认时长」 \(span\.a\) by \d+×\d+ px at \(\d+, \d+\)$/,
  );
});

test("a button pushed onto the heading below it is reported", async ({ page }) => {
  const r = await probe(
    page,
    `<div><button data-testid="save" style="display:block;margin-bottom:-14px;background:#1f6feb;color:#fff;border:0;padding:6px">保存当前画面</button></div>` +
      `<div data-testid="tours">轮巡</div>`,
  );
  expect(r.overlaps.total).toBe(1);
  expect(overlaps(r)[0]).toContain("[data-testid=tours]");
  expect(overlaps(r)[0]).toContain("保存当前画面");
});

test("a half-transparent layer over text does not hide it", async ({ page }) => {
  const r = await probe(
    page,
    `<div>底层文字内容</div><div class="a" style="left:0;top:0;z-index:2;background:rgba(0,0,0,.5)">上层文字</div>`,
  );
  expect(r.overlaps.total).toBe(1);
});

test("tight CJK lines, hidden, screen-reader-only, cut and scrolled-away text, an opaque overlay: no collisions", async ({
  page,
}) => {
  const r = await probe(
    page,
    // Two inline runs wrapping at line-height 1 in a narrow column: glyph boxes overlap, line boxes do not.
    `<p style="width:120px;line-height:1;font-size:20px"><span>一分监区监舍内务</span><b>二分监区就餐秩序混乱</b></p>` +
      // Hidden in three ways, each on top of visible text.
      `<div style="position:relative;height:60px"><span>可见文字一</span>` +
      `<span class="a" style="left:0;top:0;visibility:hidden">隐藏文字</span>` +
      `<span class="a" style="left:0;top:0;opacity:0">透明文字</span>` +
      `<span class="a" style="left:0;top:0;display:none">不显示</span></div>` +
      // A scroll container: its second row is scrolled out of view, under the caption below it.
      `<div style="height:20px;overflow:auto"><div style="height:20px">第一行</div><div style="height:20px">第二行被滚动隐藏</div></div>` +
      `<div>容器下方的说明</div>` +
      // Screen-reader-only text over the bar's texts, and a name cut with an ellipsis beside its neighbour.
      `<div style="position:relative"><span>已连接</span><span style="position:absolute;left:0;top:0;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap">时区 UTC+8 北京时间</span></div>` +
      `<div style="display:flex;width:200px"><span style="width:60px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap">辽宁省女子监狱二监区</span><span>旁边</span></div>` +
      // An alarm tile over a grid tile: the overlay's opaque backing hides the label under it.
      `<div style="position:relative;height:80px"><span>一分监区操场</span>` +
      `<div class="a" style="left:0;top:0;width:200px;height:80px;z-index:5;background:#300">报警画面 周界入侵</div></div>`,
  );
  expect(overlaps(r)).toEqual([]);
});

test("slanted SVG axis labels side by side pass; two labels on one spot do not", async ({ page }) => {
  const labels = (xs: number[]) =>
    xs
      .map((x) => `<text transform="translate(${x},40) rotate(-45)" font-size="12" fill="#fff">沈阳第一监狱</text>`)
      .join("");
  const apart = await probe(page, `<svg width="400" height="120">${labels([40, 70, 100, 130])}</svg>`);
  expect(overlaps(apart)).toEqual([]);
  const stacked = await probe(page, `<svg width="400" height="120">${labels([40, 42])}</svg>`);
  expect(stacked.overlaps.total).toBe(1);
});

test("content past the right edge is reported, the same inside a scroll container is not", async ({ page }) => {
  const wide = await probe(page, `<div data-testid="map" style="width:1200px;height:20px">地图</div>`);
  expect(wide.scroll.width).toBe(1200);
  expect(wide.outside.worst).toEqual(["div[data-testid=map] 「地图」: right edge at 1200 > 800"]);
  const scrolled = await probe(page, `<div style="overflow-x:auto"><div style="width:1200px">宽表格</div></div>`);
  expect(scrolled.outside.worst).toEqual([]);
  expect(scrolled.scroll.width).toBe(800);
});

test("on a big screen anything below the bottom edge is outside; on a console it is a page that scrolls", async ({
  page,
}) => {
  const body = `<div style="height:500px"></div><div data-testid="ticker" style="height:200px">报警滚动</div>`;
  expect((await probe(page, body, false)).outside.worst).toEqual([]);
  const screen = await probe(page, body, true);
  expect(screen.outside.worst).toEqual(["div[data-testid=ticker] 「报警滚动」: bottom edge at 700 > 600"]);
});
