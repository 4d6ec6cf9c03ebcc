// The candidate's exam: waiting room (with the start code when the exam asks for one), the exam
// screen (one question at a time or all on one page, palette, countdown, save indicator, flags,
// struck-out options, keyboard), the submit dialog and the result. Answers go through
// exam/connection.js, which keeps them in localStorage until the server acks them.
import { h, setLabel, setAttrLabels, clear, uid } from '../dom.js';
import { api, listOf, ApiError } from '../api.js';
import { getLang, has, onLangChange } from '../i18n.js';
import { getPref, setPref } from '../prefs.js';
import { notice, messageSlot, loading, field, textInput, setBusy } from '../ui.js';
import { ExamConnection } from '../exam/connection.js';
import { answerFileName, answerFileUrl, sealAnswerFile } from '../exam/answer_file.js';
import { questionCard as buildCard } from '../exam/question_card.js';
import { formatDuration, formatDateTime, formatPoints, numberList, examKey } from '../exam/format.js';

const TICK_MS = 500;
const WARN_MS = 5 * 60000;
const RELOAD_KEY = 'phongthi.reload.';
const STRIKE_KEY = 'phongthi.strike.';

export default {
    title: 'exam.title',
    async render(ctx) {
        let info = null;
        try {
            const list = listOf(await api.myExams({ signal: ctx.signal }), 'exams');
            info = list.find((e) => String(e.id) === String(ctx.params.id)) || null;
        } catch (error) {
            // The list only adds the title and whether a start code is needed; the socket says the rest.
            if (error instanceof ApiError && error.code === 'aborted') throw error;
        }
        return examPage(ctx, Number(ctx.params.id), info);
    },
};

/** A label for a server error code: the catalogue's text, else the server's own message. */
export function examError({ code, message }) {
    if (has(`exam.error.${code}`)) return `exam.error.${code}`;
    if (message) return { text: message };
    return { key: 'exam.error.other', params: { code: String(code) } };
}

