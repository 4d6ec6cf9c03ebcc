// Admin: the audit log, newest first, filtered by who, what, which target and when, paged with
// "show older".
import { h, setLabel } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { page, field, textInput, messageSlot, setBusy, cleanText } from '../ui.js';

const PAGE_SIZE = 100;
const DETAIL_CHARS = 160;

export default {
    title: 'audit.title',
    async render(ctx) {
        const first = await api.auditLog({ limit: PAGE_SIZE }, { signal: ctx.signal });
        return auditPage(ctx, first);
    },
};

/** The choices of the action filter: each family ("exam.") first, then its actions. */
export function actionChoices(actions) {
    const families = [...new Set(actions.filter((a) => a.includes('.')).map((a) => `${a.split('.')[0]}.`))];
    const out = [];
    for (const family of families.sort()) {
        out.push({ value: family, family: true });
        for (const action of actions.filter((a) => a.startsWith(family))) out.push({ value: action, family: false });
    }
    for (const action of actions.filter((a) => !a.includes('.'))) out.push({ value: action, family: false });
    return out;
}

/** A date input's value (local day) as the ISO instant of that day's start, or of the next day's. */
export function dayStart(value, nextDay = false) {
    if (!value) return '';
    const day = new Date(`${value}T00:00:00`);
    if (Number.isNaN(day.getTime())) return '';
    if (nextDay) day.setDate(day.getDate() + 1);
    return day.toISOString();
}

function detailText(detail) {
    if (!detail) return '';
    const text = JSON.stringify(detail);
    return text.length > DETAIL_CHARS ? `${text.slice(0, DETAIL_CHARS)}…` : text;
}

function auditPage(ctx, first) {
    const { signal } = ctx;
    const messages = messageSlot();
    const tbody = h('tbody');
    const count = h('p', { class: 'toolbar-count', 'aria-live': 'polite' });
    const more = h('button', { type: 'button', class: 'btn btn-secondary', t: 'audit.older', on: { click: () => load(false) } });
    let rows = [];
    let nextBefore = null;

    const actionSelect = h('select');
    const fields = {
        actor: field({ label: 'audit.actor', input: textInput({ maxlength: '64', autocomplete: 'off' }) }),
        action: field({ label: 'audit.action', input: actionSelect }),
        target: field({ label: 'audit.target', input: textInput({ maxlength: '64', autocomplete: 'off' }), hint: 'audit.target_hint' }),
        from: field({ label: 'audit.from', input: h('input', { type: 'date' }) }),
        to: field({ label: 'audit.to', input: h('input', { type: 'date' }) }),
    };
    const apply = h('button', { type: 'submit', class: 'btn btn-primary', t: 'audit.apply' });
    const form = h('form', { class: 'card form-card audit-filter', noValidate: true, on: { submit: (e) => { e.preventDefault(); load(true); } } },
        h('div', { class: 'form-grid' }, ...Object.values(fields).map((f) => f.el)),
        h('div', { class: 'form-actions' }, apply,
            h('button', { type: 'button', class: 'btn btn-secondary', t: 'audit.clear', on: { click: clear } })));

    function fillActions(actions) {
        const chosen = actionSelect.value;
        actionSelect.replaceChildren(h('option', { value: '', t: 'audit.any_action' }),
            ...actionChoices(actions).map((c) => h('option', {
                value: c.value,
                t: c.family ? { key: 'audit.family', params: { family: c.value } } : { text: `\u00a0\u00a0${c.value}` },
            })));
        actionSelect.value = chosen;
    }

    function filter() {
        return {
            actor: cleanText(fields.actor.input.value),
            action: actionSelect.value,
            target: cleanText(fields.target.input.value),
            from: dayStart(fields.from.input.value),
            to: dayStart(fields.to.input.value, true),
            limit: PAGE_SIZE,
        };
    }

    function clear() {
        for (const f of Object.values(fields)) f.input.value = '';
        load(true);
    }

    function render() {
        const list = rows.map((row) => h('tr', { dataset: { id: String(row.id) } },
            h('td', { class: 'cell-time' }, new Date(row.at).toLocaleString(document.documentElement.lang || 'vi')),
            h('td', {}, row.actor),
            h('td', {}, h('code', {}, row.action)),
            h('td', {}, row.target || ''),
            h('td', {}, row.address || ''),
            h('td', { class: 'cell-detail', title: row.detail ? JSON.stringify(row.detail) : '' }, detailText(row.detail))));
        if (!list.length) list.push(h('tr', { class: 'empty-row' }, h('td', { colspan: '6', t: 'audit.empty' })));
        tbody.replaceChildren(...list);
        setLabel(count, { key: nextBefore ? 'audit.count_more' : 'audit.count', params: { total: rows.length } });
        more.hidden = !nextBefore;
    }

    function take(pageData, reset) {
        rows = reset ? pageData.rows : [...rows, ...pageData.rows];
        nextBefore = pageData.next_before;
        if (pageData.actions) fillActions(pageData.actions);
        render();
    }

    async function load(reset) {
        messages.hide();
        const button = reset ? apply : more;
        setBusy(button, true);
        try {
            const params = filter();
            if (!reset && nextBefore) params.before = nextBefore;
            take(await api.auditLog(params, { signal }), reset);
        } catch (error) {
            if (signal.aborted) return;
            messages.show('error', errorMessage(error));
        } finally {
            setBusy(button, false);
        }
    }

    take(first, true);

    return page(ctx, { title: 'audit.title' },
        messages.el,
        form,
        h('div', { class: 'toolbar' }, count),
        h('div', { class: 'table-wrap' },
            h('table', { class: 'data-table audit-table' },
                h('caption', { class: 'visually-hidden', t: 'audit.table_caption' }),
                h('thead', {}, h('tr', {},
                    ['audit.at', 'audit.actor', 'audit.action', 'audit.target', 'audit.address', 'audit.detail']
                        .map((c) => h('th', { scope: 'col', t: c })))),
                tbody)),
        h('div', { class: 'form-actions' }, more));
}
