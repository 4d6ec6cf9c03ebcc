// Admin, lecturer: create or edit an exam (title, class, settings, opening window, blueprint) and
// publish it. The blueprint editor has the banks to draw from and one row per cell (topic, level,
// count, points); after saving, the server's check (shortages) is shown, and publish is refused
// with the same shortages while the banks cannot fill it. "Xem trước đề" draws a paper of the saved
// exam as a candidate would get it (GET /api/exams/{id}/preview-paper) and shows it on the exam
// screen's own cards, the key only when asked for.
import { h, setLabel, clear, uid } from '../dom.js';
import { api, listOf, itemOf, errorMessage } from '../api.js';
import { page, field, textInput, select, messageSlot, setBusy, cleanText, notice } from '../ui.js';
import { LEVELS, levelLabel } from './bank_common.js';
import { getLang } from '../i18n.js';
import { formatPoints } from '../exam/format.js';
import { previewCards, paperQuestion } from './candidate_preview.js';

const DEFAULT_SETTINGS = {
    duration_minutes: 45, attempts_allowed: 1, show_score: 'after_submit', show_answers: 'after_close',
    pass_mark: 5, scale: 10, paper_mode: 'per_candidate', variant_count: 4, start_code: false,
};
const SHOW = ['never', 'after_submit', 'after_close'];

export default {
    title: 'exams.edit_title',
    async render(ctx) {
        const id = ctx.params.id;
        const [classesReply, banksReply, examReply] = await Promise.all([
            api.listClasses({ signal: ctx.signal }),
            api.listBanks({ signal: ctx.signal }),
            id ? api.getExam(id, { signal: ctx.signal }) : Promise.resolve(null),
        ]);
        return editPage(ctx, listOf(classesReply, 'classes'), listOf(banksReply, 'banks'), examReply ? itemOf(examReply, 'exam') : null);
    },
};

