// The class markers (web/js/kit/markers.js): eight distinct shapes, the
// canvas path and the legend's SVG the same outline.
import test from 'node:test';
import assert from 'node:assert/strict';
import { markerPath, markerSvg, CLASS_SHAPES } from '../../web/js/kit/markers.js';

/* A context that records the points a path visits. */
function recorder() {
  const pts = [];
  return { pts, moveTo: (x, y) => pts.push([x, y]), lineTo: (x, y) => pts.push([x, y]), closePath() {}, arc() { pts.push('arc'); },
    rect: (x, y, w, h) => pts.push([x, y], [x + w, y + h]) };
}

test('eight classes, eight names, eight different outlines', () => {
  assert.equal(CLASS_SHAPES.length, 8);
  const outlines = new Set();
  for (let k = 0; k < 8; k++) {
    const ctx = recorder();
    markerPath(ctx, k, 0, 0, 10);
    outlines.add(JSON.stringify(ctx.pts.map((p) => (p === 'arc' ? p : p.map((v) => Math.round(v))))));
  }
  assert.equal(outlines.size, 8);
});

test('classes 4-7: the SVG polygon has the canvas path\'s vertices, scaled into the 12 x 12 box', () => {
  for (let k = 4; k < 8; k++) {
    const ctx = recorder();
    markerPath(ctx, k, 6, 6, 4.4);
    const [tag, attrs] = markerSvg(k);
    assert.equal(tag, 'polygon');
    const svg = attrs.points.split(' ').map((p) => p.split(',').map(Number));
    assert.equal(svg.length, ctx.pts.length, `class ${k}: ${svg.length} vertices`);
    svg.forEach(([x, y], i) => assert.ok(Math.abs(x - ctx.pts[i][0]) < 0.01 && Math.abs(y - ctx.pts[i][1]) < 0.01, `class ${k} vertex ${i}`));
    for (const [x, y] of svg) assert.ok(x >= 0 && x <= 12 && y >= 0 && y <= 12, `class ${k}: (${x}, ${y}) inside the box`);
  }
  assert.deepEqual(markerSvg(0), ['circle', { cx: 6, cy: 6, r: 4.5 }]);
});
