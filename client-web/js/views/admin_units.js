// Admin: the organisation units (party cells and their parents) as an indented list; add a unit.
import { h, setLabel } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { page, field, textInput, messageSlot, setBusy, cleanText } from '../ui.js';

const MAX_INDENT = 4;

export default {
    title: 'units.title',
    async render(ctx) {
        const { units } = await api.listUnits({ signal: ctx.signal });
        return unitsPage(ctx, units);
    },
};

/** Units in tree order (each parent followed by its children, by code), with their depth. */
export function treeOrder(units) {
    const byCode = new Map(units.map((u) => [u.code, u]));
    const children = new Map();
    const roots = [];
    for (const unit of units) {
        if (unit.parent_code && byCode.has(unit.parent_code) && unit.parent_code !== unit.code) {
            if (!children.has(unit.parent_code)) children.set(unit.parent_code, []);
            children.get(unit.parent_code).push(unit);
        } else {
            roots.push(unit);
        }
    }
    const byCodeOrder = (a, b) => a.code.localeCompare(b.code);
    const out = [];
    const seen = new Set();
    const walk = (unit, depth) => {
        if (seen.has(unit.code)) return;
        seen.add(unit.code);
        out.push({ unit, depth });
        for (const child of (children.get(unit.code) || []).sort(byCodeOrder)) walk(child, depth + 1);
    };
    roots.sort(byCodeOrder).forEach((u) => walk(u, 0));
    // Units caught in a parent cycle have no root; list them at the top level rather than lose them.
    units.filter((u) => !seen.has(u.code)).sort(byCodeOrder).forEach((u) => walk(u, 0));
    return out;
}

function unitsPage(ctx, initialUnits) {
    const { signal } = ctx;
    let units = [...initialUnits];
    const messages = messageSlot();
    const tbody = h('tbody');
    const count = h('p', { class: 'toolbar-count' });

    const fields = {
        code: field({
            label: 'field.code',
            input: textInput({ autocapitalize: 'characters', maxlength: '32' }),
            hint: 'units.code_hint',
        }),
        name: field({ label: 'field.name', input: textInput({ maxlength: '200', spellcheck: 'true' }) }),
        parent_code: field({ label: 'field.parent_code', input: h('select') }),
    };
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', t: 'units.create' });
    const formMessages = messageSlot();
    const addButton = h('button', {
        type: 'button',
        class: 'btn btn-primary',
        'aria-expanded': 'false',
        t: 'units.add',
        on: { click: () => toggleForm(true) },
    });
    const form = h('form', { class: 'card form-card add-form', hidden: true, noValidate: true, on: { submit: onSubmit } },
        h('h2', { class: 'form-title', t: 'units.add_title' }),
        formMessages.el,
        h('div', { class: 'form-grid' }, fields.code.el, fields.name.el, fields.parent_code.el),
        h('div', { class: 'form-actions' },
            submit,
            h('button', { type: 'button', class: 'btn btn-secondary', t: 'common.cancel', on: { click: () => toggleForm(false) } })));

    function fillParentSelect() {
        const parent = fields.parent_code.input;
        const chosen = parent.value;
        parent.replaceChildren(
            h('option', { value: '', t: 'units.no_parent' }),
            ...treeOrder(units).map(({ unit, depth }) => h('option', {
                value: unit.code,
                t: { text: `${'\u00a0\u00a0'.repeat(depth)}${unit.code} — ${unit.name}` },
            })));
        parent.value = chosen;
    }

    function renderRows() {
        const names = new Map(units.map((u) => [u.code, u.name]));
        const rows = treeOrder(units).map(({ unit, depth }) => h('tr', { dataset: { code: unit.code } },
            h('td', { class: 'cell-code' }, h('span', { class: 'unit-code' }, unit.code)),
            h('td', { class: `indent-${Math.min(depth, MAX_INDENT)}` }, unit.name),
            h('td', {}, unit.parent_code
                ? [h('span', { class: 'unit-code' }, unit.parent_code), ' ',
                    h('span', {}, names.get(unit.parent_code) || '')]
                : h('span', { class: 'muted', t: 'units.top_level' }))));
        if (!rows.length) rows.push(h('tr', { class: 'empty-row' }, h('td', { colspan: '3', t: 'units.empty' })));
        tbody.replaceChildren(...rows);
        setLabel(count, { key: 'units.count', params: { total: units.length } });
    }

    function toggleForm(open) {
        if (!open) {
            fields.code.input.value = '';
            fields.name.input.value = '';
            fields.parent_code.input.value = '';
            for (const f of Object.values(fields)) f.setError(null);
            formMessages.hide();
        }
        form.hidden = !open;
        addButton.hidden = open;
        addButton.setAttribute('aria-expanded', String(open));
        (open ? fields.code.input : addButton).focus();
    }

    async function onSubmit(event) {
        event.preventDefault();
        for (const f of Object.values(fields)) f.setError(null);
        formMessages.hide();
        messages.hide();
        const body = {
            code: cleanText(fields.code.input.value),
            name: cleanText(fields.name.input.value),
        };
        const missing = ['code', 'name'].filter((k) => !body[k]);
        for (const k of missing) fields[k].setError('common.required');
        if (missing.length) {
            fields[missing[0]].input.focus();
            return;
        }
        if (fields.parent_code.input.value) body.parent_code = fields.parent_code.input.value;
        setBusy(submit, true);
        try {
            const { unit } = await api.createUnit(body, { signal });
            setBusy(submit, false);
            units = [...units, unit];
            renderRows();
            fillParentSelect();
            toggleForm(false);
            messages.show('success', { key: 'units.created', params: { code: unit.code, name: unit.name } });
        } catch (error) {
            if (signal.aborted) return;
            setBusy(submit, false);
            const message = errorMessage(error);
            // The server names the field for invalid_field and unknown_unit.
            const target = error.code === 'code_taken' ? 'code' : error.details.field;
            if (target && fields[target]) {
                fields[target].setError(message);
                fields[target].input.focus();
            } else {
                formMessages.show('error', message);
            }
        }
    }

    fillParentSelect();
    renderRows();

    return page(ctx, { title: 'units.title', actions: addButton },
        messages.el,
        form,
        h('div', { class: 'toolbar' }, count),
        h('div', { class: 'table-wrap' },
            h('table', { class: 'data-table units-table' },
                h('caption', { class: 'visually-hidden', t: 'units.table_caption' }),
                h('thead', {}, h('tr', {},
                    ['field.code', 'field.name', 'field.parent_code'].map((c) => h('th', { scope: 'col', t: c })))),
                tbody)));
}
