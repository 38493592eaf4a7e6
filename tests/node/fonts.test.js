// The KaTeX fonts shipped in web/build/katex/fonts/ are cut to the glyphs
// the formulas draw (tools/subset-fonts.js): each font must still have every
// character the formulas ask of it, and be smaller than KaTeX's own.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const fontverter = require('fontverter');
const { fontAssignment } = require('../../tools/subset-fonts.js');

const ROOT = path.join(__dirname, '..', '..');
const SHIPPED = path.join(ROOT, 'web', 'build', 'katex', 'fonts');
const ORIGINAL = path.join(ROOT, 'node_modules', 'katex', 'dist', 'fonts');

async function unicodes(hb, file) {
  const ttf = await fontverter.convert(fs.readFileSync(file), 'truetype');
  const face = new hb.Face(new hb.Blob(new Uint8Array(ttf)));
  return new Set(face.collectUnicodes());
}

test('every character a formula draws is in the font that draws it, and the fonts shrank', async (t) => {
  const hb = await import('harfbuzzjs');
  const used = await fontAssignment();
  assert.ok(used.size >= 6, `the formulas use ${used.size} fonts (at least 6: Main, Math, Size1, Size2, ...)`);
  assert.ok(used.get('KaTeX_Math-Italic.woff2').size >= 20, 'the italic variables (x, y, W, b, ...) are in KaTeX_Math');
  let shipped = 0, original = 0;
  for (const [file, chars] of used) {
    const have = await unicodes(hb, path.join(SHIPPED, file));
    const had = await unicodes(hb, path.join(ORIGINAL, file));
    const drawn = [...chars].filter((ch) => had.has(ch.codePointAt(0)));
    assert.ok(drawn.length >= 1, `${file}: draws ${drawn.length} of its ${chars.size} characters`);
    assert.deepEqual(drawn.filter((ch) => !have.has(ch.codePointAt(0))), [], `${file}: characters KaTeX's font has and the shipped one lacks`);
    assert.ok(have.size < had.size / 2, `${file}: ${have.size} of its ${had.size} characters kept (${chars.size} asked for)`);
    shipped += fs.statSync(path.join(SHIPPED, file)).size;
    original += fs.statSync(path.join(ORIGINAL, file)).size;
  }
  t.diagnostic(`the formulas' fonts: ${(original / 1024).toFixed(1)} KB in KaTeX, ${(shipped / 1024).toFixed(1)} KB shipped`);
  assert.ok(shipped < 0.45 * original, `shipped ${shipped} B < 45% of KaTeX's ${original} B`);
});
