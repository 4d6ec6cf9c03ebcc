// Admin and lecturer: the item analysis of an exam (GET /api/exams/{id}/statistics): the test
// summary (mean, SD, KR-20, alpha, SEM), and per question its difficulty, discrimination, flags and
// options (weight, key, how many chose it, share as a bar, point-biserial). Each question has
// "Sửa đáp án / Huỷ câu": a new key (option indexes), void with full credit or drop, or the
// original key again, with a reason. "Xem trước thay đổi" first asks for the dry run
// (?dry_run=1: each attempt's score, class and rank before → after, nothing written); only then
// "Áp dụng" sends the correction (POST /api/exams/{id}/key-corrections); the reply (regraded,
// changed, each score before → after) stays on the page and the analysis reloads.
import { h, clear, uid } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { getLang, has } from '../i18n.js';
import { page, messageSlot, notice, setBusy } from '../ui.js';
import { formatPoints } from '../exam/format.js';
import { resultsHref } from './exam_results.js';

const LETTERS = 'ABCDEFGHIJ';
const DASH = '—';

export default {
    title: 'stats.title',
    async render(ctx) {
        const reply = await api.examStatistics(ctx.params.id, { signal: ctx.signal });
        return statisticsPage(ctx, reply || {});
    },
};

/** A statistic with `digits` decimals in the UI language, or "—" when it is absent. */
export function statNumber(value, digits, lang = getLang()) {
    if (value === null || value === undefined || value === '' || !Number.isFinite(Number(value))) return DASH;
    return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', {
        minimumFractionDigits: digits, maximumFractionDigits: digits,
    }).format(Number(value));
}

function percent(value, lang = getLang()) {
    if (value === null || value === undefined || !Number.isFinite(Number(value))) return DASH;
    return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { style: 'percent', maximumFractionDigits: 0 }).format(Number(value));
}

// Flags that say "look at this question" in red; the others are warnings.
const SERIOUS = ['negative_discrimination', 'distractor_beats_key'];

function flagBadge(flag) {
    const key = has(`stats.flag.${flag}`) ? `stats.flag.${flag}` : { text: String(flag) };
    const kind = SERIOUS.includes(flag) ? 'badge-off' : flag === 'not_on_every_paper' ? 'badge-info' : 'badge-note';
    return h('span', { class: ['badge', kind, 'stats-flag'], dataset: { flag: String(flag) }, t: key });
}