/** An ISO time as the value of a datetime-local input (local time), '' when missing. */
export function toLocalInput(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '';
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A datetime-local value as ISO UTC, or null when empty. */
export function fromLocalInput(value) {
    if (!value) return null;
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function numberInput(attrs = {}) {
    return h('input', { type: 'number', class: 'input-number', ...attrs });
}

function editPage(ctx, classes, banks, exam) {
    const { signal } = ctx;
    const messages = messageSlot();
    const checkBox = h('div', { class: 'exam-check', 'aria-live': 'polite' });
    const settings = { ...DEFAULT_SETTINGS, ...((exam && exam.settings) || {}) };
    const blueprint = (exam && exam.blueprint) || { bank_ids: [], cells: [], shuffle_questions: true, shuffle_options: true };
    let current = exam;

    // ---------- exam and settings ----------
    const f = {
        title: field({ label: 'exams.field_title', input: textInput({ maxlength: '200', spellcheck: 'true', 'data-autofocus': true }) }),
        class_id: field({ label: 'exams.class', input: h('select', {}, classes.map((c) => h('option', { value: String(c.id) },
            [c.code, c.name].filter(Boolean).join(' — ')))) }),
        duration_minutes: field({ label: 'exams.duration_minutes', input: numberInput({ min: '1', max: '600', step: '1' }) }),
        attempts_allowed: field({ label: 'exams.attempts_allowed', input: numberInput({ min: '1', max: '20', step: '1' }) }),
        show_score: field({ label: 'exams.show_score', input: select(SHOW.map((v) => ({ value: v, label: `exams.show.${v}` }))) }),
        show_answers: field({ label: 'exams.show_answers', input: select(SHOW.map((v) => ({ value: v, label: `exams.show.${v}` }))) }),
        pass_mark: field({ label: 'exams.pass_mark', input: numberInput({ min: '0', step: '0.25' }) }),
        scale: field({ label: 'exams.scale', input: numberInput({ min: '1', step: '1' }) }),
        paper_mode: field({ label: 'exams.paper_mode', input: select([
            { value: 'per_candidate', label: 'exams.mode_per_candidate' }, { value: 'variants', label: 'exams.mode_variants' }]) }),
        variant_count: field({ label: 'exams.variant_count', input: numberInput({ min: '1', max: '99', step: '1' }) }),
        opens_at: field({ label: 'exams.opens_at', input: h('input', { type: 'datetime-local' }), hint: 'exams.window_hint' }),
        closes_at: field({ label: 'exams.closes_at', input: h('input', { type: 'datetime-local' }) }),
    };
    const startCode = h('input', { type: 'checkbox', id: uid('start-code') });
    const seatPc = h('input', { type: 'checkbox', id: uid('seat-pc') });
    const shuffleQuestions = h('input', { type: 'checkbox', id: uid('shuffle-q') });
    const shuffleOptions = h('input', { type: 'checkbox', id: uid('shuffle-o') });

    f.title.input.value = (exam && exam.title) || '';
    const wantedClass = (exam && exam.class_id) || ctx.query.get('class');
    if (wantedClass) f.class_id.input.value = String(wantedClass);
    for (const key of ['duration_minutes', 'attempts_allowed', 'show_score', 'show_answers', 'pass_mark', 'scale', 'paper_mode', 'variant_count']) {
        f[key].input.value = String(settings[key]);
    }
    f.opens_at.input.value = toLocalInput(exam && exam.opens_at);
    f.closes_at.input.value = toLocalInput(exam && exam.closes_at);
    startCode.checked = Boolean(settings.start_code);
    seatPc.checked = Boolean(settings.seat_pc_binding);
    shuffleQuestions.checked = blueprint.shuffle_questions !== false;
    shuffleOptions.checked = blueprint.shuffle_options !== false;
    const syncVariants = () => {
        f.variant_count.el.hidden = f.paper_mode.input.value !== 'variants';
    };
    f.paper_mode.input.addEventListener('change', syncVariants);
    syncVariants();

    // ---------- blueprint ----------
    const bankBoxes = banks.map((b) => {
        const box = h('input', { type: 'checkbox', id: uid('bank'), value: String(b.id), checked: (blueprint.bank_ids || []).map(Number).includes(Number(b.id)) });
        return { box, el: h('div', { class: 'check-row bank-pick' }, box, h('label', { for: box.id }, b.name || `#${b.id}`)) };
    });
    const cellRows = [];
    const cellBody = h('tbody');
    const addCell = h('button', { type: 'button', class: 'btn btn-small btn-secondary', t: 'exams.add_cell' });

    function cellRow(cell) {
        const id = uid('cell');
        const row = {
            topic: textInput({ id: `${id}-topic`, maxlength: '200', spellcheck: 'true', ta: { placeholder: 'exams.any_topic' } }),
            level: select(LEVELS, { id: `${id}-level` }),
            count: numberInput({ id: `${id}-count`, min: '1', max: '500', step: '1' }),
            points: numberInput({ id: `${id}-points`, min: '0', step: '0.25', ta: { placeholder: 'exams.points_own' } }),
        };
        row.topic.value = cell.topic || '';
        row.level.value = cell.level || 'nhan_biet';
        row.count.value = String(cell.count || 1);
        row.points.value = cell.points === undefined || cell.points === null ? '' : String(cell.points);
        const label = (input, key) => h('label', { class: 'visually-hidden', for: input.id, t: key });
        const remove = h('button', { type: 'button', class: 'btn btn-small btn-danger-outline', t: 'exams.remove_cell' });
        row.tr = h('tr', { class: 'cell-row' },
            h('td', {}, label(row.topic, 'exams.cell_topic'), row.topic),
            h('td', {}, label(row.level, 'exams.cell_level'), row.level),
            h('td', {}, label(row.count, 'exams.cell_count'), row.count),
            h('td', {}, label(row.points, 'exams.cell_points'), row.points),
            h('td', { class: 'cell-actions' }, remove));
        remove.addEventListener('click', () => {
            cellRows.splice(cellRows.indexOf(row), 1);
            row.tr.remove();
            updateTotal();
        });
        row.count.addEventListener('input', updateTotal);
        return row;
    }

    const total = h('p', { class: 'blueprint-total', 'aria-live': 'polite' });
    function updateTotal() {
        const n = cellRows.reduce((sum, r) => sum + (Number(r.count.value) || 0), 0);
        setLabel(total, { key: 'exams.total_questions', params: { count: n } });
    }

    function addRow(cell) {
        const row = cellRow(cell);
        cellRows.push(row);
        cellBody.append(row.tr);
        updateTotal();
        return row;
    }
    for (const cell of blueprint.cells || []) addRow(cell);
    if (!cellRows.length) addRow({ topic: '', level: 'nhan_biet', count: 10 });
    addCell.addEventListener('click', () => addRow({ topic: '', level: 'nhan_biet', count: 1 }).topic.focus());

    // ---------- check, save, publish ----------
    function showCheck(check) {
        if (!check) {
            checkBox.replaceChildren();
            return;
        }
        const shortages = check.shortages || [];
        if (check.ok && !shortages.length) {
            clear(checkBox, notice('success', 'exams.check_ok'));
            return;
        }
        clear(checkBox, h('div', { class: 'notice notice-warning', role: 'status' },
            h('p', { class: 'check-message' }, check.message || check[`message_${getLang()}`] || ''),
            shortages.length ? h('ul', { class: 'shortage-list' }, shortages.map((s) => h('li', {},
                h('span', { t: { key: 'exams.shortage', params: {
                    topic: s.topic ? { text: s.topic } : { key: 'exams.any_topic' },
                    level: levelLabel(s.level), wanted: s.wanted, available: s.available,
                } } })))) : null));
    }

    const num = (input) => {
        const n = Number(input.value);
        return input.value.trim() !== '' && Number.isFinite(n) ? n : null;
    };

    function body() {
        const s = {
            duration_minutes: num(f.duration_minutes.input),
            attempts_allowed: num(f.attempts_allowed.input),
            show_score: f.show_score.input.value,
            show_answers: f.show_answers.input.value,
            pass_mark: num(f.pass_mark.input),
            scale: num(f.scale.input),
            paper_mode: f.paper_mode.input.value,
            start_code: startCode.checked,
            seat_pc_binding: seatPc.checked,
        };
        if (s.paper_mode === 'variants') s.variant_count = num(f.variant_count.input);
        return {
            class_id: Number(f.class_id.input.value),
            title: cleanText(f.title.input.value),
            settings: s,
            blueprint: {
                bank_ids: bankBoxes.filter((b) => b.box.checked).map((b) => Number(b.box.value)),
                cells: cellRows.map((r) => {
                    const cell = { topic: cleanText(r.topic.value), level: r.level.value, count: num(r.count) };
                    const points = num(r.points);
                    if (points !== null) cell.points = points;
                    return cell;
                }),
                shuffle_questions: shuffleQuestions.checked,
                shuffle_options: shuffleOptions.checked,
            },
            opens_at: fromLocalInput(f.opens_at.input.value),
            closes_at: fromLocalInput(f.closes_at.input.value),
        };
    }

    function validate(b) {
        for (const x of Object.values(f)) x.setError(null);
        let first = null;
        const bad = (key, label) => {
            f[key].setError(label);
            first = first || f[key].input;
        };
        if (!b.title) bad('title', 'common.required');
        if (!b.settings.duration_minutes || b.settings.duration_minutes <= 0) bad('duration_minutes', 'exams.positive');
        if (!b.settings.attempts_allowed || b.settings.attempts_allowed <= 0) bad('attempts_allowed', 'exams.positive');
        if (!b.settings.scale || b.settings.scale <= 0) bad('scale', 'exams.positive');
        if (b.settings.paper_mode === 'variants' && !(b.settings.variant_count > 0)) bad('variant_count', 'exams.positive');
        if (!b.blueprint.bank_ids.length && !first) {
            messages.show('error', 'exams.need_bank');
            return bankBoxes.length ? bankBoxes[0].box : null;
        }
        if (!first && b.blueprint.cells.some((c) => !(c.count > 0))) {
            messages.show('error', 'exams.need_count');
            return cellRows.find((r) => !(num(r.count) > 0)).count;
        }
        return first;
    }

    // ---------- preview a paper ----------
    const previewButton = h('button', { type: 'button', class: 'btn btn-secondary preview-paper', t: 'exams.preview_paper' });
    const previewTitleId = uid('paper-preview');
    const previewInfo = h('p', { class: 'preview-info', 'aria-live': 'polite' });
    const variantPick = h('select', { class: 'preview-variant', id: uid('variant') });
    const variantField = h('span', { class: 'preview-variant-field', hidden: true },
        h('label', { for: variantPick.id, t: 'exams.preview_variant' }), ' ', variantPick);
    const drawAnother = h('button', { type: 'button', class: 'btn btn-small btn-secondary preview-draw', t: 'exams.preview_draw_another' });
    const keyToggle = h('input', { type: 'checkbox', id: uid('show-key'), class: 'preview-show-key' });
    const previewBody = h('div', { class: 'preview-body' });
    const previewPanel = h('section', { class: 'card preview-panel paper-preview', hidden: true, 'aria-labelledby': previewTitleId },
        h('div', { class: 'preview-head' },
            h('h2', { class: 'preview-title', id: previewTitleId, tabindex: '-1', t: 'exams.preview_title' }),
            h('button', { type: 'button', class: 'btn btn-small btn-secondary', t: 'exams.preview_close',
                on: { click: () => { previewPanel.hidden = true; previewButton.focus(); } } })),
        h('p', { class: 'field-hint', t: 'exams.preview_hint' }),
        previewInfo,
        h('div', { class: 'preview-bar' }, variantField, drawAnother,
            h('span', { class: 'check-row' }, keyToggle, h('label', { for: keyToggle.id, t: 'exams.preview_show_key' }))),
        previewBody);
    let previewCardsShown = null;

    /** Draws a paper of the saved exam (params: {variant} or nothing) and shows it. */
    async function drawPaper(params = {}) {
        messages.hide();
        setBusy(previewButton, true);
        setBusy(drawAnother, true);
        try {
            const paper = await api.previewPaper(current.id, params, { signal });
            const questions = (paper.questions || []).map(paperQuestion);
            const codes = paper.variant_codes || [];
            variantField.hidden = !codes.length;
            variantPick.replaceChildren(...codes.map((c) => h('option', { value: c }, c)));
            if (paper.variant) variantPick.value = paper.variant;
            setLabel(previewInfo, { key: paper.variant ? 'exams.preview_info_variant' : 'exams.preview_info_seed', params: {
                variant: String(paper.variant || ''), seed: String(paper.seed || ''), count: questions.length,
                points: formatPoints(paper.total_points, getLang()),
                source: { key: paper.source === 'published' ? 'exams.preview_published' : 'exams.preview_draft' },
            } });
            previewCardsShown = previewCards(questions);
            previewCardsShown.showKey(keyToggle.checked);
            previewBody.replaceChildren(previewCardsShown.el);
            const first = previewPanel.hidden;
            previewPanel.hidden = false;
            if (first) previewPanel.querySelector('.preview-title').focus();
        } catch (error) {
            if (signal.aborted) return;
            if (error.code === 'blueprint_short') {
                showCheck({ ok: false, shortages: error.details.shortages || [], message: error.details[`message_${getLang()}`] });
            }
            messages.show('error', error.code === 'blueprint_short' ? 'exams.preview_short' : errorMessage(error));
        } finally {
            setBusy(previewButton, false);
            setBusy(drawAnother, false);
        }
    }
    previewButton.addEventListener('click', () => drawPaper());
    drawAnother.addEventListener('click', () => {
        const codes = [...variantPick.options].map((o) => o.value);
        if (!codes.length) return drawPaper();
        return drawPaper({ variant: codes[(codes.indexOf(variantPick.value) + 1) % codes.length] });
    });
    variantPick.addEventListener('change', () => drawPaper({ variant: variantPick.value }));
    keyToggle.addEventListener('change', () => {
        if (previewCardsShown) previewCardsShown.showKey(keyToggle.checked);
    });

    const save = h('button', { type: 'submit', class: 'btn btn-primary', t: exam ? 'exams.save' : 'exams.create' });
    const publish = h('button', { type: 'button', class: 'btn btn-secondary', t: 'exams.publish' });
    const stateLine = h('p', { class: 'exam-edit-state muted' });
    const roomLink = h('a', { class: 'btn btn-secondary', t: 'exams.room' });

    function showState() {
        publish.hidden = !current || current.state !== 'draft';
        previewButton.hidden = !current;
        roomLink.hidden = !current || current.state === 'draft';
        if (current) {
            roomLink.setAttribute('href', `#/exams/${current.id}/room`);
            setLabel(stateLine, { key: 'exams.state_line', params: {
                state: { key: `exam.state.${current.state}` }, revision: current.blueprint_revision || 1 } });
        }
        stateLine.hidden = !current;
        const locked = current && !(current.state === 'draft' || current.state === 'scheduled');
        save.disabled = Boolean(locked);
    }

    const form = h('form', { class: 'card form-card exam-form', noValidate: true },
        stateLine,
        h('div', { class: 'form-grid' }, f.title.el, f.class_id.el),
        h('fieldset', {}, h('legend', { t: 'exams.settings' }),
            h('div', { class: 'form-grid form-grid-4' }, f.duration_minutes.el, f.attempts_allowed.el, f.pass_mark.el, f.scale.el),
            h('div', { class: 'form-grid' }, f.show_score.el, f.show_answers.el),
            h('div', { class: 'form-grid' }, f.paper_mode.el, f.variant_count.el),
            h('div', { class: 'form-grid' }, f.opens_at.el, f.closes_at.el),
            h('div', { class: 'check-row' }, seatPc, h('label', { for: seatPc.id, t: 'exams.seat_pc_binding' })),
            h('div', { class: 'check-row' }, startCode, h('label', { for: startCode.id, t: 'exams.start_code' }))),
        h('fieldset', {}, h('legend', { t: 'exams.blueprint' }),
            h('p', { class: 'field-label', t: 'exams.banks' }),
            banks.length ? h('div', { class: 'bank-picks' }, bankBoxes.map((b) => b.el)) : h('p', { class: 'muted', t: 'exams.no_banks' }),
            h('div', { class: 'table-wrap cells-wrap' },
                h('table', { class: 'data-table cells-table' },
                    h('caption', { class: 'visually-hidden', t: 'exams.cells' }),
                    h('thead', {}, h('tr', {}, ['exams.cell_topic', 'exams.cell_level', 'exams.cell_count', 'exams.cell_points', 'exams.col_actions']
                        .map((c) => h('th', { scope: 'col', t: c })))),
                    cellBody)),
            h('div', { class: 'cells-foot' }, addCell, total),
            h('div', { class: 'check-row' }, shuffleQuestions, h('label', { for: shuffleQuestions.id, t: 'exams.shuffle_questions' })),
            h('div', { class: 'check-row' }, shuffleOptions, h('label', { for: shuffleOptions.id, t: 'exams.shuffle_options' }))),
        checkBox,
        h('div', { class: 'form-actions' }, save, publish, previewButton, roomLink));

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        messages.hide();
        const b = body();
        const bad = validate(b);
        if (bad) {
            bad.focus();
            return;
        }
        setBusy(save, true);
        try {
            const saved = current
                ? itemOf(await api.updateExam(current.id, b, { signal }), 'exam')
                : itemOf(await api.createExam(b, { signal }), 'exam');
            const created = !current;
            // The check comes with GET (and may come with PUT): ask for it when missing.
            current = saved.check ? saved : itemOf(await api.getExam(saved.id, { signal }), 'exam');
            setBusy(save, false);
            setLabel(save, 'exams.save');
            showState();
            showCheck(current.check);
            messages.show('success', created ? 'exams.created' : 'exams.saved');
            if (created) history.replaceState(null, '', `#/exams/${current.id}/edit`);
        } catch (error) {
            if (signal.aborted) return;
            setBusy(save, false);
            messages.show('error', errorMessage(error));
        }
    });

    publish.addEventListener('click', async () => {
        messages.hide();
        setBusy(publish, true);
        try {
            const reply = itemOf(await api.examAction(current.id, 'publish', {}, { signal }), 'exam');
            current = { ...current, ...(reply && reply.id ? reply : { state: 'scheduled' }) };
            setBusy(publish, false);
            showState();
            messages.show('success', 'exams.published');
        } catch (error) {
            if (signal.aborted) return;
            setBusy(publish, false);
            if (error.code === 'blueprint_short') {
                const shortages = (error.body && error.body.shortages) || error.details.shortages || [];
                showCheck({ ok: false, shortages, message: error.serverMessage });
            }
            messages.show('error', error.code === 'blueprint_short' ? 'exams.publish_short' : errorMessage(error));
        }
    });

    showState();
    if (exam) showCheck(exam.check);
    return page(ctx, {
        title: exam ? 'exams.edit_title' : 'exams.new_title',
        actions: [h('a', { class: 'btn btn-secondary', href: '#/exams', t: 'exams.back' })],
    }, messages.el, classes.length ? form : notice('warning', 'exams.no_classes'), previewPanel);
}
