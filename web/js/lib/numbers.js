/* numbers.js: the one way numbers are written on the page, in the narration
   and in the demos: fixed decimals where they read well, otherwise a short
   mantissa times a power of ten (gradients and deltas are often ~10⁻³), true
   minus signs, and never "NaN"; and the subscript and superscript digits of
   names such as W₂ and 10⁻³. Shared by the page and the Node tests. */

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
const SUBSCRIPT = { '-': '₋', 0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉' };

/* An integer in superscript digits: -4 -> "⁻⁴". */
export function superscript(n) { return String(n).split('').map((c) => SUPERSCRIPT[c]).join(''); }

/* An integer in subscript digits, for indices: 12 -> "₁₂" (as in W₁₂). */
export function subscript(n) { return String(n).split('').map((c) => SUBSCRIPT[c]).join(''); }

/* 10^k with a superscript exponent: -4 -> "10⁻⁴". */
export function powerOfTen(k) {
  if (k === 0) return '1';
  if (k === 1) return '10';
  return '10' + superscript(k);
}

/* v with `digits` decimals (1.386, −0.50), or, below 10^-digits and from
   10⁴ up, a mantissa of digits - 1 decimals (1 to 2) times a power of ten:
   formatNumber(0.00123, 2) = "1.2·10⁻³", formatNumber(0.000652, 3) = "6.52·10⁻⁴". */
export function formatNumber(v, digits) {
  if (typeof v !== 'number' || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a < 10 ** -digits || a >= 1e4)) {
    const decimals = Math.min(2, Math.max(1, digits - 1));
    let k = Math.floor(Math.log10(a));
    let m = v / 10 ** k;
    if (Math.abs(Number(m.toFixed(decimals))) >= 10) { m /= 10; k += 1; } // 9.996 rounds up
    return m.toFixed(decimals).replace('-', '−') + '·' + powerOfTen(k);
  }
  return v.toFixed(digits).replace('-', '−');
}

