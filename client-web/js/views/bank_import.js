// Lecturer (and admin): import a question file. Check it first (the server reads it and reports
// every problem with line, question number and field), then import: all or nothing, unless the
// user asks for the valid questions only.
import { h, setLabel, uid } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { page, field, textInput, select, messageSlot, setBusy, cleanText } from '../ui.js';
import { IMPORT_FORMATS, IMPORT_ACCEPT, levelLabel, correctLetters, nameFromFile } from './bank_common.js';

export default {
    title: 'bank.import_title',
    async render(ctx) {
        const { banks } = await api.listBanks({ signal: ctx.signal });
        return importPage(ctx, banks);
    },
};

/** The validation report: a summary, the problems as a table, the questions read. */
export function reportView(report) {
    const questions = report.questions || [];
    const errors = report.errors || [];
    const warnings = report.warnings || [];
    const problems = [
        ...errors.map((p) => ({ ...p, kind: 'error' })),
        ...warnings.map((p) => ({ ...p, kind: 'warning' })),
    ];
    const summary = h('p', {
        class: ['report-summary', errors.length ? 'has-errors' : 'no-errors'],
        t: { key: 'bank.report_summary', params: { count: questions.length, errors: errors.length, warnings: warnings.length } },
    });
    const dash = (n) => (Number(n) > 0 ? String(n) : '—');
    const table = problems.length
        ? h('div', { class: 'table-wrap report-table-wrap' },
            h('table', { class: 'data-table report-table' },
                h('caption', { class: 'visually-hidden', t: 'bank.report_caption' }),
                h('thead', {}, h('tr', {},
                    ['bank.col_kind', 'bank.col_line', 'bank.col_question', 'bank.col_field', 'bank.col_message']
                        .map((c) => h('th', { scope: 'col', t: c })))),
                h('tbody', {}, problems.map((p) => h('tr', { class: `problem-${p.kind}` },
                    h('td', {}, h('span', {
                        class: ['badge', p.kind === 'error' ? 'badge-off' : 'badge-note'],
                        t: p.kind === 'error' ? 'bank.kind_error' : 'bank.kind_warning',
                    })),
                    h('td', { class: 'cell-number' }, dash(p.line)),
                    h('td', { class: 'cell-number' }, dash(p.question)),
                    h('td', { class: 'cell-field' }, p.field ? h('code', {}, p.field) : '—'),
                    h('td', { class: 'cell-message' }, p.message || p.code || ''))))))
        : null;
    const preview = questions.length
        ? h('details', { class: 'report-preview' },
            h('summary', { t: { key: 'bank.report_preview', params: { count: questions.length } } }),
            h('ol', { class: 'preview-list' }, questions.map((q) => h('li', {},
                h('span', { class: 'preview-stem' }, q.stem),
                h('span', { class: 'preview-meta' },
                    h('span', { t: levelLabel(q.level) }),
                    q.topic ? h('span', {}, q.topic) : null,
                    h('span', { t: { key: 'bank.answer_is', params: { letters: correctLetters(q.options) || '—' } } }))))))
        : null;
    return h('section', { class: 'card report-card', 'aria-live': 'polite' },
        h('h2', { class: 'form-title', t: 'bank.report_title' }),
        summary, table, preview);
}

