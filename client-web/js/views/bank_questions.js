// Lecturer (and admin): one bank's questions. Filter by topic and level, search the text, show
// retired ones; edit a question (the server keeps it as a new revision), retire / restore it, add
// one; download the printable review (HTML or PDF). Every question text goes on the page as text
// (textContent), also when its format is "html" (stored sanitized): the markup then shows as typed.
// The editor's "Xem như thí sinh" shows the question being edited on the candidate's own card
// (candidate_preview.js), where an "html" text is built from the exam screen's whitelist.
import { h, setLabel, setAttrLabels, uid } from '../dom.js';
import { api, errorMessage, ApiError } from '../api.js';
import { page, field, textInput, select, messageSlot, setBusy, cleanText } from '../ui.js';
import { download } from './banks.js';
import {
    LEVELS, levelLabel, letter, correctLetters, weightsFor, problemTarget, MIN_OPTIONS, MAX_OPTIONS,
} from './bank_common.js';
import { previewCards, questionAsShown, shuffledOrder } from './candidate_preview.js';

const PAGE_SIZE = 200;
const SEARCH_DELAY_MS = 300;
const COLUMNS = ['bank.col_stem', 'bank.col_level', 'bank.col_options', 'bank.col_answer', 'bank.col_revision', 'bank.col_actions'];

export default {
    title: 'bank.questions_title',
    async render(ctx) {
        const [{ banks }, { questions }] = await Promise.all([
            api.listBanks({ signal: ctx.signal }),
            api.listQuestions(ctx.params.id, { limit: PAGE_SIZE }, { signal: ctx.signal }),
        ]);
        const bank = banks.find((b) => String(b.id) === String(ctx.params.id));
        if (!bank) throw new ApiError(404, 'not_found');
        return questionsPage(ctx, bank, questions);
    },
};

