// What a person sees, measured in the page: the visible text boxes and which ones sit on top of each
// other, what sticks out past the viewport, where the shell's bar is. Runs inside Chromium through
// page.evaluate, so it is ONE self-contained function: no imports, no helpers outside it.
// Owns the geometry rules (what counts as visible, clipped, occluded). Never: changes the page, except a
// style that makes every element hit-testable while it measures, removed before it returns.

export interface ProbeOptions {
  /** Big-screen output: also flag anything past the bottom or left/top edges. */
  screen: boolean;
  /** How many overlaps / overflows to describe (the total is always counted). */
  max: number;
}

export interface ProbeReport {
  viewport: { width: number; height: number };
  scroll: { width: number; height: number };
  bar: { count: number; top: number; bottom: number } | null;
  texts: number;
  overlaps: { total: number; worst: string[] };
  outside: { total: number; worst: string[] };
}

export function probeLayout(opts: ProbeOptions): ProbeReport {
  type Box = { l: number; t: number; r: number; b: number };
  const INF: Box = { l: -1e9, t: -1e9, r: 1e9, b: 1e9 };
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const cut = (a: Box, b: Box): Box | null => {
    const r = { l: Math.max(a.l, b.l), t: Math.max(a.t, b.t), r: Math.min(a.r, b.r), b: Math.min(a.b, b.b) };
    return r.r > r.l && r.b > r.t ? r : null;
  };
  const boxOf = (r: DOMRect): Box => ({ l: r.left, t: r.top, r: r.right, b: r.bottom });
  const styles = new Map<Element, CSSStyleDeclaration>();
  const css = (el: Element) => {
    let s = styles.get(el);
    if (s === undefined) {
      s = getComputedStyle(el);
      styles.set(el, s);
    }
    return s;
  };
  const root = (el: Element | null) => el === null || el === document.documentElement || el === document.body;

  // The ancestor whose overflow can clip `el`: the parent, or for positioned boxes their containing block.
  const containerOf = (el: Element): Element | null => {
    const pos = css(el).position;
    let a = el.parentElement;
    if (pos !== "absolute" && pos !== "fixed") return a;
    for (; a !== null; a = a.parentElement) {
      const s = css(a);
      const makesBlock = s.transform !== "none" || s.filter !== "none" || /paint|layout/.test(s.contain);
      if (makesBlock || (pos === "absolute" && s.position !== "static")) return a;
    }
    return null;
  };
  // The part of the page an element can paint into: its containers' overflow clips, intersected.
  const NONE: Box = { l: 0, t: 0, r: 0, b: 0 };
  // What an element lets its content paint into: its padding box on each axis its overflow clips, nothing
  // at all under a CSS `clip` rectangle or a `clip-path` inset (the visually-hidden / sr-only patterns).
  const clipBox = (c: Element): Box => {
    const s = css(c);
    if ((s.clip !== "auto" && s.clip !== "") || /inset\(50%/.test(s.clipPath)) return NONE;
    const clipsX = s.overflowX !== "visible" || /paint/.test(s.contain);
    const clipsY = s.overflowY !== "visible" || /paint/.test(s.contain);
    if (!clipsX && !clipsY) return INF;
    const r = c.getBoundingClientRect();
    return {
      l: clipsX ? r.left + c.clientLeft : INF.l,
      t: clipsY ? r.top + c.clientTop : INF.t,
      r: clipsX ? r.left + c.clientLeft + c.clientWidth : INF.r,
      b: clipsY ? r.top + c.clientTop + c.clientHeight : INF.b,
    };
  };
  // The part of the page an element can paint into: its containers' clips, intersected.
  const clips = new Map<Element, Box>();
  const clipOf = (el: Element): Box => {
    const known = clips.get(el);
    if (known !== undefined) return known;
    const c = containerOf(el);
    const out = c === null || root(c) ? INF : (cut(clipOf(c), clipBox(c)) ?? NONE);
    clips.set(el, out);
    return out;
  };
  /** Where an element's own text can show: its containers' clips and its own. */
  const textClip = (el: Element): Box => cut(clipOf(el), clipBox(el)) ?? NONE;
  const seen = (el: Element) =>
    el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true });
  const name = (el: Element): string => {
    const own = `${el.tagName.toLowerCase()}${typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}`;
    const tagged = el.closest("[data-testid]");
    const id = tagged?.getAttribute("data-testid");
    return tagged === el ? `${own}[data-testid=${id}]` : id ? `[data-testid=${id}] ${own}` : own;
  };
  const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

  // 1. Visible text: one box per line of each text node (and the text of form fields), clipped, and cut to
  // the line height so the glyph boxes of tight CJK lines do not count as touching their neighbours. Text
  // on a small painted box of its own (a button, a chip, a badge) counts as that whole box: a button
  // landing on a heading covers it even where the two sets of glyphs do not touch.
  // quad: the corners of a rotated SVG label (chart axis labels), so slanted neighbours whose upright
  // bounding boxes overlap are not taken for a collision.
  type Pt = { x: number; y: number };
  type Text = { el: Element; node: Node; text: string; box: Box; quad?: Pt[] };
  const texts: Text[] = [];
  const painted = (el: Element, text: string, line: number): Element | null => {
    for (let x: Element | null = el, up = 0; x !== null && up < 3; x = x.parentElement, up++) {
      if ((x.textContent ?? "").replace(/\s+/g, " ").trim() !== text) return null;
      const s = css(x);
      const chip =
        /^(BUTTON|A|LABEL)$/.test(x.tagName) || x.getAttribute("role") === "button" || /inline/.test(s.display);
      const paints = !/rgba\(.*,\s*0\)$|transparent/.test(s.backgroundColor) || Number.parseFloat(s.borderTopWidth) > 0;
      if (chip && paints && x.getBoundingClientRect().height <= 3 * line) return x;
    }
    return null;
  };
  const chips = new Set<Element>();
  const skip = "script,style,noscript,template,title,option,select,textarea";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    const text = (n.nodeValue ?? "").replace(/\s+/g, " ").trim();
    const el = n.parentElement;
    if (text === "" || el === null || el.closest(skip) !== null || el.closest("svg") !== null || !seen(el)) continue;
    const s = css(el);
    if (Number.parseFloat(s.fontSize) < 1 || /rgba\(.*,\s*0\)$|transparent/.test(s.color)) continue;
    const lh = Number.parseFloat(s.lineHeight);
    const chip = painted(el, text, Number.isFinite(lh) ? lh : Number.parseFloat(s.fontSize) * 1.5);
    if (chip !== null) {
      const visible = chip.getClientRects().length > 0 ? cut(boxOf(chip.getBoundingClientRect()), clipOf(chip)) : null;
      if (!chips.has(chip) && visible !== null) texts.push({ el: chip, node: chip, text, box: visible });
      chips.add(chip);
      continue;
    }
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.width < 2 || r.height < 2) continue;
      const box = boxOf(r);
      if (Number.isFinite(lh) && lh < r.height) {
        box.t += (r.height - lh) / 2;
        box.b = box.t + lh;
      }
      const visible = cut(box, textClip(el));
      if (visible !== null && visible.r - visible.l >= 2 && visible.b - visible.t >= 2) {
        texts.push({ el, node: n, text, box: visible });
      }
    }
  }
  for (const el of document.querySelectorAll<SVGTextElement>("svg text")) {
    const text = (el.textContent ?? "").trim();
    if (text === "" || !seen(el)) continue;
    const visible = cut(boxOf(el.getBoundingClientRect()), textClip(el));
    const m = el.getScreenCTM();
    if (visible === null || m === null) continue;
    const b = el.getBBox();
    const at = (x: number, y: number) => ({ x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f });
    const quad = [at(b.x, b.y), at(b.x + b.width, b.y), at(b.x + b.width, b.y + b.height), at(b.x, b.y + b.height)];
    texts.push({ el, node: el, text, box: visible, quad });
  }
  for (const el of document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
    "input:not([type=hidden],[type=checkbox],[type=radio],[type=range],[type=color],[type=file]),select,textarea",
  )) {
    const text = el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.text ?? "") : el.value || el.placeholder;
    if (text.trim() === "" || !seen(el)) continue;
    const visible = cut(boxOf(el.getBoundingClientRect()), clipOf(el));
    if (visible !== null) texts.push({ el, node: el, text: text.trim(), box: visible });
  }

  // 2. Text over text. A pair counts when their boxes share more than 2 px each way, unless at the middle
  // of the shared area the lower text is hidden under a deliberate layer: an opaque box inside a
  // positioned element with a z-index (a dialog, a menu, the alarm tile over the screen's grid, a sticky
  // header over scrolled rows). An opaque box in the normal flow that lands on text (a button pushed over
  // a heading) is the collision this looks for, so it does not hide anything here.
  const hitAll = document.createElement("style");
  hitAll.textContent = "*{pointer-events:auto!important}";
  document.head.append(hitAll);
  const opaque = (el: Element) => {
    if (/^(IMG|VIDEO|CANVAS|IFRAME)$/.test(el.tagName)) return true;
    const s = css(el);
    const m = /rgba?\(([^)]+)\)/.exec(s.backgroundColor);
    const alpha = m === null ? 0 : m[1]!.split(",").length === 4 ? Number(m[1]!.split(",")[3]) : 1;
    return alpha >= 0.9 || s.backgroundImage !== "none";
  };
  const layered = (e: Element, under: Element) => {
    for (let x: Element | null = e; x !== null && !x.contains(under); x = x.parentElement) {
      const s = css(x);
      if (/absolute|fixed|sticky/.test(s.position) && s.zIndex !== "auto") return true;
      if (x.matches("dialog[open], :popover-open")) return true;
    }
    return false;
  };
  // Separating-axis test of two convex quads, each first shrunk by 1 px towards its centre (tolerance).
  const quadOf = (t: Text): Pt[] =>
    t.quad ?? [
      { x: t.box.l, y: t.box.t },
      { x: t.box.r, y: t.box.t },
      { x: t.box.r, y: t.box.b },
      { x: t.box.l, y: t.box.b },
    ];
  const shrink = (q: Pt[]): Pt[] => {
    const c = { x: q.reduce((n, p) => n + p.x, 0) / 4, y: q.reduce((n, p) => n + p.y, 0) / 4 };
    return q.map((p) => {
      const d = Math.hypot(p.x - c.x, p.y - c.y) || 1;
      return { x: p.x - (p.x - c.x) / d, y: p.y - (p.y - c.y) / d };
    });
  };
  const collide = (a: Text, b: Text) => {
    if (a.quad === undefined && b.quad === undefined) return true;
    const [p, q] = [shrink(quadOf(a)), shrink(quadOf(b))];
    for (const poly of [p, q]) {
      for (let i = 0; i < 4; i++) {
        const [u, v] = [poly[i]!, poly[(i + 1) % 4]!];
        const axis = { x: v.y - u.y, y: u.x - v.x };
        const proj = (pts: Pt[]) => pts.map((pt) => pt.x * axis.x + pt.y * axis.y);
        const [pa, pb] = [proj(p), proj(q)];
        if (Math.max(...pa) <= Math.min(...pb) || Math.max(...pb) <= Math.min(...pa)) return false;
      }
    }
    return true;
  };
  const depth = (stack: Element[], el: Element) => stack.findIndex((e) => e === el || e.contains(el));
  const pairs: { area: number; line: string }[] = [];
  const byTop = [...texts].sort((a, b) => a.box.t - b.box.t);
  for (let i = 0; i < byTop.length; i++) {
    const a = byTop[i]!;
    for (let j = i + 1; j < byTop.length && byTop[j]!.box.t < a.box.b - 2; j++) {
      const b = byTop[j]!;
      if (a.node === b.node) continue;
      const o = cut(a.box, b.box);
      if (o === null || o.r - o.l <= 2 || o.b - o.t <= 2 || !collide(a, b)) continue;
      const stack = document.elementsFromPoint((o.l + o.r) / 2, (o.t + o.b) / 2);
      const [da, db] = [depth(stack, a.el), depth(stack, b.el)];
      const [upper, lower, dl] = da <= db ? [a, b, db] : [b, a, da];
      const covered = stack
        .slice(0, Math.max(dl, 0))
        .some((e) => !e.contains(lower.el) && opaque(e) && layered(e, lower.el));
      if (covered) continue;
      const w = Math.round(o.r - o.l);
      const h = Math.round(o.b - o.t);
      pairs.push({
        area: w * h,
        line: `「${clip(upper.text)}」 (${name(upper.el)}) overlaps 「${clip(lower.text)}」 (${name(lower.el)}) by ${w}×${h} px at (${Math.round(o.l)}, ${Math.round(o.t)})`,
      });
    }
  }
  hitAll.remove();
  pairs.sort((x, y) => y.area - x.area);

  // 3. Boxes past the viewport's edges (right only on consoles, which may scroll down; every edge on big
  // screens), after their containers' clips: what a scroll container hides is not outside the page.
  const out: { el: Element; line: string }[] = [];
  const flagged = new Set<Element>();
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest("svg") !== null && el.tagName.toLowerCase() !== "svg") continue;
    if (!seen(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    const v = cut(boxOf(r), clipOf(el));
    if (v === null) continue;
    const past: string[] = [];
    if (v.r > vw + 1) past.push(`right edge at ${Math.round(v.r)} > ${vw}`);
    if (opts.screen && v.b > vh + 1) past.push(`bottom edge at ${Math.round(v.b)} > ${vh}`);
    if (opts.screen && v.l < -1) past.push(`left edge at ${Math.round(v.l)} < 0`);
    if (opts.screen && v.t < -1) past.push(`top edge at ${Math.round(v.t)} < 0`);
    if (past.length === 0) continue;
    flagged.add(el);
    // Report the outermost offender of each subtree: its children overflow because it does.
    if (el.parentElement !== null && flagged.has(el.parentElement)) continue;
    const text = clip((el.textContent ?? "").replace(/\s+/g, " ").trim());
    out.push({ el, line: `${name(el)}${text ? ` 「${text}」` : ""}: ${past.join(", ")}` });
  }

  const bars = [...document.querySelectorAll("[data-testid='shell-bar']")].filter(seen);
  const bar = bars[0]?.getBoundingClientRect();
  const scroller = document.scrollingElement ?? document.documentElement;
  return {
    viewport: { width: vw, height: vh },
    scroll: { width: scroller.scrollWidth, height: scroller.scrollHeight },
    bar: bar === undefined ? null : { count: bars.length, top: bar.top, bottom: bar.bottom },
    texts: texts.length,
    overlaps: { total: pairs.length, worst: pairs.slice(0, opts.max).map((p) => p.line) },
    outside: { total: out.length, worst: out.slice(0, opts.max).map((o) => o.line) },
  };
}
