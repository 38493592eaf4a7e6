#!/usr/bin/env node
/* build-lessons.mjs: content/lessons/*.json -> web/build/lessons.mjs, the
   lessons the page offers, in file-name order, after checking each one as
   the page would use it (a mistake stops the build with the file and field):

     id        lower-case letters, digits and -, unique; the hash's lesson=
     title     the menu's text, up to 80 characters
     section   optional: the id of the part of The Mathematics it follows
     steps     1 to 12, each:
       text    what to do and what to notice: plain text, 20-700 characters
       hash    the panel's settings for the step, as in a link (no lesson,
               step or show/hide keys); every key must be valid
       task    optional: { text, check } -- check as in web/js/lessons/check.js

   Usage: node tools/build-lessons.mjs   (make does it) */
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';
import { validateCheck } from '../web/js/lessons/check.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.join(ROOT, 'content', 'lessons');
const OUT = path.join(ROOT, 'web', 'build', 'lessons.mjs');
// The link's rules (hashstate.js) read the built lessons for the lesson
// key; on a first build there are none yet, and the steps' hashes never
// name a lesson, so an empty list serves until this script writes the file.
if (!fs.existsSync(OUT)) {
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, 'export default [];\n');
}
const { parse } = await import('../web/js/panel/hashstate.js');
const { MAX_STEPS } = await import('../web/js/panel/keys/lesson-keys.js');
const MATH = fs.readFileSync(path.join(ROOT, 'content', 'mathematics.html'), 'utf8');
const OWN_KEYS = ['lesson', 'step', 'show', 'hide', 'controls', 'theme'];

function text(v, where, min, max) {
  if (typeof v !== 'string' || v.length < min || v.length > max) return [`${where} must be text of ${min} to ${max} characters`];
  if (/[<>]/.test(v)) return [`${where} is plain text: no < or >`];
  return [];
}

function checkStep(step, where) {
  const out = [];
  if (!step || typeof step !== 'object') return [`${where} must be an object`];
  const extra = Object.keys(step).filter((k) => !['text', 'hash', 'task'].includes(k));
  if (extra.length) out.push(`${where}: unknown field ${extra[0]}`);
  out.push(...text(step.text, `${where}.text`, 20, 700));
  if (typeof step.hash !== 'string') out.push(`${where}.hash must be a string of settings`);
  else {
    const { problems } = parse(step.hash);
    for (const p of problems) out.push(`${where}.hash: ${p.message}`);
    const own = step.hash.split('&').map((p) => p.split('=')[0]).filter((k) => OWN_KEYS.includes(k));
    if (own.length) out.push(`${where}.hash: ${own[0]} is set by the lesson itself`);
  }
  if (step.task !== undefined) {
    const t = step.task;
    if (!t || typeof t !== 'object') out.push(`${where}.task must be an object`);
    else {
      out.push(...text(t.text, `${where}.task.text`, 10, 300));
      out.push(...validateCheck(t.check, `${where}.task.check`));
    }
  }
  return out;
}

/* A lesson's problems, each naming its field. */
export function checkLesson(l, file) {
  const out = [];
  if (!l || typeof l !== 'object' || Array.isArray(l)) return [`${file}: a lesson must be an object`];
  const extra = Object.keys(l).filter((k) => !['id', 'title', 'section', 'steps'].includes(k));
  if (extra.length) out.push(`${file}: unknown field ${extra[0]}`);
  if (typeof l.id !== 'string' || !/^[a-z][a-z0-9-]{1,39}$/.test(l.id)) out.push(`${file}: id must be lower-case letters, digits and -, 2 to 40 long`);
  out.push(...text(l.title, `${file}: title`, 3, 80));
  if (l.section !== undefined && (typeof l.section !== 'string' || !MATH.includes(`id="${l.section}"`))) {
    out.push(`${file}: section must be the id of a part of content/mathematics.html, got ${JSON.stringify(l.section)}`);
  }
  if (!Array.isArray(l.steps) || l.steps.length < 1 || l.steps.length > MAX_STEPS) out.push(`${file}: steps must be a list of 1 to ${MAX_STEPS}`);
  else l.steps.forEach((s, i) => out.push(...checkStep(s, `${file}: steps[${i}]`)));
  return out;
}

function main() {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
  const lessons = [], problems = [], ids = new Set();
  for (const f of files) {
    let l;
    try { l = JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')); } catch (e) { problems.push(`${f}: not JSON: ${e.message}`); continue; }
    const p = checkLesson(l, f);
    if (l && ids.has(l.id)) p.push(`${f}: id ${l.id} is used by another lesson`);
    problems.push(...p);
    if (!p.length) { ids.add(l.id); lessons.push(l); }
  }
  if (problems.length) {
    console.error('build-lessons: ' + problems.join('\nbuild-lessons: '));
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, `// Made by tools/build-lessons.mjs from content/lessons/*.json: do not edit.\nexport default ${JSON.stringify(lessons)};\n`);
  console.log(`build-lessons: ${lessons.length} lessons, ${lessons.reduce((n, l) => n + l.steps.length, 0)} steps`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
