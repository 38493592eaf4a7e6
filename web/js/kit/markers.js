/* markers.js: the marker shape of each class, the same in the region, the
   diagram and the legend's SVGs (index.html), so colour is never the only
   cue: 0 circle, 1 square, 2 triangle, 3 diamond. */

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

export const CLASS_PLACES = Object.freeze(['top right', 'top left', 'bottom left', 'bottom right']);
export const CLASS_SHAPES = Object.freeze(['circles', 'squares', 'triangles', 'diamonds']);
