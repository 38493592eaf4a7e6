/* markers.js: the marker shape of each class, the same in the region, the
   diagram and the legend's SVGs (index.html), so colour is never the only
   cue: 0 circle, 1 square, 2 triangle, 3 diamond; for datasets with more
   classes, 4 downward triangle, 5 cross, 6 hexagon, 7 star. */

/* Adds the marker path of class k centred at (x, y) with half-size r to the
   current path. */
export function markerPath(ctx, k, x, y, r) {
  switch (k) {
    case 0:
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      break;
    case 1: {
      const s = r * 0.88;
      ctx.rect(x - s, y - s, 2 * s, 2 * s);
      break;
    }
    case 2: {
      const s = r * 1.15;
      ctx.moveTo(x, y - s);
      ctx.lineTo(x + s, y + s * 0.8);
      ctx.lineTo(x - s, y + s * 0.8);
      ctx.closePath();
      break;
    }
    case 4: case 5: case 6: case 7:
      polygon(ctx, MORE_SHAPES[k - 4], x, y, r);
      break;
    default: {
      const s = r * 1.2;
      ctx.moveTo(x, y - s);
      ctx.lineTo(x + s, y);
      ctx.lineTo(x, y + s);
      ctx.lineTo(x - s, y);
      ctx.closePath();
    }
  }
}

/* Classes 4-7 as polygons in a unit box (x, y in -1..1, y down), so the
   canvas and the legend's SVGs draw the same outline. */
function star(n, outer, inner) {
  const pts = [];
  for (let i = 0; i < 2 * n; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / n, r = i % 2 ? inner : outer;
    pts.push([r * Math.cos(a), r * Math.sin(a)]);
  }
  return pts;
}
const MORE_SHAPES = [
  [[-1.15, -0.8], [1.15, -0.8], [0, 1.15]],                                             // downward triangle
  [[-0.35, -1], [0.35, -1], [0.35, -0.35], [1, -0.35], [1, 0.35], [0.35, 0.35], [0.35, 1],
    [-0.35, 1], [-0.35, 0.35], [-1, 0.35], [-1, -0.35], [-0.35, -0.35]],                // cross
  star(3, 1.1, 1.1 * Math.cos(Math.PI / 6)).map(([a, b]) => [b, -a]),                 // hexagon
  star(5, 1.3, 0.55),                                                                   // star
];

function polygon(ctx, pts, x, y, r) {
  ctx.moveTo(x + pts[0][0] * r, y + pts[0][1] * r);
  for (let i = 1; i < pts.length; i++) ctx.lineTo(x + pts[i][0] * r, y + pts[i][1] * r);
  ctx.closePath();
}

/* The legend's SVG element of class k in a 12 x 12 viewBox: [tag, attributes]. */
export function markerSvg(k) {
  switch (k) {
    case 0: return ['circle', { cx: 6, cy: 6, r: 4.5 }];
    case 1: return ['rect', { x: 1.8, y: 1.8, width: 8.4, height: 8.4 }];
    case 2: return ['polygon', { points: '6,1 11,10.5 1,10.5' }];
    case 3: return ['polygon', { points: '6,0.8 11.2,6 6,11.2 0.8,6' }];
    default: return ['polygon', { points: MORE_SHAPES[(k - 4) & 3].map(([a, b]) => `${+(6 + a * 4.4).toFixed(2)},${+(6 + b * 4.4).toFixed(2)}`).join(' ') }];
  }
}

export const CLASS_PLACES = Object.freeze(['top right', 'top left', 'bottom left', 'bottom right']);
export const CLASS_SHAPES = Object.freeze(['circles', 'squares', 'triangles', 'diamonds', 'downward triangles', 'crosses', 'hexagons', 'stars']);
