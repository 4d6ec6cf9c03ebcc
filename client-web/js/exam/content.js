// Question text on the page. Plain text goes in as text. "html" texts (already sanitized by the
// server) are parsed by DOMParser into an inert document and rebuilt element by element from a
// whitelist: b, i, u, em, strong, sub, sup, br, p, and img whose src is one of the paper's media
// urls. Nothing is copied as markup, no attribute but img src/alt survives.
// Pictures need the session token, which an <img> cannot send: they are fetched with it and shown
// as data: URLs (the CSP allows img-src 'self' data:, not blob:); a preview's own pictures come as
// data: URLs already.
import { h } from '../dom.js';
import { request } from '../api.js';

const ALLOWED = new Set(['b', 'i', 'u', 'em', 'strong', 'sub', 'sup', 'br', 'p']);
const MAX_DEPTH = 20;

/**
 * Where a picture of a paper comes from: its server url ({url: '/api/…'}), or for a question not
 * stored yet (the lecturer's preview) its own bytes ({mime_type: 'image/…', data: base64}) as a
 * data: URL; null for anything else.
 */
export function mediaUrl(m) {
    if (!m) return null;
    if (typeof m.url === 'string' && m.url.startsWith('/')) return m.url;
    if (typeof m.data === 'string' && /^image\/[a-z0-9.+-]+$/.test(String(m.mime_type))) {
        return `data:${m.mime_type};base64,${m.data}`;
    }
    return null;
}

/** Map of allowed picture sources (the media url, also reachable by the media name) to urls. */
export function mediaSources(media) {
    const map = new Map();
    for (const m of media || []) {
        const url = mediaUrl(m);
        if (!url) continue;
        map.set(url, url);
        if (m.name) map.set(String(m.name), url);
    }
    return map;
}

/**
 * Nodes that show text in format "plain" or "html". used (a Set) collects the media urls an html
 * text placed, so the caller can show the others below it.
 */
export function richText(text, format, sources, used = new Set()) {
    const value = String(text === undefined || text === null ? '' : text);
    if (format !== 'html' || typeof DOMParser === 'undefined') return [document.createTextNode(value)];
    const doc = new DOMParser().parseFromString(`<!DOCTYPE html><body>${value}`, 'text/html');
    return copyChildren(doc.body, sources, used, 0);
}

function copyChildren(from, sources, used, depth) {
    const out = [];
    for (const node of from.childNodes) {
        if (node.nodeType === 3) {
            out.push(document.createTextNode(node.nodeValue));
        } else if (node.nodeType === 1 && depth < MAX_DEPTH) {
            const tag = node.localName;
            if (tag === 'img') {
                const src = node.getAttribute('src') || '';
                const url = sources.get(src);
                if (url) {
                    used.add(url);
                    out.push(paperImage(url, node.getAttribute('alt') || ''));
                }
            } else if (ALLOWED.has(tag)) {
                const el = document.createElement(tag);
                for (const child of copyChildren(node, sources, used, depth + 1)) el.appendChild(child);
                out.push(el);
            } else if (tag !== 'script' && tag !== 'style' && tag !== 'template') {
                // An element we do not build: keep its text.
                out.push(...copyChildren(node, sources, used, depth + 1));
            }
        }
    }
    return out;
}

/** An <img> for a paper picture, filled in once the authorized fetch is done. */
export function paperImage(url, alt) {
    if (url.startsWith('data:image/')) return h('img', { class: 'question-image', alt, src: url });
    const img = h('img', { class: 'question-image', alt, dataset: { src: url } });
    request('GET', url, { blob: true })
        .then(({ blob }) => new Promise((resolve, reject) => {
            const reader = new FileReader();
            reader.onload = () => resolve(reader.result);
            reader.onerror = () => reject(reader.error);
            reader.readAsDataURL(blob);
        }))
        .then((dataUrl) => {
            if (typeof dataUrl === 'string' && dataUrl.startsWith('data:image/')) img.src = dataUrl;
        })
        .catch(() => img.classList.add('is-missing'));
    return img;
}
