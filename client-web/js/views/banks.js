// Lecturer (and admin): the question banks, with a link to each bank's questions and an export.
import { h } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { getLang } from '../i18n.js';
import { page, select, messageSlot, setBusy } from '../ui.js';
import { EXPORT_FORMATS } from './bank_common.js';

const COLUMNS = ['bank.col_name', 'bank.col_count', 'bank.col_created', 'bank.col_actions'];

export default {
    title: 'bank.list_title',
    async render(ctx) {
        const { banks } = await api.listBanks({ signal: ctx.signal });
        return banksPage(ctx, banks);
    },
};

/** "25/11/2026" (the same day order in both languages). */
export function formatDate(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return String(iso || '');
    return new Intl.DateTimeFormat(getLang() === 'en' ? 'en-GB' : 'vi-VN',
        { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

/** Save a downloaded Blob under a file name through a temporary object URL. */
function saveBlob(blob, fileName) {
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: fileName, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * Fetch a file with fetchFile() (resolving to {blob, fileName}), save it under its name (or
 * fallbackName) and show `done` in `messages`; `button` is busy meanwhile. Errors show in `messages`.
 */
export async function download({ messages, button, signal, fetchFile, fallbackName, done }) {
    messages.hide();
    setBusy(button, true);
    try {
        const { blob, fileName } = await fetchFile();
        saveBlob(blob, fileName || fallbackName);
        messages.show('success', done);
    } catch (error) {
        if (signal.aborted) return;
        messages.show('error', errorMessage(error));
    } finally {
        if (!signal.aborted) setBusy(button, false);
    }
}

function banksPage(ctx, banks) {
    const { signal } = ctx;
    const messages = messageSlot();
    const sorted = [...banks].sort((a, b) => a.name.localeCompare(b.name, 'vi'));

    function exportBank(bank, format, button) {
        return download({
            messages,
            button,
            signal,
            fetchFile: () => api.exportBank(bank.id, format, { signal }),
            fallbackName: `bank-${bank.id}.${format}`,
            done: { key: 'bank.exported', params: { name: bank.name } },
        });
    }

    function bankRow(bank) {
        const format = select(EXPORT_FORMATS, {
            class: 'select-small',
            ta: { 'aria-label': { key: 'bank.export_format_for', params: { name: bank.name } } },
        });
        const exportButton = h('button', {
            type: 'button',
            class: 'btn btn-small btn-secondary',
            t: 'bank.export',
            on: { click: () => exportBank(bank, format.value, exportButton) },
        });
        return h('tr', { dataset: { bankId: String(bank.id) } },
            h('td', { class: 'cell-bank' },
                h('a', { class: 'bank-name', href: `#/banks/${bank.id}` }, bank.name),
                bank.description ? h('p', { class: 'bank-description' }, bank.description) : null),
            h('td', { class: 'cell-number' }, String(bank.question_count)),
            h('td', { class: 'cell-date' }, formatDate(bank.created_at)),
            h('td', { class: 'cell-actions' },
                h('div', { class: 'row-actions' },
                    h('a', { class: 'btn btn-small btn-primary', href: `#/banks/${bank.id}`, t: 'bank.view_questions' }),
                    h('span', { class: 'export-group' }, format, exportButton))));
    }

    const rows = sorted.map(bankRow);
    if (!rows.length) {
        rows.push(h('tr', { class: 'empty-row' }, h('td', { colspan: String(COLUMNS.length), t: 'bank.list_empty' })));
    }
    const table = h('div', { class: 'table-wrap' },
        h('table', { class: 'data-table banks-table' },
            h('caption', { class: 'visually-hidden', t: 'bank.list_caption' }),
            h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col', t: c })))),
            h('tbody', {}, rows)));

    return page(ctx, {
        title: 'bank.list_title',
        actions: h('a', { class: 'btn btn-primary', href: '#/banks/import', t: 'bank.import_action' }),
    },
    messages.el,
    h('p', { class: 'toolbar-count', t: { key: 'bank.list_count', params: { total: banks.length } } }),
    table,
    h('p', { class: 'field-hint bank-note', t: 'bank.count_note' }));
}
