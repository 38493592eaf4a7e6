/* csv.js: a data set as CSV text and back, for Network.toCSV / loadCSV
   (data-api.js). Pure functions of arrays and text, so the page can check a
   file before it touches the network.

   The format: one point per line, its inputs then its label (an integer
   class, softmax) or its targets (linear), comma separated; an optional
   header line first. Numbers are written as String(v) (and -0 as "-0"),
   the shortest text that reads back as the same double, so writing and
   reading a set gives back the same bits. Reading refuses the whole file at
   its first problem, naming the line and the column, so a caller never
   keeps half a file. */

/* The most rows a set may hold (MLP_MAX_POINTS), and the range of an input or
   target (MLP_MAX_INPUT): the C core refuses anything beyond them. */
import { wrapperError } from './limits.js';

export const CSV_MAX_ROWS = 10000;
export const CSV_MAX_VALUE = 1e6;

/* shape: { inputs, outputs, linear }. The column names, e.g. x1,x2,label. */
export function csvColumns(shape) {
  const names = [];
  for (let k = 1; k <= shape.inputs; k++) names.push(`x${k}`);
  if (!shape.linear) names.push('label');
  else if (shape.outputs === 1) names.push('target');
  else for (let k = 1; k <= shape.outputs; k++) names.push(`target${k}`);
  return names;
}

const num = (v) => (Object.is(v, -0) ? '-0' : String(v));

/* data: { x (n*inputs, row-major), y (labels, or n*outputs targets) } as
   getData returns it. The text ends with a newline. */
export function formatCSV(data, shape) {
  const d = shape.inputs, per = shape.linear ? shape.outputs : 1;
  const n = data.x.length / d, lines = [csvColumns(shape).join(',')];
  for (let i = 0; i < n; i++) {
    const row = [];
    for (let k = 0; k < d; k++) row.push(num(data.x[i * d + k]));
    for (let k = 0; k < per; k++) row.push(num(data.y[i * per + k]));
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}

/* A plain decimal number: digits with an optional point and exponent. No
   hex, no empty field (Number('') is 0), no words. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(inf|infinity|nan)$/i;

function csvError(line, column, what) {
  return wrapperError(column ? `line ${line}, column ${column}: ${what}` : `line ${line}: ${what}`);
}

/* The value of one field, or an Error naming where it is and what is wrong. */
function readNumber(field, line, column) {
  if (NOT_FINITE.test(field)) throw csvError(line, column, `${JSON.stringify(field)} is not a finite number`);
  if (!DECIMAL.test(field)) throw csvError(line, column, `${JSON.stringify(field)} is not a number`);
  const v = Number(field);
  if (!Number.isFinite(v)) throw csvError(line, column, `${JSON.stringify(field)} is not a finite number`);
  if (Math.abs(v) > CSV_MAX_VALUE) {
    throw csvError(line, column, `${JSON.stringify(field)} is out of range (from -${CSV_MAX_VALUE} to ${CSV_MAX_VALUE})`);
  }
  return v;
}

/* The header is the first non-blank line when none of its fields is a
   number: "x1,x2,label" is a header, "1,abc,0" a data line with a bad field. */
function isHeader(fields) {
  return fields.every((f) => !DECIMAL.test(f) && !NOT_FINITE.test(f));
}

/* Reads CSV text into { x: Float64Array(n*inputs), y: Int32Array(n) labels
   or Float64Array(n*outputs) targets, n }, for shape { inputs, outputs,
   linear }. Blank lines are skipped; fields are trimmed. Throws an Error
   naming line and column for: a wrong column count, a field that is not a
   number, NaN or Infinity, a value beyond +-1e6, a label that is not a
   class 0..outputs-1, more than 10000 rows, and no rows at all. */
export function parseCSV(text, shape) {
  if (typeof text !== 'string') throw wrapperError(`csv must be a string, got ${typeof text}`);
  const names = csvColumns(shape), width = names.length, d = shape.inputs;
  const per = shape.linear ? shape.outputs : 1;
  const x = [], y = [];
  const lines = text.split('\n');
  let seen = false; // a non-blank line was read (so a header may no longer come)
  for (let l = 0; l < lines.length; l++) {
    const raw = lines[l].trim();
    if (raw === '') continue;
    const fields = raw.split(',').map((f) => f.trim()), line = l + 1;
    if (fields.length !== width) {
      throw csvError(line, 0, `${fields.length} column${fields.length === 1 ? '' : 's'}, expected ${width} (${names.join(',')})`);
    }
    if (!seen && isHeader(fields)) { seen = true; continue; }
    seen = true;
    if (x.length / d === CSV_MAX_ROWS) throw csvError(line, 0, `more than ${CSV_MAX_ROWS} data rows`);
    for (let c = 0; c < d; c++) x.push(readNumber(fields[c], line, c + 1));
    for (let c = d; c < width; c++) {
      const v = readNumber(fields[c], line, c + 1);
      if (!shape.linear && !(Number.isInteger(v) && v >= 0 && v < shape.outputs)) {
        throw csvError(line, c + 1, `${JSON.stringify(fields[c])} is not a class (an integer from 0 to ${shape.outputs - 1})`);
      }
      y.push(v);
    }
  }
  const n = x.length / d;
  if (n === 0) throw csvError(Math.max(lines.length, 1), 0, `no data rows (expected ${names.join(',')})`);
  return { x: Float64Array.from(x), y: shape.linear ? Float64Array.from(y) : Int32Array.from(y), n, per };
}

/* Which of n rows a testFraction f holds out: row i when
   floor((i + 1) f + 1/2) > floor(i f + 1/2), i.e. evenly spaced rows,
   round(f n) of them in all, so a file sorted by class gives a test set
   that samples every class. Returns a Uint8Array(n) of 0 / 1. */
export function heldOutRows(n, f) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor((i + 1) * f + 0.5) > Math.floor(i * f + 0.5) ? 1 : 0;
  return out;
}
