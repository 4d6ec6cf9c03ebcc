// Shared building blocks for views: page frame, notices, form fields, dialogs, the one-time
// password box. Labels are catalogue keys or label objects (see i18n.js).
import { h, setLabel, uid } from './dom.js';
import { has } from './i18n.js';

/** The frame of a page: a heading (focused after navigation), optional actions, a flash message. */
export function page(ctx, { title, actions }, ...content) {
    return h('section', { class: 'page' },
        h('div', { class: 'page-head' },
            h('h1', { class: 'page-title', tabindex: '-1', t: title }),
            actions ? h('div', { class: 'page-actions' }, actions) : null),
        ctx.takeFlash(),
        content);
}

/** A notice box; kind is 'info', 'success', 'warning' or 'error'. */
export function notice(kind, label) {
    return h('div', { class: ['notice', `notice-${kind}`], role: kind === 'error' ? 'alert' : 'status' },
        h('span', { t: label }));
}

/** A place that shows at most one notice at a time; show() returns the text element. */
export function messageSlot() {
    const el = h('div', { class: 'message-slot' });
    return {
        el,
        show(kind, label) {
            const box = notice(kind, label);
            el.replaceChildren(box);
            return box.firstChild;
        },
        hide() {
            el.replaceChildren();
        },
    };
}

/** A labelled form field around an input or select, with an optional hint and an error line. */
export function field({ label, input, hint }) {
    if (!input.id) input.id = uid('field');
    const hintEl = hint ? h('p', { class: 'field-hint', id: `${input.id}-hint`, t: hint }) : null;
    const errorEl = h('p', { class: 'field-error', id: `${input.id}-error`, hidden: true });
    const describedBy = [hintEl ? hintEl.id : null, errorEl.id].filter(Boolean).join(' ');
    input.setAttribute('aria-describedby', describedBy);
    const el = h('div', { class: 'field' },
        h('label', { for: input.id, t: label }), input, hintEl, errorEl);
    return {
        el,
        input,
        setError(message) {
            el.classList.toggle('invalid', Boolean(message));
            if (message) {
                input.setAttribute('aria-invalid', 'true');
                setLabel(errorEl, message);
                errorEl.hidden = false;
            } else {
                input.removeAttribute('aria-invalid');
                errorEl.hidden = true;
            }
        },
    };
}

/** A text-like input with sensible defaults for this app. */
export function textInput(attrs = {}) {
    return h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
}

/** A select from [{value, label}]. */
export function select(options, attrs = {}) {
    return h('select', attrs,
        options.map((o) => h('option', { value: o.value, t: o.label })));
}

/** Mark a button as working (disabled, spinner) or done. */
export function setBusy(button, busy) {
    button.disabled = busy;
    button.classList.toggle('is-busy', busy);
    if (busy) button.setAttribute('aria-busy', 'true');
    else button.removeAttribute('aria-busy');
}

/** A modal yes/no question. Resolves true when confirmed; Escape or Cancel resolve false. */
export function confirmDialog({ title, body, confirm, danger = false }) {
    return new Promise((resolve) => {
        const titleId = uid('dialog-title');
        const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId },
            h('form', { method: 'dialog' },
                h('h2', { class: 'dialog-title', id: titleId, t: title }),
                h('p', { class: 'dialog-body', t: body }),
                h('div', { class: 'dialog-actions' },
                    h('button', { class: 'btn btn-secondary', value: 'cancel', t: 'common.cancel' }),
                    h('button', { class: ['btn', danger ? 'btn-danger' : 'btn-primary'], value: 'ok', t: confirm }))));
        dialog.addEventListener('close', () => {
            resolve(dialog.returnValue === 'ok');
            dialog.remove();
        });
        document.body.append(dialog);
        dialog.showModal();
    });
}

/**
 * A clearly marked box that shows a generated password once, with a copy button.
 * intro is a label ("Account nguyenvana"); onDone runs when the user says they have noted it.
 */
export function secretBox({ title, intro, secret, onDone }) {
    const titleId = uid('secret-title');
    const value = h('code', { class: 'secret-value' }, secret);
    const copyStatus = h('span', { class: 'secret-copy-status', 'aria-live': 'polite' });
    const copyButton = h('button', {
        type: 'button',
        class: 'btn btn-secondary',
        t: 'secret.copy',
        on: {
            click: async () => {
                const ok = await copyText(secret, value);
                setLabel(copyStatus, ok ? 'secret.copied' : 'secret.copy_failed');
            },
        },
    });
    const box = h('section', { class: 'secret-box', 'aria-labelledby': titleId, tabindex: '-1' },
        h('h2', { class: 'secret-title', id: titleId, t: title }),
        h('p', { class: 'secret-intro', t: intro }),
        h('div', { class: 'secret-row' }, value, copyButton, copyStatus),
        h('p', { class: 'secret-warning', t: 'secret.copy_now' }),
        h('div', { class: 'secret-actions' },
            h('button', {
                type: 'button',
                class: 'btn btn-primary',
                t: 'secret.done',
                on: {
                    click: () => {
                        box.remove();
                        if (onDone) onDone();
                    },
                },
            })));
    return box;
}

// navigator.clipboard needs a secure context; on plain-HTTP LAN set-ups fall back to selecting
// the text and the legacy copy command, and leave it selected so Ctrl+C works if that fails too.
async function copyText(text, element) {
    try {
        if (window.isSecureContext && navigator.clipboard) {
            await navigator.clipboard.writeText(text);
            return true;
        }
    } catch {
        // Fall through to the selection fallback.
    }
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try {
        return document.execCommand('copy');
    } catch {
        return false;
    }
}

/** A loading indicator. */
export function loading() {
    return h('div', { class: 'loading', role: 'status' },
        h('span', { class: 'spinner', 'aria-hidden': 'true' }),
        h('span', { t: 'common.loading' }));
}

/** The label of a role ('admin' -> "Quản trị viên"); unknown roles show as sent. */
export function roleLabel(role) {
    return has(`role.${role}`) ? `role.${role}` : { text: String(role) };
}

/** Lower-case text without Vietnamese diacritics, for search: "Nguyễn Đức" -> "nguyen duc". */
export function fold(text) {
    return String(text || '')
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[đĐ]/g, 'd')
        .toLowerCase();
}

/** Text typed by a user, as the server stores it: trimmed, Unicode NFC. */
export function cleanText(value) {
    return value.trim().normalize('NFC');
}