function importPage(ctx, banks) {
    const { signal } = ctx;
    const messages = messageSlot();
    const sortedBanks = [...banks].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const preset = ctx.query.get('bank');
    let report = null; // the last report, for the file and options it was made for

    const fileField = field({
        label: 'bank.file',
        input: h('input', { type: 'file', accept: IMPORT_ACCEPT, class: 'file-input' }),
        hint: 'bank.file_hint',
    });
    const formatField = field({ label: 'bank.format', input: select(IMPORT_FORMATS) });

    const group = uid('target');
    const newRadio = h('input', { type: 'radio', name: group, value: 'new', id: uid('target-new'), checked: true });
    const existingRadio = h('input', { type: 'radio', name: group, value: 'existing', id: uid('target-existing') });
    const nameField = field({ label: 'bank.new_name', input: textInput({ maxlength: '200', spellcheck: 'true' }) });
    const existingField = field({
        label: 'bank.existing_bank',
        input: select(sortedBanks.map((b) => ({ value: String(b.id), label: { text: b.name } }))),
    });
    if (!sortedBanks.length) existingRadio.disabled = true;
    if (preset && sortedBanks.some((b) => String(b.id) === preset)) {
        existingRadio.checked = true;
        existingField.input.value = preset;
    }
    const targetBox = h('fieldset', { class: 'target-box' },
        h('legend', { t: 'bank.target' }),
        h('div', { class: 'radio-row' }, newRadio, h('label', { for: newRadio.id, t: 'bank.target_new' })),
        nameField.el,
        h('div', { class: 'radio-row' }, existingRadio, h('label', { for: existingRadio.id, t: 'bank.target_existing' })),
        existingField.el);

    const partial = h('input', { type: 'checkbox', id: uid('partial') });
    const partialRow = h('div', { class: 'check-row partial-row', hidden: true },
        partial, h('label', { for: partial.id, t: 'bank.partial' }));
    const checkButton = h('button', { type: 'button', class: 'btn btn-secondary', t: 'bank.check' });
    const importButton = h('button', { type: 'button', class: 'btn btn-primary', t: 'bank.import', disabled: true });
    const importHint = h('p', { class: 'field-hint import-hint', t: 'bank.import_needs_check' });
    const reportSlot = h('div', { class: 'report-slot' });

    function file() {
        return fileField.input.files && fileField.input.files[0];
    }

    function targetName() {
        if (existingRadio.checked) {
            const bank = sortedBanks.find((b) => String(b.id) === existingField.input.value);
            return bank ? bank.name : '';
        }
        return cleanText(nameField.input.value);
    }

    function syncTarget() {
        nameField.input.disabled = !newRadio.checked;
        existingField.input.disabled = !existingRadio.checked;
        nameField.setError(null);
    }

    function syncImport() {
        const errors = report ? (report.errors || []).length : 0;
        const count = report ? (report.questions || []).length : 0;
        partialRow.hidden = !report || errors === 0 || count === 0;
        let hint = null;
        if (!report) hint = 'bank.import_needs_check';
        else if (count === 0) hint = 'bank.import_nothing';
        else if (errors && !partial.checked) hint = 'bank.import_blocked';
        importButton.disabled = Boolean(hint);
        importHint.hidden = !hint;
        if (hint) setLabel(importHint, hint);
        if (report && count) {
            setLabel(importButton, { key: 'bank.import_count', params: { count } });
        } else {
            setLabel(importButton, 'bank.import');
        }
    }

    /** A new file or format makes the old report stale. */
    function resetReport() {
        report = null;
        partial.checked = false;
        reportSlot.replaceChildren();
        messages.hide();
        syncImport();
    }

    function showReport(data) {
        report = data;
        reportSlot.replaceChildren(reportView(data));
        syncImport();
    }

    function uploadParams() {
        const chosen = file();
        const params = { filename: chosen.name };
        if (formatField.input.value) params.format = formatField.input.value;
        return params;
    }

    async function onCheck() {
        messages.hide();
        fileField.setError(null);
        const chosen = file();
        if (!chosen) {
            fileField.setError('bank.file_required');
            fileField.input.focus();
            return;
        }
        setBusy(checkButton, true);
        try {
            const data = await api.validateBank(chosen, uploadParams(), { signal });
            showReport(data);
            reportSlot.scrollIntoView({ block: 'nearest' });
        } catch (error) {
            if (signal.aborted) return;
            messages.show('error', errorMessage(error));
        } finally {
            if (!signal.aborted) setBusy(checkButton, false);
        }
    }

    async function onImport() {
        messages.hide();
        const chosen = file();
        const name = targetName();
        if (!chosen || !report) return;
        if (!name) {
            nameField.setError('common.required');
            nameField.input.focus();
            return;
        }
        setBusy(importButton, true);
        try {
            const params = { name, ...uploadParams() };
            if (partial.checked) params.partial = true;
            const data = await api.importBank(chosen, params, { signal });
            ctx.flash('success', { key: 'bank.imported', params: { count: data.imported, name } });
            ctx.navigate(`/banks/${data.bank_id}`);
        } catch (error) {
            if (signal.aborted) return;
            setBusy(importButton, false);
            if (error.code === 'invalid_questions' && error.body) showReport(error.body);
            if (error.details && error.details.field === 'name') nameField.setError(errorMessage(error));
            else messages.show('error', errorMessage(error));
        }
    }

    fileField.input.addEventListener('change', () => {
        fileField.setError(null);
        const chosen = file();
        if (chosen && !nameField.input.value) nameField.input.value = nameFromFile(chosen.name);
        resetReport();
    });
    formatField.input.addEventListener('change', resetReport);
    newRadio.addEventListener('change', syncTarget);
    existingRadio.addEventListener('change', syncTarget);
    partial.addEventListener('change', syncImport);
    checkButton.addEventListener('click', onCheck);
    importButton.addEventListener('click', onImport);
    syncTarget();
    syncImport();

    return page(ctx, {
        title: 'bank.import_title',
        actions: h('a', { class: 'btn btn-secondary', href: '#/banks', t: 'bank.back_to_list' }),
    },
    messages.el,
    h('section', { class: 'card form-card import-card' },
        h('p', { class: 'lead import-intro', t: 'bank.import_intro' }),
        h('div', { class: 'form-grid' },
            h('div', {}, fileField.el, formatField.el),
            targetBox),
        partialRow,
        h('div', { class: 'form-actions' }, checkButton, importButton),
        importHint),
    reportSlot);
}
