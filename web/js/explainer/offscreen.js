/* offscreen.js: lets the renderer skip the explainer's parts while they are
   off screen (content-visibility: auto, class .skip-offscreen in page.css).

   Why per part: The Mathematics and The Code border the live panel, so while
   the panel is on screen both sections are near enough to the viewport to
   be rendered whole, and every training frame hit-tested and repainted all
   of their formulas (measured at the fastest speed: 16-18 ms of main-thread
   time per frame, dropped frames; 13-15 ms with the parts skipped).

   Why measured: a part never rendered would take its placeholder size, and
   scrolling to the panel past parts whose real heights differ would land
   beside it. Each part's placeholder is its own height, measured once the
   fonts are in, and then ('auto') the height it last had on screen. The
   containment stops margins collapsing through a part, so page.css moves a
   Mathematics part's first and last margins onto the part itself: the
   page looks the same, skipped or not. */

/* elements: the parts. Resolves once they are skippable. */
export function skipOffscreen(elements) {
  // The fonts start loading when a frame first lays the formulas out.
  const frame = new Promise((resolve) => requestAnimationFrame(() => resolve()));
  return frame.then(() => document.fonts.ready).then(() => {
    // contain-intrinsic-size is the content box's: the border box less padding and border.
    const heights = elements.map((e) => { // one layout for all
      const c = getComputedStyle(e), px = (k) => Number.parseFloat(c[k]) || 0;
      return e.getBoundingClientRect().height - px('paddingTop') - px('paddingBottom') - px('borderTopWidth') - px('borderBottomWidth');
    });
    elements.forEach((e, i) => {
      e.style.containIntrinsicSize = `auto ${Math.max(1, Math.ceil(heights[i]))}px`;
      e.classList.add('skip-offscreen');
    });
  });
}
