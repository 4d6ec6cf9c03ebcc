// Message catalogues and the current UI language.
//
// A "label" is what the UI shows, in one of three shapes:
//   'key'                      a catalogue key
//   {key: 'k', params: {...}}  a catalogue key with {name} placeholders filled in
//   {text: '...'}              literal text (server data, or a server message we have no key for)
// Parameter values may themselves be labels ({key: 'field.username'}), so they follow a language change.
// Elements created through dom.js remember their label in data-i18n* attributes; switching the
// language relabels them in place, so nothing the user typed is lost.
import vi from '../i18n/vi.js';
import en from '../i18n/en.js';

export const LANGS = Object.freeze(['vi', 'en']);
export const DEFAULT_LANG = 'vi';
const STORAGE_KEY = 'phongthi.lang';
const catalogues = { vi, en };
const own = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

let current = readStoredLang();
const listeners = new Set();

function readStoredLang() {
    try {
        const stored = globalThis.localStorage && globalThis.localStorage.getItem(STORAGE_KEY);
        if (LANGS.includes(stored)) return stored;
    } catch {
        // Storage may be disabled by browser policy; fall back to the default.
    }
    return DEFAULT_LANG;
}

export function getLang() {
    return current;
}

/** True when the catalogue has this key (every catalogue has the same keys). */
export function has(key) {
    return own(catalogues[DEFAULT_LANG], key);
}

/** Translate a key, filling {name} placeholders from params. */
export function t(key, params) {
    const cat = catalogues[current];
    let text = own(cat, key) ? cat[key] : own(vi, key) ? vi[key] : key;
    if (params) {
        text = text.replace(/\{(\w+)\}/g, (whole, name) =>
            own(params, name) ? resolveParam(params[name]) : whole);
    }
    return text;
}

function resolveParam(value) {
    if (value !== null && typeof value === 'object') return resolve(value);
    return String(value);
}

/** Turn a label (see top of file) into text in the current language. */
export function resolve(label) {
    if (label === null || label === undefined) return '';
    if (typeof label === 'string') return t(label);
    if (own(label, 'text')) return String(label.text);
    return t(label.key, label.params);
}

/** Change the language, remember it, and relabel the document. */
export function setLang(lang) {
    if (!LANGS.includes(lang) || lang === current) return;
    current = lang;
    try {
        globalThis.localStorage.setItem(STORAGE_KEY, lang);
    } catch {
        // Not remembered across visits; the switch still applies now.
    }
    if (globalThis.document) {
        document.documentElement.lang = lang;
        relabel(document);
    }
    for (const fn of listeners) fn(lang);
}

/** Call fn(lang) after every language change; returns a function that unsubscribes. */
export function onLangChange(fn) {
    listeners.add(fn);
    return () => listeners.delete(fn);
}

/** Re-apply every data-i18n label under root in the current language. */
export function relabel(root) {
    for (const el of root.querySelectorAll('[data-i18n]')) {
        el.textContent = t(el.dataset.i18n, readParams(el.dataset.i18nParams));
    }
    for (const el of root.querySelectorAll('[data-i18n-attrs]')) {
        const map = JSON.parse(el.dataset.i18nAttrs);
        for (const [attr, label] of Object.entries(map)) el.setAttribute(attr, resolve(label));
    }
}

function readParams(json) {
    return json ? JSON.parse(json) : undefined;
}
