// Static checks of client-web/ that need no browser: every JS file parses as an ES module, the two
// catalogues have the same keys and placeholders, every key the code names exists (and every key
// is used), and nothing breaks the CSP or the "text, never markup" rule.
// Run: node check_static.mjs   (prints "N passed, N failed" last; exit code 1 on failure)
import { readFile, readdir } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { test, run } from './lib/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const clientDir = join(here, '..', '..', 'client-web');

async function walk(dir) {
    const out = [];
    for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) out.push(...(await walk(path)));
        else out.push(path);
    }
    return out;
}

const files = await walk(clientDir);
const byExt = (ext) => files.filter((f) => f.endsWith(ext));
const jsFiles = byExt('.js');
const rel = (f) => relative(clientDir, f);
const read = (f) => readFile(f, 'utf8');

const vi = (await import(pathToFileURL(join(clientDir, 'i18n', 'vi.js')))).default;
const en = (await import(pathToFileURL(join(clientDir, 'i18n', 'en.js')))).default;
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');

// Keys built at run time from a prefix, e.g. `role.${user.role}`; the prefixes' keys count as used.
const DYNAMIC_PREFIXES = ['role.', 'lang.', 'field.', 'error.', 'home.next_steps.', 'exam.state.', 'exam.attempt_state.',
    'exam.error.', 'exam.save_', 'exams.show.', 'room.alert.', 'room.irregularity.',
    'results.class.', 'stats.flag.', 'stats.mode_', 'classes.kind_', 'class.duty_', 'class.gender_',
    'class.roster_field_', 'checkin.part_', 'attendance.mode_'];
const KEY_AREAS = ['app', 'lang', 'settings', 'nav', 'footer', 'role', 'common', 'message', 'login', 'home',
    'password', 'field', 'users', 'units', 'bank', 'secret', 'error', 'exam', 'exams', 'room',
    'results', 'stats', 'review', 'audit', 'reports', 'backups', 'report_settings', 'classes', 'class', 'checkin', 'attendance', 'rooms', 'conduct', 'survey', 'materials', 'sessions'];
const keyPattern = new RegExp(`['"\`]((?:${KEY_AREAS.join('|')})\\.[a-z0-9_.]*[a-z0-9_])['"\`]`, 'g');

test('every JS file parses as an ES module (node --check)', async () => {
    const bad = [];
    for (const file of jsFiles) {
        const result = spawnSync(process.execPath, ['--input-type=module', '--check'], { input: await read(file) });
        if (result.status !== 0) bad.push(`${rel(file)}: ${result.stderr.toString().trim()}`);
    }
    assert.deepEqual(bad, []);
    assert.ok(jsFiles.length >= 10, `only ${jsFiles.length} JS files found`);
});

test('vi and en catalogues have the same keys', () => {
    const viKeys = Object.keys(vi).sort();
    const enKeys = Object.keys(en).sort();
    assert.deepEqual(viKeys.filter((k) => !(k in en)), [], 'keys missing from en.js');
    assert.deepEqual(enKeys.filter((k) => !(k in vi)), [], 'keys missing from vi.js');
});

test('catalogue entries are non-empty and keep the same placeholders', () => {
    const problems = [];
    for (const key of Object.keys(vi)) {
        if (!vi[key] || !en[key]) problems.push(`${key}: empty`);
        else if (placeholders(vi[key]) !== placeholders(en[key])) problems.push(`${key}: placeholders differ`);
        if (vi[key] !== vi[key].normalize('NFC')) problems.push(`${key}: vi text is not NFC`);
    }
    assert.deepEqual(problems, []);
});

test('every catalogue key named in the code exists, and every key is used', async () => {
    const used = new Set();
    for (const file of jsFiles.filter((f) => !f.includes(`${join('client-web', 'i18n')}`))) {
        for (const m of (await read(file)).matchAll(keyPattern)) used.add(m[1]);
    }
    const missing = [...used].filter((k) => !(k in vi) && !DYNAMIC_PREFIXES.includes(`${k}.`));
    assert.deepEqual(missing, [], 'keys used in code but missing from the catalogues');
    const unused = Object.keys(vi).filter((k) => !used.has(k) && !DYNAMIC_PREFIXES.some((p) => k.startsWith(p)));
    assert.deepEqual(unused, [], 'catalogue keys that no code uses');
    for (const role of ['admin', 'lecturer', 'proctor', 'candidate']) assert.ok(`role.${role}` in vi, role);
    for (const role of ['lecturer', 'proctor', 'candidate', 'other']) assert.ok(`home.next_steps.${role}` in vi, role);
});

test('no markup from strings: no innerHTML, outerHTML, insertAdjacentHTML, document.write, eval', async () => {
    const banned = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\s*\(|new Function\s*\()/;
    const bad = [];
    for (const file of jsFiles) {
        (await read(file)).split('\n').forEach((line, i) => {
            if (banned.test(line)) bad.push(`${rel(file)}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(bad, []);
});

test('HTML has no inline script, inline style or event-handler attributes (CSP)', async () => {
    const bad = [];
    for (const file of byExt('.html')) {
        const html = await read(file);
        for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
            if (!/\bsrc=/.test(m[1]) || m[2].trim()) bad.push(`${rel(file)}: inline <script>`);
        }
        if (/<style\b/i.test(html)) bad.push(`${rel(file)}: <style> element`);
        if (/\sstyle\s*=/i.test(html)) bad.push(`${rel(file)}: style= attribute`);
        if (/\son[a-z]+\s*=/i.test(html)) bad.push(`${rel(file)}: on*= handler attribute`);
    }
    assert.deepEqual(bad, []);
});

test('nothing is loaded from another origin (no CDN, no remote fonts)', async () => {
    const bad = [];
    for (const file of files) {
        if (!/\.(html|js|css|svg)$/.test(file)) continue;
        const text = (await read(file)).replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '');
        if (/https?:\/\//.test(text)) bad.push(rel(file));
    }
    assert.deepEqual(bad, []);
});

test('one stylesheet, with its sizes and colours as custom properties on :root', async () => {
    const css = byExt('.css');
    assert.deepEqual(css.map(rel), [join('css', 'app.css')]);
    const text = await read(css[0]);
    assert.match(text, /:root\s*\{[^}]*--color-primary:/);
    assert.match(text, /html\.text-large\s*\{/);
    assert.match(text, /html\.contrast-high\s*\{/);
});

await run();
