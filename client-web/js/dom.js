// Tiny DOM helpers. Text always goes in through textContent or text nodes, never as markup.
import { resolve } from './i18n.js';

const PROPS = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'required',
    'readOnly', 'multiple', 'noValidate', 'tabIndex']);

/**
 * Create an element.
 *   h('button', {class: 'btn', type: 'submit', t: 'login.submit', on: {click: fn}}, ...children)
 * attrs:
 *   class    string or array (falsy entries skipped)
 *   t        a label (see i18n.js) that becomes the element's text and follows language changes
 *   ta       {attribute: label} for translated attributes (placeholder, aria-label, title)
 *   on       {event: handler}
 *   dataset  {name: value}
 *   value, checked, disabled, ... are set as properties; other attributes with setAttribute
 *   (true -> present, false/null/undefined -> absent).
 * children: strings and numbers become text nodes; arrays are flattened; null/false are skipped.
 */
export function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    if (attrs) applyAttrs(el, attrs);
    append(el, children);
    return el;
}

function applyAttrs(el, attrs) {
    for (const [name, value] of Object.entries(attrs)) {
        if (name === 'class') {
            const list = Array.isArray(value) ? value.filter(Boolean) : [value];
            if (list.length && list[0]) el.className = list.join(' ');
        } else if (name === 't') {
            if (value !== undefined && value !== null) setLabel(el, value);
        } else if (name === 'ta') {
            setAttrLabels(el, value);
        } else if (name === 'on') {
            for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
        } else if (name === 'dataset') {
            for (const [k, v] of Object.entries(value)) el.dataset[k] = v;
        } else if (PROPS.has(name)) {
            el[name] = value;
        } else if (value === true) {
            el.setAttribute(name, '');
        } else if (value !== false && value !== null && value !== undefined) {
            el.setAttribute(name, String(value));
        }
    }
}

/** Append children (strings, nodes, arrays; null/false skipped). */
export function append(parent, children) {
    for (const child of children) {
        if (child === null || child === undefined || child === false) continue;
        if (Array.isArray(child)) append(parent, child);
        else if (child instanceof Node) parent.appendChild(child);
        else parent.appendChild(document.createTextNode(String(child)));
    }
    return parent;
}

/** Make el show a label; catalogue labels are remembered so a language switch relabels them. */
export function setLabel(el, label) {
    if (typeof label === 'string') label = { key: label };
    if (label.key !== undefined) {
        el.dataset.i18n = label.key;
        if (label.params) el.dataset.i18nParams = JSON.stringify(label.params);
        else delete el.dataset.i18nParams;
    } else {
        delete el.dataset.i18n;
        delete el.dataset.i18nParams;
    }
    el.textContent = resolve(label);
}

/** Set translated attributes: setAttrLabels(input, {placeholder: 'users.search_placeholder'}). */
export function setAttrLabels(el, map) {
    const stored = el.dataset.i18nAttrs ? JSON.parse(el.dataset.i18nAttrs) : {};
    for (const [attr, label] of Object.entries(map)) {
        stored[attr] = label;
        el.setAttribute(attr, resolve(label));
    }
    el.dataset.i18nAttrs = JSON.stringify(stored);
}

/** Replace all children of el. */
export function clear(el, ...children) {
    el.replaceChildren();
    return append(el, children);
}

let idCounter = 0;
/** A document-unique id for label/input pairs. */
export function uid(prefix) {
    idCounter += 1;
    return `${prefix}-${idCounter}`;
}