function questionsPage(ctx, bank, firstPage) {
    const { signal } = ctx;
    const messages = messageSlot();
    const rows = new Map(); // question id -> {question, tr}
    const topics = new Set();
    const tbody = h('tbody');
    const count = h('p', { class: 'toolbar-count', 'aria-live': 'polite' });
    const more = h('button', { type: 'button', class: 'btn btn-secondary', t: 'bank.load_more', hidden: true });
    let loadController = null;
    let searchTimer = null;
    let loaded = 0; // how many the last query returned in all (for "load more")

    // ---------- filters ----------
    const topicSelect = h('select');
    const levelSelect = select([{ value: '', label: 'bank.all_levels' }, ...LEVELS]);
    const search = textInput({ type: 'search', class: 'search-input', ta: { placeholder: 'bank.search_placeholder' } });
    const retired = h('input', { type: 'checkbox', id: uid('retired') });
    const topicField = field({ label: 'bank.topic', input: topicSelect });
    const levelField = field({ label: 'bank.level', input: levelSelect });
    const searchField = field({ label: 'bank.search', input: search });

    function fillTopics() {
        const chosen = topicSelect.value;
        topicSelect.replaceChildren(
            h('option', { value: '', t: 'bank.all_topics' }),
            ...[...topics].sort((a, b) => a.localeCompare(b, 'vi')).map((topic) => h('option', { value: topic }, topic)));
        topicSelect.value = chosen;
    }

    function noteTopics(questions) {
        const before = topics.size;
        for (const q of questions) if (q.topic) topics.add(q.topic);
        if (topics.size !== before) fillTopics();
    }

    function filter() {
        return {
            topic: topicSelect.value,
            level: levelSelect.value,
            q: cleanText(search.value),
            retired: retired.checked,
        };
    }

    async function load({ append = false } = {}) {
        clearTimeout(searchTimer);
        if (loadController) loadController.abort();
        const controller = new AbortController();
        loadController = controller;
        signal.addEventListener('abort', () => controller.abort());
        const offset = append ? loaded : 0;
        tbody.setAttribute('aria-busy', 'true');
        try {
            const { questions } = await api.listQuestions(bank.id,
                { ...filter(), limit: PAGE_SIZE, offset: offset || null }, { signal: controller.signal });
            if (controller.signal.aborted) return;
            showQuestions(questions, append);
        } catch (error) {
            if (controller.signal.aborted) return;
            messages.show('error', errorMessage(error));
        } finally {
            if (loadController === controller) tbody.removeAttribute('aria-busy');
        }
    }

    function showQuestions(questions, append) {
        if (!append) {
            rows.clear();
            tbody.replaceChildren();
            loaded = 0;
        }
        loaded += questions.length;
        noteTopics(questions);
        for (const q of questions) putRow(q);
        more.hidden = questions.length < PAGE_SIZE;
        updateCount();
    }

    function updateCount() {
        if (!rows.size) {
            tbody.replaceChildren(h('tr', { class: 'empty-row' },
                h('td', { colspan: String(COLUMNS.length), t: hasFilter() ? 'bank.none_match' : 'bank.questions_empty' })));
        } else {
            const empty = tbody.querySelector('.empty-row');
            if (empty) empty.remove();
        }
        setLabel(count, { key: 'bank.questions_count', params: { count: rows.size } });
    }

    function hasFilter() {
        const f = filter();
        return Boolean(f.topic || f.level || f.q);
    }

    // ---------- rows ----------
    function putRow(q, { first = false } = {}) {
        const tr = questionRow(q);
        const existing = rows.get(q.id);
        if (existing) existing.tr.replaceWith(tr);
        else if (first) tbody.prepend(tr);
        else tbody.append(tr);
        rows.set(q.id, { question: q, tr });
    }

    function questionRow(q) {
        const options = q.options || [];
        const edit = h('button', {
            type: 'button',
            class: 'btn btn-small btn-secondary',
            t: 'bank.edit',
            on: { click: () => form.open(q) },
        });
        const toggle = h('button', {
            type: 'button',
            class: ['btn', 'btn-small', q.retired ? 'btn-secondary' : 'btn-danger-outline'],
            t: q.retired ? 'bank.restore' : 'bank.retire',
            on: { click: () => setRetired(q, !q.retired, toggle) },
        });
        return h('tr', { class: q.retired ? 'row-disabled' : null, dataset: { questionId: String(q.id) } },
            h('td', { class: 'cell-stem' },
                h('p', { class: 'question-stem' }, q.stem),
                h('p', { class: 'question-meta' },
                    q.topic ? h('span', { class: 'question-topic' }, q.topic) : null,
                    q.code ? h('span', { class: 'unit-code' }, q.code) : null,
                    q.multiple ? h('span', { class: 'badge badge-info', t: 'bank.multiple_badge' }) : null,
                    q.format === 'html' ? h('span', { class: 'badge badge-note', t: 'bank.html_badge', ta: { title: 'bank.html_note' } }) : null,
                    q.media && q.media.length
                        ? h('span', { class: 'badge badge-note', t: { key: 'bank.media_badge', params: { count: q.media.length } } })
                        : null,
                    q.retired ? h('span', { class: 'badge badge-off', t: 'bank.retired_badge' }) : null)),
            h('td', { class: 'cell-level', t: levelLabel(q.level) }),
            h('td', { class: 'cell-number' }, String(options.length)),
            h('td', { class: 'cell-answer' }, correctLetters(options) || '—'),
            h('td', { class: 'cell-revision', t: { key: 'bank.revision', params: { revision: q.revision } } }),
            h('td', { class: 'cell-actions' }, h('div', { class: 'row-actions' }, edit, toggle)));
    }

    async function setRetired(q, retire, button) {
        messages.hide();
        setBusy(button, true);
        try {
            const { question } = retire
                ? await api.retireQuestion(q.id, { signal })
                : await api.restoreQuestion(q.id, { signal });
            // The row stays (with its badge and a "use again" button) until the list is reloaded.
            putRow(question);
            messages.show('success', retire ? 'bank.retired_done' : 'bank.restored_done');
        } catch (error) {
            if (signal.aborted) return;
            setBusy(button, false);
            messages.show('error', errorMessage(error));
        }
    }

    // ---------- edit / add ----------
    const form = questionForm(ctx, bank, {
        onSaved(question, created) {
            putRow(question, { first: created });
            noteTopics([question]);
            updateCount();
            const tr = rows.get(question.id).tr;
            tr.classList.add('row-saved');
            tr.scrollIntoView({ block: 'nearest' });
            messages.show('success', created
                ? 'bank.created_done'
                : { key: 'bank.saved_done', params: { revision: question.revision } });
        },
        onToggle(open) {
            addButton.hidden = open;
        },
        knownTopics: () => [...topics].sort((a, b) => a.localeCompare(b, 'vi')),
    });
    const addButton = h('button', { type: 'button', class: 'btn btn-primary', t: 'bank.add', on: { click: () => form.open(null) } });

    // ---------- printable review ----------
    const reviewButtons = [['html', 'bank.review_html'], ['pdf', 'bank.review_pdf']].map(([format, label]) => {
        const button = h('button', { type: 'button', class: 'btn btn-secondary', t: label });
        button.addEventListener('click', () => download({
            messages,
            button,
            signal,
            fetchFile: () => api.reviewBank(bank.id, format, { signal }),
            fallbackName: `bank-${bank.id}-review.${format}`,
            done: { key: 'bank.review_done', params: { name: bank.name } },
        }));
        return button;
    });

    topicSelect.addEventListener('change', () => load());
    levelSelect.addEventListener('change', () => load());
    retired.addEventListener('change', () => load());
    search.addEventListener('input', () => {
        clearTimeout(searchTimer);
        searchTimer = setTimeout(() => load(), SEARCH_DELAY_MS);
    });
    search.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') load();
    });
    more.addEventListener('click', () => load({ append: true }));
    signal.addEventListener('abort', () => clearTimeout(searchTimer));

    fillTopics();
    showQuestions(firstPage, false);

    const table = h('div', { class: 'table-wrap' },
        h('table', { class: 'data-table questions-table' },
            h('caption', { class: 'visually-hidden', t: { key: 'bank.questions_caption', params: { name: bank.name } } }),
            h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col', t: c })))),
            tbody));

    return page(ctx, {
        title: { text: bank.name },
        actions: [
            h('a', { class: 'btn btn-secondary', href: '#/banks', t: 'bank.back_to_list' }),
            h('a', { class: 'btn btn-secondary', href: `#/banks/import?bank=${bank.id}`, t: 'bank.import_into' }),
            ...reviewButtons,
            addButton,
        ],
    },
    messages.el,
    form.el,
    h('div', { class: 'toolbar question-filters' },
        topicField.el, levelField.el, searchField.el,
        h('div', { class: 'check-row filter-check' }, retired, h('label', { for: retired.id, t: 'bank.show_retired' }))),
    count,
    table,
    h('p', { class: 'load-more' }, more));
}