function examPage(ctx, examId, info) {
    const { signal, user } = ctx;
    const root = h('section', { class: 'page exam-page' });
    const conn = new ExamConnection({ exam: examId });
    const state = {
        title: info ? info.title : '',
        screen: null,
        exam: null, // the exam screen once a paper came
    };
    signal.addEventListener('abort', () => {
        conn.stop();
        if (state.exam) state.exam.dispose();
    });

    function show(screen, ...content) {
        if (state.exam && screen !== 'exam') {
            state.exam.dispose();
            state.exam = null;
        }
        state.screen = screen;
        clear(root, ...content);
        const heading = root.querySelector('.page-title');
        if (heading) heading.focus({ preventScroll: true });
    }

    // ---------- before the paper ----------
    function lobby(statusLabel, { spinner = true, extra = null } = {}) {
        return h('div', { class: 'card exam-lobby' },
            h('h1', { class: 'page-title', tabindex: '-1', t: 'exam.waiting_title' }),
            h('dl', { class: 'details' },
                h('dt', { t: 'exam.candidate' }), h('dd', {}, user.full_name || user.username),
                h('dt', { t: 'exam.exam' }), h('dd', { class: 'exam-lobby-title' }, state.title || `#${examId}`)),
            h('p', { class: 'lobby-status', role: 'status', 'aria-live': 'polite' },
                spinner ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
                h('span', { t: statusLabel })),
            extra,
            h('p', { class: 'lobby-actions' }, h('a', { class: 'btn btn-secondary', href: '#/', t: 'common.back_home' })));
    }

    function codeForm(errorLabel) {
        const input = textInput({ inputmode: 'numeric', maxlength: '12', class: 'start-code-input', 'data-autofocus': true });
        const f = field({ label: 'exam.start_code', input, hint: 'exam.start_code_hint' });
        if (errorLabel) f.setError(errorLabel);
        const submit = h('button', { type: 'submit', class: 'btn btn-primary', t: 'exam.start_code_submit' });
        const form = h('form', { class: 'start-code-form', noValidate: true }, f.el, submit);
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            const code = input.value.replace(/\s+/g, '');
            if (!code) {
                f.setError('common.required');
                input.focus();
                return;
            }
            setBusy(submit, true);
            if (conn.socket.stopped) {
                conn.startCode = code;
                conn.start();
            } else {
                conn.join(code);
            }
        });
        show('code', lobby('exam.start_code_needed', { spinner: false, extra: form }));
        input.focus();
    }

    function fatal(label, { retry = false } = {}) {
        const again = retry
            ? h('button', { type: 'button', class: 'btn btn-primary', t: 'common.retry', on: { click: () => {
                show('connecting', lobby('exam.connecting'));
                if (conn.socket.stopped) conn.start();
                else conn.join();
            } } })
            : null;
        show('error', lobby('exam.cannot_enter', { spinner: false, extra: h('div', {}, notice('error', label), again ? h('p', {}, again) : null) }));
    }

    conn.on('waiting', (msg) => {
        if (msg.exam && msg.exam.title) state.title = msg.exam.title;
        show('waiting', lobby('exam.waiting_for_proctor'));
    });
    conn.on('resume_pending', (msg) => show('resume', lobby(msg.reason === 'seat_pc'
        ? { key: 'exam.seat_pc_pending', params: { seat: msg.seat || '' } } : 'exam.resume_pending')));
    conn.on('paper', ({ paper, answers }) => {
        if (paper.exam && paper.exam.title) state.title = paper.exam.title;
        if (state.exam && state.exam.attempt === paper.attempt) {
            state.exam.refresh(paper, answers);
            return;
        }
        state.exam = examScreen(conn, paper, answers, user);
        show('exam', state.exam.el);
        state.exam.focus();
    });
    conn.on('submitted', (msg) => submitted(msg));
    conn.on('voided', (msg) => show('voided', endCard('exam.voided_title', 'warning', 'exam.voided_body',
        msg.reason ? h('p', { class: 'end-reason' }, h('span', { t: 'exam.reason' }), ' ', msg.reason) : null)));
    conn.on('taken_over', () => show('taken', endCard('exam.taken_over_title', 'warning', 'exam.taken_over_body')));
    conn.on('connection', (up) => {
        if (state.screen === 'waiting' || state.screen === 'connecting' || state.screen === 'resume') {
            const status = root.querySelector('.lobby-status [data-i18n]');
            if (status && !up) setLabel(status, 'exam.reconnecting');
        }
    });
    conn.on('error', (err) => {
        if (state.exam) {
            state.exam.serverError(err);
            return;
        }
        if (err.code === 'start_code_required') codeForm(null);
        else if (err.code === 'wrong_start_code') codeForm(examError(err));
        else if (err.code === 'unauthenticated') fatal('error.unauthenticated');
        else fatal(examError(err), { retry: err.code === 'exam_not_open' || err.code === 'paper_unavailable' || err.code === 'internal' });
    });

    function submitted(msg) {
        const lang = getLang();
        const rows = [
            [h('dt', { t: 'exam.exam' }), h('dd', {}, state.title || `#${examId}`)],
            [h('dt', { t: 'exam.submitted_at' }), h('dd', {}, formatDateTime(msg.at, lang))],
            [h('dt', { t: 'exam.answered' }), h('dd', { class: 'result-answered' }, `${msg.answered ?? '?'}/${msg.total ?? '?'}`)],
        ];
        const score = resultScore(msg.result, lang);
        if (score) rows.push([h('dt', { t: 'exam.score' }), h('dd', { class: 'result-score' }, score)]);
        const c = msg.result && typeof msg.result === 'object' ? msg.result.classification : null;
        if (score && c && typeof c === 'object') {
            rows.push([h('dt', { t: 'exam.classification' }), h('dd', { class: 'result-class' },
                h('span', { class: ['badge', c.passed ? 'badge-on' : 'badge-off'] }, String((lang === 'en' ? c.en || c.vi : c.vi || c.en) || c.key || '')))]);
        }
        show('submitted', endCard('exam.submitted_title', 'success', msg.auto ? 'exam.submitted_auto' : 'exam.submitted_body',
            h('dl', { class: 'details result-details' }, rows)));
    }

    function endCard(title, kind, body, extra = null) {
        return h('div', { class: 'card exam-end' },
            h('h1', { class: 'page-title', tabindex: '-1', t: title }),
            notice(kind, body),
            extra,
            h('p', { class: 'lobby-actions' }, h('a', { class: 'btn btn-primary', href: '#/', t: 'common.back_home' })));
    }

    // A reload during the exam is an integrity signal: beforeunload left a mark in this tab.
    try {
        if (sessionStorage.getItem(`${RELOAD_KEY}${examId}`)) {
            sessionStorage.removeItem(`${RELOAD_KEY}${examId}`);
            conn.sendEvent('reload', 'beforeunload');
        }
    } catch {
        // No session storage: no reload signal.
    }

    if (info && info.start_code && !(info.attempt && info.attempt.state === 'in_progress')) {
        codeForm(null);
    } else {
        show('connecting', lobby('exam.connecting'));
        conn.start();
    }
    return root;
}