function statisticsPage(ctx, first) {
    const { signal } = ctx;
    const examId = ctx.params.id;
    const messages = messageSlot();
    const correction = h('div', { class: 'correction-result', 'aria-live': 'polite' });
    const body = h('div', { class: 'stats-body' });
    let names = null; // user id -> full name, from the results, for the correction report

    function fill(reply) {
        const lang = getLang();
        const test = reply.test || {};
        const questions = Array.isArray(reply.questions) ? reply.questions : [];
        const term = (label, value, cls) => [h('dt', { t: label }), h('dd', { class: cls }, value)];
        clear(body,
            h('section', { class: 'card stats-summary' },
                h('h2', { t: 'stats.test' }),
                h('dl', { class: 'details summary-details' },
                    term('stats.attempts', String(Number(reply.attempts) || 0), 'stats-attempts'),
                    term('stats.questions_analysed', String(Number(test.questions_analysed) || 0), 'stats-analysed'),
                    term('stats.mean', statNumber(test.mean, 2, lang), 'stats-mean'),
                    term('stats.sd', statNumber(test.standard_deviation, 2, lang), 'stats-sd'),
                    term('stats.kr20', statNumber(test.kr20, 3, lang), 'stats-kr20'),
                    term('stats.alpha', statNumber(test.alpha, 3, lang), 'stats-alpha'),
                    term('stats.sem', statNumber(test.standard_error, 2, lang), 'stats-sem'))),
            questions.length
                ? h('ol', { class: 'stats-questions' }, questions.map((q, i) => questionCard(q, i, lang)))
                : h('p', { class: 'muted', t: 'stats.empty' }));
    }

    function questionCard(q, i, lang) {
        const flags = Array.isArray(q.flags) ? q.flags : [];
        const options = Array.isArray(q.options) ? q.options : [];
        const metric = (label, value, cls) => h('div', { class: ['stats-metric', cls] },
            h('span', { class: 'stats-metric-label', t: label }), ' ', h('strong', {}, value));
        const action = h('button', { type: 'button', class: 'btn btn-small btn-secondary stats-correct', t: 'stats.correct_action' });
        action.addEventListener('click', () => correctDialog(q, i, action));
        return h('li', { class: 'card stats-question', dataset: { questionId: String(q.question_id) } },
            h('div', { class: 'stats-question-head' },
                h('h2', { class: 'stats-question-number', t: { key: 'stats.question', params: { n: i + 1 } } }),
                q.topic ? h('span', { class: 'badge badge-info stats-topic' }, String(q.topic)) : null,
                q.voided ? h('span', { class: 'badge badge-off stats-voided', t: 'stats.voided' }) : null,
                h('span', { class: 'stats-question-action' }, action)),
            h('p', { class: 'stats-stem' }, String(q.stem || '')),
            h('div', { class: 'stats-metrics' },
                metric('stats.candidates', String(Number(q.candidates) || 0), 'metric-candidates'),
                metric('stats.difficulty', statNumber(q.difficulty, 2, lang), 'metric-difficulty'),
                metric('stats.corrected_pb', statNumber(q.corrected_point_biserial, 2, lang), 'metric-discrimination'),
                metric('stats.upper_lower', statNumber(q.upper_lower, 2, lang), 'metric-upper-lower'),
                metric('stats.unanswered', percent(q.unanswered_share, lang), 'metric-unanswered')),
            flags.length ? h('p', { class: 'stats-flags' }, flags.map(flagBadge)) : null,
            h('div', { class: 'table-wrap' },
                h('table', { class: 'data-table stats-options' },
                    h('caption', { class: 'visually-hidden', t: { key: 'stats.options_caption', params: { n: i + 1 } } }),
                    h('thead', {}, h('tr', {},
                        ['stats.col_option', 'stats.col_weight', 'stats.col_chosen', 'stats.col_share', 'stats.col_pb']
                            .map((c) => h('th', { scope: 'col', t: c })))),
                    h('tbody', {}, options.map((o, k) => optionRow(o, k, lang))))));
    }

    function optionRow(o, k, lang) {
        const share = Math.max(0, Math.min(1, Number(o.share) || 0));
        const bar = h('span', { class: 'share-bar', 'aria-hidden': 'true' }, h('span', { class: 'share-bar-fill' }));
        // CSSOM style property, not a style attribute: the CSP forbids inline style attributes.
        bar.firstChild.style.width = `${Math.round(share * 1000) / 10}%`;
        return h('tr', { class: o.key ? 'is-key' : null, dataset: { option: String(k) } },
            h('td', { class: 'cell-option' },
                h('span', { class: 'option-letter' }, LETTERS[k] || String(k + 1)), ' ',
                h('span', { class: 'option-text' }, String(o.text || '')),
                o.key ? h('span', { class: 'badge badge-on stats-key', t: 'stats.key' }) : null),
            h('td', { class: 'cell-number' }, `${formatPoints(o.weight, lang) || '0'}%`),
            h('td', { class: 'cell-number cell-chosen' }, String(Number(o.chosen) || 0)),
            h('td', { class: 'cell-share' }, bar, ' ', h('span', { class: 'share-value' }, percent(share, lang))),
            h('td', { class: 'cell-number' }, statNumber(o.point_biserial, 2, lang)));
    }

    async function reload() {
        body.setAttribute('aria-busy', 'true');
        try {
            fill(await api.examStatistics(examId, { signal }) || {});
        } catch (error) {
            if (signal.aborted) return;
            messages.show('error', errorMessage(error));
        } finally {
            body.removeAttribute('aria-busy');
        }
    }

    async function nameOf(user) {
        if (!names) {
            names = new Map();
            try {
                const results = await api.examResults(examId, { signal });
                for (const row of (results && results.rows) || []) names.set(row.user, row.full_name || row.username || '');
            } catch {
                // Without names the report shows the attempt numbers only.
            }
        }
        return names.get(user) || '';
    }

    async function showCorrection(reply) {
        const lang = getLang();
        const changes = Array.isArray(reply.attempts) ? reply.attempts : [];
        const items = [];
        for (const c of changes) {
            const name = await nameOf(c.user);
            items.push(h('li', { class: 'correction-change', dataset: { attempt: String(c.attempt) } },
                h('span', { t: { key: 'stats.change', params: {
                    who: name ? { text: name } : { key: 'stats.attempt_number', params: { id: String(c.attempt) } },
                    before: c.before === null || c.before === undefined ? DASH : formatPoints(c.before, lang),
                    after: formatPoints(c.after, lang),
                } } })));
        }
        const box = notice('success', { key: 'stats.corrected', params: { regraded: Number(reply.regraded) || 0, changed: Number(reply.changed) || 0 } });
        if (items.length) box.append(h('ul', { class: 'correction-changes' }, items));
        clear(correction, box);
    }

    /** The dry run's table: each attempt whose score would change, the biggest change first. */
    function regradePreview(reply) {
        const lang = getLang();
        const score = (v) => (v === null || v === undefined ? DASH : formatPoints(v, lang));
        const delta = (c) => (Number(c.after) || 0) - (Number(c.before) || 0);
        const standing = (label) => (label && ((lang === 'en' ? label.en : label.vi) || label.key)) || DASH;
        const changes = (Array.isArray(reply.attempts) ? reply.attempts : [])
            .slice().sort((a, b) => Math.abs(delta(b)) - Math.abs(delta(a)));
        const summary = h('p', { class: 'correction-preview-summary', t: { key: 'stats.preview_summary', params: {
            changed: Number(reply.changed) || 0, regraded: Number(reply.regraded) || 0, moved: Number(reply.ranks_moved) || 0,
        } } });
        if (!changes.length) return h('div', {}, summary);
        const columns = ['stats.preview_col_candidate', 'stats.preview_col_before', 'stats.preview_col_after',
            'stats.preview_col_change', 'stats.preview_col_class', 'stats.preview_col_rank'];
        // A scrolling region the keyboard can reach (and scroll) too.
        return h('div', {}, summary, h('div', {
            class: 'table-wrap correction-preview-wrap', tabindex: '0', role: 'region', ta: { 'aria-label': 'stats.preview_caption' },
        },
            h('table', { class: 'data-table correction-preview-table' },
                h('caption', { class: 'visually-hidden', t: 'stats.preview_caption' }),
                h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', t: c })))),
                h('tbody', {}, changes.map((c) => h('tr', { dataset: { attempt: String(c.attempt) } },
                    h('td', {}, c.full_name ? `${c.full_name} (${c.username || ''})`
                        : h('span', { t: { key: 'stats.attempt_number', params: { id: String(c.attempt) } } })),
                    h('td', { class: 'cell-number preview-before' }, score(c.before)),
                    h('td', { class: 'cell-number preview-after' }, score(c.after)),
                    h('td', { class: 'cell-number' }, `${delta(c) > 0 ? '+' : ''}${formatPoints(delta(c), lang)}`),
                    h('td', {}, `${standing(c.class_before)} → ${standing(c.class_after)}`),
                    h('td', { class: 'cell-number' }, `${c.rank_before ?? DASH} → ${c.rank_after ?? DASH}`)))))));
    }

    function correctDialog(q, i, button) {
        const titleId = uid('dialog-title');
        const options = Array.isArray(q.options) ? q.options : [];
        const modeName = uid('mode');
        const modes = ['correct', 'full_credit', 'drop', 'restore'];
        const radios = {};
        const modeItems = modes.map((m) => {
            radios[m] = h('input', { type: 'radio', name: modeName, value: m, checked: m === 'correct', id: uid('mode') });
            return h('div', { class: 'choice-row' }, radios[m], h('label', { for: radios[m].id, t: `stats.mode_${m}` }));
        });
        const boxes = options.map((o, k) => {
            const box = h('input', { type: 'checkbox', value: String(k), checked: Boolean(o.key), id: uid('opt') });
            return { box, row: h('div', { class: 'choice-row' }, box,
                h('label', { for: box.id }, h('span', { class: 'option-letter' }, LETTERS[k] || String(k + 1)), ' ', String(o.text || ''))) };
        });
        const optionsSet = h('fieldset', { class: 'correction-options' },
            h('legend', { t: 'stats.correct_options' }), boxes.map((b) => b.row));
        const reason = h('textarea', { rows: '2', maxlength: '500', class: 'correction-reason', id: uid('reason'), spellcheck: 'true' });
        const reasonError = h('p', { class: 'field-error', hidden: true });
        const optionsError = h('p', { class: 'field-error', hidden: true, t: 'stats.pick_option' });
        const serverError = messageSlot();
        const submit = h('button', { type: 'submit', class: 'btn btn-secondary correction-preview-button', t: 'stats.preview_changes' });
        const apply = h('button', { type: 'button', class: 'btn btn-primary correction-apply', t: 'stats.apply', hidden: true });
        const cancel = h('button', { type: 'button', class: 'btn btn-secondary', t: 'common.cancel' });
        const previewBox = h('div', { class: 'correction-preview', 'aria-live': 'polite' });
        const form = h('form', { class: 'dialog-form', noValidate: true },
            h('h2', { class: 'dialog-title', id: titleId, t: { key: 'stats.correct_title', params: { n: i + 1 } } }),
            h('p', { class: 'dialog-body stats-stem' }, String(q.stem || '')),
            h('fieldset', { class: 'correction-modes' }, h('legend', { t: 'stats.mode' }), modeItems),
            optionsSet, optionsError,
            h('div', { class: 'field' }, h('label', { for: reason.id, t: 'stats.reason' }), reason, reasonError),
            h('p', { class: 'field-hint', t: 'stats.regrade_hint' }),
            previewBox,
            serverError.el,
            h('div', { class: 'dialog-actions' }, cancel, submit, apply));
        const dialog = h('dialog', { class: 'dialog correction-dialog', 'aria-labelledby': titleId }, form);
        const mode = () => modes.find((m) => radios[m].checked);
        // A preview stands for the key it was made with: changing the key asks for a new one.
        const forgetPreview = () => { previewBox.replaceChildren(); apply.hidden = true; };
        const showOptions = () => { optionsSet.hidden = mode() !== 'correct'; optionsError.hidden = true; forgetPreview(); };
        for (const m of modes) radios[m].addEventListener('change', showOptions);
        for (const b of boxes) b.box.addEventListener('change', () => { optionsError.hidden = true; forgetPreview(); });
        reason.addEventListener('input', () => { reasonError.hidden = true; });

        /** The request the form asks for, or null after showing what is missing. */
        function readRequest() {
            const why = reason.value.trim().normalize('NFC');
            const chosen = boxes.filter((b) => b.box.checked).map((b) => Number(b.box.value));
            reasonError.hidden = Boolean(why);
            if (!why) {
                reasonError.textContent = '';
                reasonError.append(h('span', { t: 'common.required' }));
            }
            const needsOption = mode() === 'correct' && !chosen.length;
            optionsError.hidden = !needsOption;
            if (needsOption) { boxes[0]?.box.focus(); return null; }
            if (!why) { reason.focus(); return null; }
            const request = { question_id: q.question_id };
            if (mode() === 'correct') request.correct = chosen;
            else if (mode() === 'restore') request.restore = true;
            else request.void = mode();
            request.reason = why;
            return request;
        }

        // First the dry run (nothing written), then "Áp dụng" sends the same request for real.
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            const request = readRequest();
            if (!request) return;
            setBusy(submit, true);
            serverError.hide();
            try {
                const reply = await api.previewKeyCorrection(examId, request, { signal });
                previewBox.replaceChildren(regradePreview(reply || {}));
                apply.hidden = false;
                apply.focus();
            } catch (error) {
                if (signal.aborted) return;
                serverError.show('error', errorMessage(error));
            } finally {
                setBusy(submit, false);
            }
        });
        apply.addEventListener('click', async () => {
            const request = readRequest();
            if (!request) return;
            setBusy(apply, true);
            serverError.hide();
            try {
                const reply = await api.correctKey(examId, request, { signal });
                dialog.close();
                await showCorrection(reply || {});
                await reload();
            } catch (error) {
                if (signal.aborted) return;
                serverError.show('error', errorMessage(error));
            } finally {
                setBusy(apply, false);
            }
        });
        cancel.addEventListener('click', () => dialog.close());
        dialog.addEventListener('close', () => {
            dialog.remove();
            button.focus();
        });
        document.body.append(dialog);
        dialog.showModal();
        radios.correct.focus();
    }

    fill(first);
    const title = first.exam && first.exam.title ? { text: first.exam.title } : { text: `#${examId}` };
    return page(ctx, {
        title: { key: 'stats.page_title', params: { title } },
        actions: [
            h('a', { class: 'btn btn-secondary', href: resultsHref(examId), t: 'stats.to_results' }),
            h('a', { class: 'btn btn-secondary', href: '#/exams', t: 'exams.back' }),
        ],
    },
    messages.el,
    correction,
    h('p', { class: 'muted stats-intro', t: 'stats.intro' }),
    body);
}