/** The add / edit form. open(question) edits it (a new revision); open(null) adds a question. */
function questionForm(ctx, bank, { onSaved, onToggle, knownTopics }) {
    const { signal } = ctx;
    let editing = null; // the question being edited, or null when adding
    let optionRows = [];
    const messages = messageSlot();
    const title = h('h2', { class: 'form-title' });
    const revisionNote = h('p', { class: 'field-hint revision-note' });
    const htmlNote = h('div', { class: 'notice notice-warning', hidden: true }, h('span', { t: 'bank.html_note' }));

    const topicList = uid('topics');
    const fields = {
        stem: field({ label: 'bank.stem', input: h('textarea', { rows: '3', spellcheck: 'true', class: 'textarea' }) }),
        topic: field({ label: 'bank.topic', input: textInput({ maxlength: '200', spellcheck: 'true', list: topicList }) }),
        level: field({ label: 'bank.level', input: select(LEVELS) }),
        points: field({ label: 'bank.points', input: h('input', { type: 'number', min: '0', step: '0.25', class: 'input-number' }) }),
        explanation: field({
            label: 'bank.explanation',
            input: h('textarea', { rows: '2', spellcheck: 'true', class: 'textarea' }),
            hint: 'bank.explanation_hint',
        }),
    };
    const datalist = h('datalist', { id: topicList });

    const modeName = uid('mode');
    const singleRadio = h('input', { type: 'radio', name: modeName, value: 'single', id: uid('mode-single'), checked: true });
    const multipleRadio = h('input', { type: 'radio', name: modeName, value: 'multiple', id: uid('mode-multiple') });
    const optionsError = h('p', { class: 'field-error', hidden: true, role: 'alert' });
    const optionList = h('ol', { class: 'option-list' });
    const addOption = h('button', { type: 'button', class: 'btn btn-small btn-secondary', t: 'bank.add_option' });
    const noShuffle = h('input', { type: 'checkbox', id: uid('no-shuffle') });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' });
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary', t: 'common.cancel', on: { click: () => close() } });

    const optionsBox = h('fieldset', { class: 'options-box' },
        h('legend', { t: 'bank.options' }),
        h('div', { class: 'mode-row', role: 'radiogroup', ta: { 'aria-label': 'bank.answer_mode' } },
            h('span', { class: 'mode-label', t: 'bank.answer_mode' }),
            h('span', { class: 'radio-row' }, singleRadio, h('label', { for: singleRadio.id, t: 'bank.mode_single' })),
            h('span', { class: 'radio-row' }, multipleRadio, h('label', { for: multipleRadio.id, t: 'bank.mode_multiple' }))),
        h('p', { class: 'field-hint', t: 'bank.weight_hint' }),
        optionsError,
        optionList,
        h('p', { class: 'option-actions' }, addOption));

    // "Xem như thí sinh": the question as it stands in the form, on the exam screen's own card.
    const previewTitleId = uid('preview-title');
    const previewPanel = h('section', { class: 'preview-panel question-preview', hidden: true, 'aria-labelledby': previewTitleId });
    const previewToggle = h('button', {
        type: 'button', class: 'btn btn-secondary preview-toggle', 'aria-pressed': 'false', t: 'bank.preview_as_candidate',
    });
    const previewNote = h('p', { class: 'field-hint preview-note' });
    const reshuffle = h('button', { type: 'button', class: 'btn btn-small btn-secondary preview-reshuffle', t: 'bank.preview_reshuffle' });
    const previewBody = h('div', { class: 'preview-body' });
    previewPanel.append(
        h('h3', { class: 'preview-title', id: previewTitleId, t: 'bank.preview_title' }),
        h('div', { class: 'preview-bar' }, previewNote, reshuffle),
        previewBody);
    previewPanel.id = uid('question-preview');
    previewToggle.setAttribute('aria-controls', previewPanel.id);
    let previewOrder = null; // option indexes as shown; null: draw again
    let previewShuffles = false; // whether previewOrder was shuffled

    const el = h('form', { class: 'card form-card question-form', hidden: true, noValidate: true },
        title, revisionNote, htmlNote, messages.el,
        fields.stem.el,
        h('div', { class: 'form-grid form-grid-3' }, fields.topic.el, fields.level.el, fields.points.el),
        datalist,
        optionsBox,
        fields.explanation.el,
        h('div', { class: 'check-row' }, noShuffle, h('label', { for: noShuffle.id, t: 'bank.no_shuffle' })),
        h('div', { class: 'form-actions' }, submit, cancel, previewToggle),
        previewPanel);

    /** Shows the form's question in the preview (when open), unsaved edits included. */
    function renderPreview() {
        if (previewPanel.hidden) return;
        const question = body();
        const count = question.options.length;
        const shuffles = question.shuffle_options !== false;
        if (!previewOrder || previewOrder.length !== count || shuffles !== previewShuffles) {
            previewOrder = shuffles ? shuffledOrder(count) : [...Array(count).keys()];
            previewShuffles = shuffles;
        }
        reshuffle.hidden = !shuffles;
        setLabel(previewNote, shuffles ? 'bank.preview_shuffled' : 'bank.preview_fixed');
        previewBody.replaceChildren(previewCards([questionAsShown(question, previewOrder)]).el);
    }

    function showPreview(on) {
        previewPanel.hidden = !on;
        previewToggle.setAttribute('aria-pressed', String(on));
        previewOrder = null;
        renderPreview();
    }

    function multiple() {
        return multipleRadio.checked;
    }

    function optionRow(option) {
        const row = { feedback: option.feedback || '' };
        const id = uid('option');
        row.text = h('textarea', { rows: '1', spellcheck: 'true', class: 'textarea option-text', id: `${id}-text` });
        row.text.value = option.text || '';
        row.weight = h('input', { type: 'number', min: '-100', max: '100', step: '0.01', class: 'input-number option-weight', id: `${id}-weight` });
        row.weight.value = String(Number(option.weight) || 0);
        row.correct = h('input', { id: `${id}-correct` });
        row.letter = h('span', { class: 'option-letter', 'aria-hidden': 'true' });
        row.textLabel = h('label', { class: 'visually-hidden', for: row.text.id });
        row.weightLabel = h('label', { class: 'option-weight-label', for: row.weight.id, t: 'bank.weight' });
        row.correctLabel = h('label', { for: row.correct.id, t: 'bank.correct' });
        row.error = h('p', { class: 'field-error', hidden: true });
        row.remove = h('button', { type: 'button', class: 'btn btn-small btn-danger-outline', t: 'bank.remove_option' });
        row.el = h('li', { class: 'option-row' },
            row.letter,
            h('div', { class: 'option-main' }, row.textLabel, row.text, row.error),
            h('span', { class: 'option-correct' }, row.correct, row.correctLabel),
            h('span', { class: 'option-weight-box' }, row.weightLabel, row.weight),
            row.remove);
        row.correct.addEventListener('change', () => applyCorrect(row));
        row.weight.addEventListener('input', syncCorrectFromWeights);
        row.remove.addEventListener('click', () => {
            optionRows = optionRows.filter((r) => r !== row);
            row.el.remove();
            relabelOptions();
            (optionRows[0] ? optionRows[0].text : addOption).focus();
        });
        return row;
    }

    function relabelOptions() {
        const radioName = `${modeName}-correct`;
        optionRows.forEach((row, i) => {
            row.letter.textContent = letter(i);
            setLabel(row.textLabel, { key: 'bank.option_text', params: { letter: letter(i) } });
            row.correct.type = multiple() ? 'checkbox' : 'radio';
            row.correct.name = multiple() ? '' : radioName;
            row.remove.disabled = optionRows.length <= MIN_OPTIONS;
            setAttrLabels(row.remove, { 'aria-label': { key: 'bank.remove_option_for', params: { letter: letter(i) } } });
        });
        addOption.disabled = optionRows.length >= MAX_OPTIONS;
        syncCorrectFromWeights();
    }

    function syncCorrectFromWeights() {
        for (const row of optionRows) row.correct.checked = Number(row.weight.value) > 0;
    }

    /** A "correct" box changed: recompute the weights (100, or equal shares adding up to 100). */
    function applyCorrect(changed) {
        if (!multiple() && changed.correct.checked) {
            for (const row of optionRows) if (row !== changed) row.correct.checked = false;
        }
        const chosen = optionRows.map((r, i) => (r.correct.checked ? i : -1)).filter((i) => i >= 0);
        const weights = weightsFor(optionRows.map((r) => ({ weight: Number(r.weight.value) || 0 })), chosen);
        optionRows.forEach((row, i) => { row.weight.value = String(weights[i]); });
    }

    function setMode(isMultiple) {
        if (!isMultiple) {
            // Keep only the first correct option.
            const first = optionRows.find((r) => Number(r.weight.value) > 0);
            optionRows.forEach((row) => { row.correct.checked = row === first; });
            const weights = weightsFor(optionRows.map((r) => ({ weight: Number(r.weight.value) || 0 })),
                first ? [optionRows.indexOf(first)] : []);
            optionRows.forEach((row, i) => { row.weight.value = String(weights[i]); });
        }
        relabelOptions();
    }

    function setOptions(options) {
        optionRows = options.map(optionRow);
        optionList.replaceChildren(...optionRows.map((r) => r.el));
        relabelOptions();
    }

    function clearErrors() {
        for (const f of Object.values(fields)) f.setError(null);
        optionsError.hidden = true;
        for (const row of optionRows) {
            row.error.hidden = true;
            row.el.classList.remove('invalid');
            row.text.removeAttribute('aria-invalid');
            row.weight.removeAttribute('aria-invalid');
        }
        messages.hide();
    }

    function open(question) {
        editing = question;
        clearErrors();
        const q = question || {
            stem: '', topic: '', level: 'nhan_biet', points: 1, explanation: '', shuffle_options: true,
            options: [{ text: '', weight: 0 }, { text: '', weight: 0 }, { text: '', weight: 0 }, { text: '', weight: 0 }],
        };
        setLabel(title, question ? 'bank.edit_title' : 'bank.add_title');
        setLabel(submit, question ? 'bank.save_revision' : 'bank.create');
        if (question) {
            setLabel(revisionNote, { key: 'bank.revision_note', params: { revision: question.revision, next: question.revision + 1 } });
        }
        revisionNote.hidden = !question;
        htmlNote.hidden = q.format !== 'html';
        fields.stem.input.value = q.stem || '';
        fields.topic.input.value = q.topic || '';
        fields.level.input.value = q.level || 'nhan_biet';
        fields.points.input.value = String(q.points ?? 1);
        fields.explanation.input.value = q.explanation || '';
        noShuffle.checked = q.shuffle_options === false;
        const options = (q.options || []).length ? q.options : [{ text: '', weight: 0 }, { text: '', weight: 0 }];
        (options.filter((o) => Number(o.weight) > 0).length > 1 ? multipleRadio : singleRadio).checked = true;
        setOptions(options);
        datalist.replaceChildren(...knownTopics().map((topic) => h('option', { value: topic })));
        showPreview(false);
        el.hidden = false;
        if (onToggle) onToggle(true);
        el.scrollIntoView({ block: 'start' });
        fields.stem.input.focus({ preventScroll: true });
    }

    function close() {
        el.hidden = true;
        editing = null;
        clearErrors();
        if (onToggle) onToggle(false);
    }

    function numberOrNull(input) {
        const text = input.value.trim();
        if (!text) return null;
        const n = Number(text);
        return Number.isFinite(n) ? n : null;
    }

    function body() {
        const out = {
            topic: cleanText(fields.topic.input.value),
            level: fields.level.input.value,
            stem: cleanText(fields.stem.input.value),
            options: optionRows.map((row) => {
                const option = { text: cleanText(row.text.value), weight: numberOrNull(row.weight) };
                if (row.feedback) option.feedback = row.feedback;
                return option;
            }),
            points: numberOrNull(fields.points.input),
            explanation: cleanText(fields.explanation.input.value),
            shuffle_options: !noShuffle.checked,
        };
        // A PUT replaces the whole question: carry over what this form does not edit.
        if (editing) {
            if (editing.code) out.id = editing.code;
            if (editing.tags) out.tags = editing.tags;
            if (editing.format) out.format = editing.format;
            if (editing.media) out.media = editing.media;
        }
        return out;
    }

    function showProblems(problems) {
        let first = null;
        const loose = [];
        for (const p of problems) {
            const message = { text: p.message || p.code };
            const target = problemTarget(p.field);
            if (target && target.name === 'option' && optionRows[target.index]) {
                const row = optionRows[target.index];
                setLabel(row.error, message);
                row.error.hidden = false;
                row.el.classList.add('invalid');
                const input = target.part === 'weight' ? row.weight : row.text;
                input.setAttribute('aria-invalid', 'true');
                first = first || input;
            } else if (target && target.name === 'options') {
                setLabel(optionsError, message);
                optionsError.hidden = false;
                first = first || (optionRows[0] && optionRows[0].text);
            } else if (target && fields[target.name]) {
                fields[target.name].setError(message);
                first = first || fields[target.name].input;
            } else {
                loose.push(p.message || p.code);
            }
        }
        messages.show('error', loose.length ? { text: loose.join(' · ') } : 'error.invalid_questions');
        if (first) first.focus();
    }

    el.addEventListener('submit', async (event) => {
        event.preventDefault();
        clearErrors();
        setBusy(submit, true);
        try {
            const { question } = editing
                ? await api.updateQuestion(editing.id, body(), { signal })
                : await api.createQuestion(bank.id, body(), { signal });
            setBusy(submit, false);
            const created = !editing;
            close();
            onSaved(question, created);
        } catch (error) {
            if (signal.aborted) return;
            setBusy(submit, false);
            if (error.code === 'invalid_questions' && error.body && (error.body.errors || []).length) {
                showProblems(error.body.errors);
            } else {
                messages.show('error', errorMessage(error));
            }
        }
    });
    addOption.addEventListener('click', () => {
        if (optionRows.length >= MAX_OPTIONS) return;
        const row = optionRow({ text: '', weight: 0 });
        optionRows.push(row);
        optionList.append(row.el);
        relabelOptions();
        row.text.focus();
    });
    previewToggle.addEventListener('click', () => showPreview(previewPanel.hidden));
    reshuffle.addEventListener('click', () => {
        previewOrder = null;
        renderPreview();
    });
    // Typing shows at once ("input"); a text field's "change" on leaving it would only redraw the
    // preview under the click that left it.
    const typed = (target) => target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && !['checkbox', 'radio'].includes(target.type));
    for (const type of ['input', 'change']) {
        el.addEventListener(type, (event) => {
            if (previewPanel.contains(event.target) || (type === 'change' && typed(event.target))) return;
            renderPreview();
        });
    }
    singleRadio.addEventListener('change', () => setMode(false));
    multipleRadio.addEventListener('change', () => setMode(true));

    return { el, open, close };
}