/**
 * The score line of a submitted message's result ({score, scale|max, passed}, or a number); ''
 * when there is none: result is null until grading lands, and when the exam shows no score.
 */
export function resultScore(result, lang) {
    const number = (v) => v !== null && v !== undefined && v !== '' && Number.isFinite(Number(v));
    if (result === null || result === undefined) return '';
    if (typeof result === 'number') return number(result) ? formatPoints(result, lang) : '';
    if (typeof result === 'object' && number(result.score)) {
        const out = formatPoints(result.score, lang);
        const scale = result.scale ?? result.max;
        return number(scale) ? `${out}/${formatPoints(scale, lang)}` : out;
    }
    return '';
}

// ---------- the exam screen ----------

function examScreen(conn, paper, firstAnswers, user) {
    const listeners = new AbortController();
    const on = (target, type, fn, options = {}) => target.addEventListener(type, fn, { ...options, signal: listeners.signal });
    const questions = paper.questions || [];
    const total = questions.length;
    const attempt = paper.attempt;
    const answers = new Map(); // n -> {choice: [], flag}
    const strikes = readStrikes(attempt);
    const cards = [];
    let current = 0;
    let ticker = null;
    let wasFullscreen = false;
    const messages = messageSlot();

    function setAnswers(merged) {
        answers.clear();
        for (const [n, a] of merged) answers.set(n, { choice: [...a.choice], flag: a.flag });
    }
    setAnswers(firstAnswers);

    const answered = (n) => Boolean(answers.get(n) && answers.get(n).choice.length);
    const flagged = (n) => Boolean(answers.get(n) && answers.get(n).flag);

    // ---------- top bar ----------
    const countdown = h('span', { class: 'countdown-value' });
    const countdownLabel = h('span', { class: 'countdown-label', t: 'exam.time_left' });
    const countdownBox = h('div', { class: 'countdown', role: 'timer', 'aria-live': 'off' }, countdownLabel, countdown);
    const saveText = h('span', { class: 'save-text' });
    const saveBox = h('div', { class: 'save-indicator', role: 'status', 'aria-live': 'polite' }, saveText);
    const viewToggle = h('button', {
        type: 'button', class: 'toggle-button exam-view-toggle', 'aria-pressed': String(getPref('examOnePage')), t: 'exam.one_page',
        on: { click: () => setOnePage(!getPref('examOnePage')) },
    });
    const fullscreenButton = h('button', {
        type: 'button', class: 'btn btn-secondary btn-small', t: 'exam.fullscreen',
        on: { click: toggleFullscreen },
    });
    fullscreenButton.hidden = !document.fullscreenEnabled;
    const submitButton = h('button', { type: 'button', class: 'btn btn-primary', t: 'exam.submit', on: { click: askSubmit } });
    const pausedBanner = h('div', { class: 'notice notice-warning paused-banner', role: 'status', hidden: true },
        h('span', { t: 'exam.paused_banner' }));
    // The answer file: offered loudly while offline, and quietly under the palette at any time.
    const offlineBanner = h('div', { class: 'notice notice-warning offline-banner', role: 'status', hidden: true },
        h('p', { class: 'offline-banner-text', t: 'exam.offline_banner' }),
        h('button', { type: 'button', class: 'btn btn-primary btn-small answer-file-button', t: 'exam.answer_file_save',
            on: { click: saveAnswerFile } }));
    const quietFileButton = h('button', {
        type: 'button', class: 'btn btn-secondary btn-small answer-file-button answer-file-quiet', t: 'exam.answer_file_save',
        ta: { title: 'exam.answer_file_hint' }, on: { click: saveAnswerFile },
    });
    const variant = paper.exam && paper.exam.variant
        ? h('span', { class: 'exam-variant', t: { key: 'exam.variant', params: { variant: String(paper.exam.variant) } } })
        : null;
    const bar = h('div', { class: 'exam-bar' },
        h('div', { class: 'exam-bar-title' },
            h('h1', { class: 'page-title exam-title', tabindex: '-1' }, (paper.exam && paper.exam.title) || ''),
            variant),
        countdownBox, saveBox,
        h('div', { class: 'exam-bar-actions' }, viewToggle, fullscreenButton, submitButton));

    // ---------- palette ----------
    const paletteButtons = questions.map((q, i) => h('button', {
        type: 'button', class: 'palette-button', dataset: { n: String(i) },
        on: { click: () => goTo(i, { focus: true }) },
    }, String(i + 1)));
    const paletteCount = h('p', { class: 'palette-count', 'aria-live': 'polite' });
    const palette = h('nav', { class: 'exam-palette', ta: { 'aria-label': 'exam.palette' } },
        h('h2', { class: 'palette-title', t: 'exam.palette' }),
        paletteCount,
        h('div', { class: 'palette-grid' }, paletteButtons),
        h('ul', { class: 'palette-legend' },
            h('li', {}, h('span', { class: 'legend-swatch is-answered', 'aria-hidden': 'true' }), h('span', { t: 'exam.legend_answered' })),
            h('li', {}, h('span', { class: 'legend-swatch is-flagged', 'aria-hidden': 'true' }), h('span', { t: 'exam.legend_flagged' })),
            h('li', {}, h('span', { class: 'legend-swatch is-current', 'aria-hidden': 'true' }), h('span', { t: 'exam.legend_current' }))),
        h('p', { class: 'keyboard-help', t: 'exam.keyboard_help' }),
        h('div', { class: 'palette-file' }, quietFileButton));

    // ---------- questions ----------
    const questionList = h('div', { class: 'exam-questions' });
    questions.forEach((q, i) => {
        const card = questionCard(q, i);
        cards.push(card);
        questionList.append(card.el);
    });
    const prevButton = h('button', { type: 'button', class: 'btn btn-secondary', t: 'exam.previous', on: { click: () => move(-1) } });
    const nextButton = h('button', { type: 'button', class: 'btn btn-secondary', t: 'exam.next', on: { click: () => move(1) } });
    const stepper = h('div', { class: 'exam-stepper' }, prevButton, nextButton);

    const el = h('div', { class: 'exam-screen' },
        bar, pausedBanner, offlineBanner, messages.el,
        h('div', { class: 'exam-body' },
            h('div', { class: 'exam-main' }, questionList, stepper),
            palette));

    function questionCard(q, i) {
        const card = buildCard(q, i, total, {
            choose: (ids) => setChoice(i, ids),
            toggle: (id) => toggleOption(i, id),
            flag: () => toggleFlag(i),
            strike: (id) => toggleStrike(i, id),
        });
        card.el.addEventListener('focusin', () => setCurrent(i, { scroll: false }));
        card.el.addEventListener('pointerdown', () => setCurrent(i, { scroll: false }));
        return {
            el: card.el,
            heading: card.heading,
            update: () => card.update(answers.get(i), (id) => isStruck(i, id)),
        };
    }

    // ---------- answering ----------
    function timeOver() {
        return !conn.paused && conn.remaining() === 0;
    }

    function record(i, choice, flag) {
        if (timeOver()) {
            messages.show('warning', 'exam.time_over');
            return;
        }
        answers.set(i, { choice, flag });
        conn.answer(i, choice, flag);
        cards[i].update();
        updatePalette();
    }

    function setChoice(i, choice) {
        const a = answers.get(i) || { choice: [], flag: false };
        if (a.choice.length === choice.length && a.choice.every((c) => choice.includes(c))) return;
        record(i, choice, a.flag);
    }

    function toggleOption(i, id) {
        const a = answers.get(i) || { choice: [], flag: false };
        const choice = a.choice.includes(id) ? a.choice.filter((c) => c !== id) : [...a.choice, id];
        // Keep the paper's option order, whatever order they were ticked in.
        const order = (questions[i].options || []).map((o) => String(o.id));
        choice.sort((x, y) => order.indexOf(x) - order.indexOf(y));
        record(i, choice, a.flag);
    }

    function toggleFlag(i) {
        const a = answers.get(i) || { choice: [], flag: false };
        record(i, [...a.choice], !a.flag);
    }

    function chooseByIndex(i, k) {
        const q = questions[i];
        const o = (q.options || [])[k];
        if (!o) return;
        if (q.multiple) toggleOption(i, String(o.id));
        else setChoice(i, [String(o.id)]);
    }

    function isStruck(i, id) {
        return Boolean(strikes[i] && strikes[i].includes(id));
    }

    function toggleStrike(i, id) {
        const list = strikes[i] || [];
        strikes[i] = list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
        writeStrikes(attempt, strikes);
        cards[i].update();
    }

    // ---------- moving ----------
    function setCurrent(i, { scroll = true } = {}) {
        if (i < 0 || i >= total) return;
        current = i;
        cards.forEach((c, k) => c.el.classList.toggle('is-current', k === i));
        prevButton.disabled = i === 0;
        nextButton.disabled = i === total - 1;
        updatePalette();
        if (scroll && getPref('examOnePage')) cards[i].el.scrollIntoView({ block: 'start' });
    }

    function goTo(i, { focus = false } = {}) {
        setCurrent(i);
        if (focus) cards[i].heading.focus({ preventScroll: getPref('examOnePage') });
    }

    function move(step) {
        const next = Math.min(total - 1, Math.max(0, current + step));
        if (next !== current) goTo(next, { focus: true });
    }

    function setOnePage(on) {
        setPref('examOnePage', on);
        viewToggle.setAttribute('aria-pressed', String(on));
        setCurrent(current);
    }

    function updatePalette() {
        paletteButtons.forEach((b, i) => {
            b.classList.toggle('is-answered', answered(i));
            b.classList.toggle('is-flagged', flagged(i));
            b.classList.toggle('is-current', i === current);
            if (i === current) b.setAttribute('aria-current', 'step');
            else b.removeAttribute('aria-current');
            setAttrLabels(b, { 'aria-label': {
                key: flagged(i) ? 'exam.palette_item_flagged' : 'exam.palette_item',
                params: { number: i + 1, state: { key: answered(i) ? 'exam.legend_answered' : 'exam.not_answered' } },
            } });
        });
        const done = questions.filter((q, i) => answered(i)).length;
        setLabel(paletteCount, { key: 'exam.answered_count', params: { done, total } });
    }

    // ---------- clock and save state ----------
    function tick() {
        const left = conn.remaining();
        countdown.textContent = left === null ? '—' : formatDuration(left);
        countdownBox.classList.toggle('is-paused', conn.paused);
        countdownBox.classList.toggle('is-low', !conn.paused && left !== null && left < WARN_MS);
        setLabel(countdownLabel, conn.paused ? 'exam.time_paused' : 'exam.time_left');
        pausedBanner.hidden = !conn.paused;
        const over = !conn.paused && left === 0;
        el.classList.toggle('is-time-over', over);
    }

    function showSave(stateName) {
        saveBox.dataset.state = stateName;
        setLabel(saveText, `exam.save_${stateName}`);
        offlineBanner.hidden = stateName !== 'offline';
    }

    // ---------- answer file ----------
    async function saveAnswerFile() {
        const file = conn.answerFile(user.username);
        if (!file) return;
        // Sealed to the server's key where the browser can (HTTPS); plain otherwise.
        const sealed = await sealAnswerFile(file, conn.paper && conn.paper.answer_file_key).catch(() => null);
        const name = answerFileName(file.exam, file.username, new Date(file.saved_at));
        const link = h('a', { href: answerFileUrl(sealed || file), download: name, hidden: true });
        document.body.append(link);
        link.click();
        link.remove();
        messages.show('success', { key: sealed ? 'exam.answer_file_saved_sealed' : 'exam.answer_file_saved',
            params: { name, count: file.answers.length } });
    }

    const offSave = conn.on('save', showSave);
    const offClock = conn.on('clock', (c) => {
        tick();
        if (c.reason === 'extended') messages.show('info', 'exam.extended');
    });
    const offNack = conn.on('nack', ({ code, message }) => messages.show(code === 'paused' ? 'warning' : 'error',
        examError({ code, message })));
    const offLang = onLangChange(() => {
        tick();
        updatePalette();
    });
    ticker = setInterval(tick, TICK_MS);

    // ---------- submit ----------
    function askSubmit() {
        const unanswered = questions.map((q, i) => i).filter((i) => !answered(i));
        const flags = questions.map((q, i) => i).filter((i) => flagged(i));
        const titleId = uid('dialog-title');
        const lines = [];
        lines.push(h('p', { class: 'submit-summary',
            t: { key: 'exam.submit_summary', params: { done: total - unanswered.length, total } } }));
        if (unanswered.length) {
            lines.push(h('p', { class: 'submit-unanswered' },
                h('strong', { t: { key: 'exam.submit_unanswered', params: { count: unanswered.length } } }), ' ',
                h('span', { class: 'submit-numbers' }, numberList(unanswered))));
        }
        if (flags.length) {
            lines.push(h('p', { class: 'submit-flagged' },
                h('strong', { t: { key: 'exam.submit_flagged', params: { count: flags.length } } }), ' ',
                h('span', { class: 'submit-numbers' }, numberList(flags))));
        }
        if (conn.saveState === 'offline') lines.push(notice('warning', 'exam.submit_offline'));
        lines.push(h('p', { class: 'submit-warning', t: 'exam.submit_final' }));
        const dialog = h('dialog', { class: 'dialog submit-dialog', 'aria-labelledby': titleId },
            h('form', { method: 'dialog' },
                h('h2', { class: 'dialog-title', id: titleId, t: 'exam.submit_title' }),
                lines,
                h('div', { class: 'dialog-actions' },
                    h('button', { class: 'btn btn-secondary', value: 'cancel', t: 'exam.submit_back', 'data-autofocus': true }),
                    h('button', { class: 'btn btn-primary', value: 'ok', t: 'exam.submit_confirm' }))));
        dialog.addEventListener('close', () => {
            const ok = dialog.returnValue === 'ok';
            dialog.remove();
            if (!ok) return;
            setBusy(submitButton, true);
            setLabel(submitButton, 'exam.submitting');
            conn.submit();
        });
        document.body.append(dialog);
        dialog.showModal();
    }

    function serverError(err) {
        if (submitButton.disabled) {
            setBusy(submitButton, false);
            setLabel(submitButton, 'exam.submit');
        }
        messages.show('error', examError(err));
    }

    // ---------- keyboard and integrity signals ----------
    on(document, 'keydown', (event) => {
        if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
        if (document.querySelector('dialog[open]')) return;
        const target = event.target;
        if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && target.type !== 'checkbox') return;
        const action = examKey(event.key);
        if (!action) return;
        event.preventDefault();
        if (action.choose !== undefined) chooseByIndex(current, action.choose);
        else if (action.flag) toggleFlag(current);
        else if (action.move) move(action.move);
    });
    on(window, 'blur', () => conn.sendEvent('focus_lost', 'blur'));
    on(document, 'visibilitychange', () => {
        if (document.visibilityState === 'hidden') conn.sendEvent('page_hidden', 'visibilitychange');
    });
    on(document, 'fullscreenchange', () => {
        const full = Boolean(document.fullscreenElement);
        if (wasFullscreen && !full) conn.sendEvent('fullscreen_left', 'fullscreenchange');
        wasFullscreen = full;
        setLabel(fullscreenButton, full ? 'exam.fullscreen_exit' : 'exam.fullscreen');
    });
    on(document, 'paste', () => conn.sendEvent('paste', 'paste'));
    on(document, 'copy', () => conn.sendEvent('copy', 'copy'));
    on(document, 'contextmenu', () => conn.sendEvent('context_menu', 'contextmenu'));
    on(window, 'beforeunload', () => {
        try {
            sessionStorage.setItem(`${RELOAD_KEY}${paper.exam ? paper.exam.id : ''}`, '1');
        } catch {
            // No reload signal then.
        }
    });

    function toggleFullscreen() {
        const request = document.fullscreenElement
            ? document.exitFullscreen()
            : document.documentElement.requestFullscreen();
        Promise.resolve(request).catch(() => messages.show('warning', 'exam.fullscreen_refused'));
    }

    // ---------- start ----------
    cards.forEach((c) => c.update());
    setCurrent(0, { scroll: false });
    showSave(conn.saveState);
    tick();

    return {
        el,
        attempt,
        focus() {
            el.querySelector('.exam-title').focus({ preventScroll: true });
        },
        /** A new paper for the same attempt (after a reconnect): the merged answers win. */
        refresh(newPaper, merged) {
            setAnswers(merged);
            cards.forEach((c) => c.update());
            updatePalette();
            tick();
        },
        serverError,
        dispose() {
            listeners.abort();
            clearInterval(ticker);
            offSave();
            offClock();
            offNack();
            offLang();
        },
    };
}

function readStrikes(attempt) {
    try {
        const data = JSON.parse(localStorage.getItem(`${STRIKE_KEY}${attempt}`) || '{}');
        return data && typeof data === 'object' ? data : {};
    } catch {
        return {};
    }
}

function writeStrikes(attempt, strikes) {
    try {
        localStorage.setItem(`${STRIKE_KEY}${attempt}`, JSON.stringify(strikes));
    } catch {
        // Struck-out options are a help only.
    }
}
