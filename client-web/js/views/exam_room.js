// The proctor's room: the exam's state and controls (open, start, pause / resume, extend, close),
// the start code to project (refreshed every 30 s), and the live candidate table from the
// WebSocket "watch" feed with per-candidate actions, and the upload of a candidate's answer file
// (docs/EXAMS.md, "Answer files"). The candidates show as a seat map of the room (room_seat_map.js)
// or as the table with filters; a click on a seat selects that candidate for the same controls as
// the table row. Every control is a REST call (docs/EXAMS.md); the feed shows its effect.
import { h, setLabel, clear, uid } from '../dom.js';
import { api, itemOf, errorMessage } from '../api.js';
import { getLang, has } from '../i18n.js';
import { page, messageSlot, field, textInput, select, setBusy, confirmDialog, fold } from '../ui.js';
import { RoomWatch } from '../exam/connection.js';
import { readAnswerFile } from '../exam/answer_file.js';
import { formatDuration, formatDateTime } from '../exam/format.js';
import { monotonicNow } from '../exam/outbox.js';
import { examStateLabel, attemptStateLabel } from './my_exams.js';
import { resultsHref } from './exam_results.js';
import { seatMap, seatTone, timeOf } from './room_seat_map.js';
import { screenHref } from './exam_screen.js';

const CODE_REFRESH_MS = 30000;
const TICK_MS = 1000;
const MAX_ALERTS = 30;
const RUNNING = ['in_progress', 'paused'];
const IRREGULARITIES = ['talking', 'material', 'device', 'impersonation', 'other'];
const FILTERS = [
    { value: 'all', label: 'room.filter_all' }, { value: 'waiting', label: 'room.filter_waiting' },
    { value: 'in_progress', label: 'room.filter_in_progress' }, { value: 'paused', label: 'room.filter_paused' },
    { value: 'submitted', label: 'room.filter_submitted' }, { value: 'alert', label: 'room.filter_alert' },
    { value: 'absent', label: 'room.filter_absent' }, { value: 'voided', label: 'room.filter_voided' },
];
const COLUMNS = ['room.col_candidate', 'room.col_state', 'room.col_connection', 'room.col_answered',
    'room.col_time_left', 'room.col_variant', 'room.col_alerts', 'room.col_actions'];

/** The label of an alert kind (focus_lost, paste, ...); unknown kinds as sent. */
export function alertLabel(kind) {
    return has(`room.alert.${kind}`) ? `room.alert.${kind}` : { text: String(kind || '') };
}

/** The detail of an alert (a string, or an object that depends on the kind) as label parts. */
export function alertDetail(detail) {
    if (detail === null || detail === undefined || detail === '') return [];
    if (typeof detail !== 'object') return [{ text: String(detail) }];
    if (detail.from !== undefined || detail.to !== undefined) return [{ text: `${detail.from || '?'} → ${detail.to || '?'}` }];
    if (detail.category !== undefined) {
        const category = has(`room.irregularity.${detail.category}`) ? `room.irregularity.${detail.category}` : { text: String(detail.category) };
        return detail.note ? [category, { text: `: ${detail.note}` }] : [category];
    }
    if (typeof detail.message === 'string' && detail.message) return [{ text: detail.message }];
    if (typeof detail.detail === 'string' && detail.detail) return [{ text: detail.detail }];
    return [];
}

// What the server's refusals of an answer file mean (invalid_field's field, or the code).
const ANSWER_FILE_ERRORS = {
    format: 'room.answer_file_bad_format',
    exam: 'room.answer_file_other_exam',
    attempt: 'room.answer_file_unknown_attempt',
    answers: 'room.answer_file_bad_answers',
    not_running: 'room.answer_file_voided',
    // A sealed file that does not open: damaged, or sealed to another server's key.
    version: 'room.answer_file_unreadable',
    alg: 'room.answer_file_unreadable',
    epk: 'room.answer_file_unreadable',
    iv: 'room.answer_file_unreadable',
    data: 'room.answer_file_unreadable',
};

function answerFileError(error) {
    const field = error && error.code === 'invalid_field' && error.details ? error.details.field : null;
    const key = ANSWER_FILE_ERRORS[field] || (error && ANSWER_FILE_ERRORS[error.code]);
    return key || errorMessage(error);
}

/** "A form in a dialog": resolves to {name: value} or null when cancelled. */
function formDialog({ title, intro, fields, confirm, danger = false }) {
    return new Promise((resolve) => {
        const titleId = uid('dialog-title');
        const built = fields.map((f) => ({ ...f, box: field({ label: f.label, input: f.input }) }));
        const submit = h('button', { type: 'submit', class: ['btn', danger ? 'btn-danger' : 'btn-primary'], t: confirm });
        const cancel = h('button', { type: 'button', class: 'btn btn-secondary', t: 'common.cancel' });
        const form = h('form', { class: 'dialog-form', noValidate: true },
            h('h2', { class: 'dialog-title', id: titleId, t: title }),
            intro ? h('p', { class: 'dialog-body', t: intro }) : null,
            built.map((f) => f.box.el),
            h('div', { class: 'dialog-actions' }, cancel, submit));
        const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId }, form);
        let result = null;
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            const values = {};
            let bad = null;
            for (const f of built) {
                const value = f.input.value.trim();
                const problem = f.check ? f.check(value) : null;
                f.box.setError(problem);
                if (problem && !bad) bad = f.input;
                values[f.name] = value;
            }
            if (bad) {
                bad.focus();
                return;
            }
            result = values;
            dialog.close();
        });
        cancel.addEventListener('click', () => dialog.close());
        dialog.addEventListener('close', () => {
            dialog.remove();
            resolve(result);
        });
        document.body.append(dialog);
        dialog.showModal();
        built[0].input.focus();
    });
}

const required = (value) => (value ? null : 'common.required');
const positiveMinutes = (value) => (/^\d+$/.test(value) && Number(value) > 0 && Number(value) <= 600 ? null : 'room.minutes_invalid');
const reasonField = () => ({ name: 'reason', label: 'room.reason', input: textInput({ maxlength: '500', spellcheck: 'true' }), check: required });

function extendFields() {
    return [
        { name: 'minutes', label: 'room.minutes', input: h('input', { type: 'number', min: '1', max: '600', step: '1', class: 'input-number', value: '5' }), check: positiveMinutes },
        reasonField(),
    ];
}

export default {
    title: 'room.title',
    async render(ctx) {
        const [found, layout] = await Promise.all([
            api.getExam(ctx.params.id, { signal: ctx.signal }),
            api.roomLayout(ctx.params.id, { signal: ctx.signal }).catch(() => null),
        ]);
        return roomPage(ctx, itemOf(found, 'exam'), layout && layout.room ? layout : null);
    },
};

function roomPage(ctx, firstExam, layout) {
    const { signal } = ctx;
    let exam = firstExam;
    let serverNow = monotonicNow;
    const messages = messageSlot();
    const rows = new Map(); // user id -> {row, tr, cells}
    const alerts = [];

    // ---------- exam state and controls ----------
    const stateBadge = h('span', { class: 'badge badge-info room-state' });
    const pausedBadge = h('span', { class: 'badge badge-note', t: 'room.paused', hidden: true });
    const startedLine = h('p', { class: 'room-started muted' });
    const feedStatus = h('p', { class: 'feed-status', role: 'status', 'aria-live': 'polite', dataset: { state: 'connecting' } },
        h('span', { t: 'room.feed_connecting' }));
    const buttons = {
        open: h('button', { type: 'button', class: 'btn btn-secondary', t: 'room.open' }),
        start: h('button', { type: 'button', class: 'btn btn-primary', t: 'room.start' }),
        pause: h('button', { type: 'button', class: 'btn btn-secondary', t: 'room.pause' }),
        resume: h('button', { type: 'button', class: 'btn btn-primary', t: 'room.resume' }),
        extend: h('button', { type: 'button', class: 'btn btn-secondary', t: 'room.extend' }),
        close: h('button', { type: 'button', class: 'btn btn-danger-outline', t: 'room.close' }),
    };

    function showExam() {
        setLabel(stateBadge, examStateLabel(exam.state));
        pausedBadge.hidden = !exam.paused;
        if (exam.started_at) setLabel(startedLine, { key: 'room.started_at', params: { time: formatDateTime(exam.started_at, getLang()) } });
        startedLine.hidden = !exam.started_at;
        const open = exam.state === 'open';
        buttons.open.hidden = exam.state !== 'scheduled';
        buttons.start.hidden = !open || Boolean(exam.started_at);
        buttons.pause.hidden = !open || !exam.started_at || Boolean(exam.paused);
        buttons.resume.hidden = !open || !exam.paused;
        buttons.extend.hidden = !open || !exam.started_at;
        buttons.close.hidden = !open;
        codeBox.hidden = !(exam.settings && exam.settings.start_code) || exam.state === 'closed';
    }

    async function examAction(action, button, body, done) {
        messages.hide();
        setBusy(button, true);
        try {
            await api.examAction(exam.id, action, body, { signal });
            messages.show('success', done);
            // Actions answer {"ok":true}: read the exam again for its new state.
            try {
                exam = { ...exam, ...itemOf(await api.getExam(exam.id, { signal }), 'exam') };
            } catch (error) {
                if (signal.aborted) return;
            }
            showExam();
            // The feed only follows an open room: watch again once it is.
            if (action === 'open') watch.rewatch();
        } catch (error) {
            if (signal.aborted) return;
            messages.show('error', errorMessage(error));
        } finally {
            setBusy(button, false);
        }
    }

    buttons.open.addEventListener('click', () => examAction('open', buttons.open, {}, 'room.opened'));
    buttons.start.addEventListener('click', async () => {
        if (await confirmDialog({ title: 'room.start_confirm_title', body: 'room.start_confirm_body', confirm: 'room.start' })) {
            examAction('start', buttons.start, {}, 'room.started');
        }
    });
    buttons.pause.addEventListener('click', () => examAction('pause', buttons.pause, {}, 'room.paused_done'));
    buttons.resume.addEventListener('click', () => examAction('resume', buttons.resume, {}, 'room.resumed'));
    buttons.extend.addEventListener('click', async () => {
        const values = await formDialog({ title: 'room.extend_all_title', fields: extendFields(), confirm: 'room.extend' });
        if (values) examAction('extend', buttons.extend, { minutes: Number(values.minutes), reason: values.reason }, 'room.extended');
    });
    buttons.close.addEventListener('click', async () => {
        if (await confirmDialog({ title: 'room.close_confirm_title', body: 'room.close_confirm_body', confirm: 'room.close', danger: true })) {
            examAction('close', buttons.close, {}, 'room.closed');
        }
    });

    // ---------- start code ----------
    const codeValue = h('code', { class: 'start-code-value' }, '——————');
    const codeUntil = h('p', { class: 'start-code-until muted' });
    const codeBox = h('section', { class: 'card start-code-box', hidden: true },
        h('h2', { class: 'start-code-title', t: 'room.start_code' }), codeValue, codeUntil);
    let codeTimer = null;

    async function loadCode() {
        if (codeBox.hidden) return;
        try {
            const { code, valid_until: until } = await api.startCode(exam.id, { signal });
            codeValue.textContent = String(code || '');
            setLabel(codeUntil, { key: 'room.code_valid_until', params: { time: formatDateTime(until, getLang()) } });
        } catch (error) {
            if (signal.aborted) return;
            setLabel(codeUntil, errorMessage(error));
        }
    }

    // ---------- candidate table ----------
    const tbody = h('tbody');
    const count = h('p', { class: 'toolbar-count', 'aria-live': 'polite' });
    const alertList = h('ol', { class: 'alert-list', 'aria-live': 'polite' });

    function putRow(row) {
        const known = rows.get(row.user);
        const entry = buildRow(row);
        entry.tr.hidden = !matches(row);
        if (known) known.tr.replaceWith(entry.tr);
        else tbody.append(entry.tr);
        rows.set(row.user, entry);
        redraw();
        const empty = tbody.querySelector('.empty-row');
        if (empty) empty.remove();
        updateCount();
    }

    function updateCount() {
        const all = [...rows.values()].map((r) => r.row);
        const present = all.filter((r) => r.state !== 'absent').length;
        const working = all.filter((r) => RUNNING.includes(r.state)).length;
        const done = all.filter((r) => ['submitted', 'auto_submitted'].includes(r.state)).length;
        setLabel(count, { key: 'room.count', params: { total: all.length, present, working, done } });
        if (!all.length) {
            tbody.replaceChildren(h('tr', { class: 'empty-row' }, h('td', { colspan: String(COLUMNS.length), t: 'room.no_candidates' })));
        }
    }

    /** The buttons of the per-candidate controls for `row` (the table row's and the selected seat's). */
    function candidateActions(row) {
        const running = RUNNING.includes(row.state);
        const act = (label, handler, cls = 'btn-secondary') => h('button', {
            type: 'button', class: ['btn', 'btn-small', cls], t: label,
            on: { click: (event) => handler(event.currentTarget) },
        });
        const actions = [];
        if (row.move_pending && !running) actions.push(act('room.approve_pc', (b) => approvePc(row, b), 'btn-primary'));
        if (row.attempt) {
            if (row.move_pending) actions.push(act('room.approve_move', (b) => attemptAction(row, 'approve-move', b, {}, 'room.move_approved'), 'btn-primary'));
            if (row.state === 'in_progress') actions.push(act('room.pause', (b) => attemptAction(row, 'pause', b, {}, 'room.row_paused')));
            if (row.state === 'paused') actions.push(act('room.resume', (b) => attemptAction(row, 'resume', b, {}, 'room.row_resumed')));
            if (running) {
                actions.push(act('room.extend', async (b) => {
                    const values = await formDialog({ title: { key: 'room.extend_one_title', params: { name: row.full_name } }, fields: extendFields(), confirm: 'room.extend' });
                    if (values) attemptAction(row, 'extend', b, { minutes: Number(values.minutes), reason: values.reason }, 'room.row_extended');
                }));
                actions.push(act('room.force_submit', async (b) => {
                    const values = await formDialog({ title: { key: 'room.force_submit_title', params: { name: row.full_name } },
                        intro: 'room.force_submit_body', fields: [reasonField()], confirm: 'room.force_submit', danger: true });
                    if (values) attemptAction(row, 'submit', b, { reason: values.reason }, 'room.row_submitted');
                }, 'btn-danger-outline'));
            }
            if (row.state !== 'voided' && row.state !== 'absent') {
                actions.push(act('room.void', async (b) => {
                    const values = await formDialog({ title: { key: 'room.void_title', params: { name: row.full_name } },
                        intro: 'room.void_body', fields: [reasonField()], confirm: 'room.void', danger: true });
                    if (values) attemptAction(row, 'void', b, { reason: values.reason }, 'room.row_voided');
                }, 'btn-danger-outline'));
            }
            actions.push(act('room.irregularity', async (b) => {
                const category = select(IRREGULARITIES.map((c) => ({ value: c, label: `room.irregularity.${c}` })));
                const values = await formDialog({ title: { key: 'room.irregularity_title', params: { name: row.full_name } },
                    fields: [{ name: 'category', label: 'room.category', input: category },
                        { name: 'note', label: 'room.note', input: h('textarea', { rows: '3', class: 'textarea', maxlength: '1000' }), check: required }],
                    confirm: 'room.irregularity_save' });
                if (values) attemptAction(row, 'irregularity', b, { category: values.category, note: values.note }, 'room.irregularity_saved');
            }));
        }
        return actions;
    }

    function buildRow(row) {
        const connection = h('td', { class: 'cell-connection' });
        const timeLeft = h('td', { class: 'cell-time-left' });
        const running = RUNNING.includes(row.state);
        const actions = candidateActions(row);
        const tr = h('tr', { class: [row.move_pending ? 'row-alert' : null, row.alerts ? 'row-has-alerts' : null], dataset: { user: String(row.user) } },
            h('td', { class: 'cell-name' },
                h('span', { class: 'room-name' }, row.full_name || row.username || ''),
                h('span', { class: 'room-meta' }, [row.username, row.seat ? `· ${row.seat}` : null, row.unit ? `· ${row.unit}` : null].filter(Boolean).join(' '))),
            h('td', { class: 'cell-state' },
                h('span', { class: ['badge', stateBadgeClass(row.state)], t: attemptStateLabel(row.state) }),
                row.move_pending ? h('span', { class: 'badge badge-off', t: 'room.move_pending' }) : null),
            connection,
            h('td', { class: 'cell-number cell-answered' }, row.total ? `${row.answered ?? 0}/${row.total}` : '—'),
            timeLeft,
            h('td', { class: 'cell-variant' }, row.variant ? String(row.variant) : '—'),
            h('td', { class: 'cell-number cell-alerts' }, String(row.alerts || 0)),
            h('td', { class: 'cell-actions' }, h('div', { class: 'row-actions' }, actions)));
        const entry = {
            row, tr,
            tick() {
                if (row.state === 'absent') setLabel(connection, { text: '—' });
                else if (row.connected) setLabel(connection, 'room.connected');
                else if (row.disconnected_at) {
                    const seconds = Math.max(0, Math.round((serverNow() - timeOf(row.disconnected_at)) / 1000));
                    setLabel(connection, { key: 'room.disconnected_for', params: { seconds } });
                } else setLabel(connection, 'room.disconnected');
                connection.classList.toggle('is-offline', row.state !== 'absent' && !row.connected);
                if (running && row.deadline) timeLeft.textContent = formatDuration(timeOf(row.deadline) - serverNow());
                else timeLeft.textContent = '—';
            },
        };
        entry.tick();
        return entry;
    }

    /** Lets a candidate held on a computer that is not their seat's sit the exam there. */
    async function approvePc(row, button) {
        messages.hide();
        setBusy(button, true);
        try {
            await api.approveSeatPc(exam.id, row.user, { signal });
            messages.show('success', { key: 'room.pc_approved', params: { name: row.full_name || row.username } });
        } catch (error) {
            if (!signal.aborted) messages.show('error', errorMessage(error));
        } finally {
            if (button.isConnected) setBusy(button, false);
        }
    }

    async function attemptAction(row, action, button, body, done) {
        messages.hide();
        setBusy(button, true);
        try {
            await api.attemptAction(row.attempt, action, body, { signal });
            messages.show('success', { key: done, params: { name: row.full_name || row.username } });
        } catch (error) {
            if (signal.aborted) return;
            messages.show('error', errorMessage(error));
        } finally {
            if (button.isConnected) setBusy(button, false);
        }
    }

    function addAlert(alert) {
        const entry = rows.get(alert.user);
        const who = (entry && (entry.row.full_name || entry.row.username)) || alert.full_name || `#${alert.user}`;
        const detail = alertDetail(alert.detail);
        alerts.unshift(h('li', { class: 'alert-item' },
            h('span', { class: 'alert-time' }, formatDateTime(alert.at, getLang())), ' ',
            h('strong', {}, who), ' — ',
            h('span', { t: alertLabel(alert.kind) }),
            detail.length ? h('span', { class: 'alert-detail' }, ' (', detail.map((part) => h('span', { t: part })), ')') : null));
        alerts.length = Math.min(alerts.length, MAX_ALERTS);
        clear(alertList, alerts);
        if (entry) {
            entry.row.alerts = (entry.row.alerts || 0) + 1;
            putRow(entry.row);
        }
    }

    // ---------- list filters ----------
    const stateFilter = select(FILTERS);
    const search = textInput({ type: 'search', maxlength: '100' });
    const filters = h('div', { class: 'toolbar' },
        field({ label: 'room.filter_state', input: stateFilter }).el,
        field({ label: 'room.filter_search', input: search }).el);

    function matches(row) {
        const wanted = stateFilter.value;
        const stateOk = wanted === 'all' || row.state === wanted ||
            (wanted === 'submitted' && row.state === 'auto_submitted') ||
            (wanted === 'alert' && (seatTone(row) === 'alert' || row.alerts > 0));
        const query = fold(search.value.trim());
        return stateOk && (!query || fold(`${row.full_name} ${row.username} ${row.seat}`).includes(query));
    }

    function applyFilters() {
        for (const entry of rows.values()) entry.tr.hidden = !matches(entry.row);
    }
    stateFilter.addEventListener('change', applyFilters);
    search.addEventListener('input', applyFilters);

    // ---------- seat map and the selected candidate ----------
    let selected = null;
    let drawQueued = false;
    let selectedKey = '';
    const map = layout ? seatMap(layout, { onSelect: choose, now: () => serverNow() }) : null;
    const selectedBox = h('section', { class: 'card seat-selected', hidden: true, 'aria-live': 'polite' });

    function choose(user) {
        selected = user;
        selectedKey = '';
        redraw();
    }

    // Coalesces the many updates of one feed message into one drawing.
    function redraw() {
        if (!map || drawQueued) return;
        drawQueued = true;
        queueMicrotask(() => {
            drawQueued = false;
            map.show([...rows.values()].map((entry) => entry.row), selected);
            showSelected();
        });
    }

    function showSelected() {
        const entry = selected === null ? null : rows.get(selected);
        selectedBox.hidden = !entry;
        if (!entry) return;
        const { row } = entry;
        // Redrawn only when the controls change, so a button keeps its focus while the clock ticks.
        const key = JSON.stringify([row.user, row.state, row.attempt, row.move_pending, row.seat]);
        if (key === selectedKey) return;
        selectedKey = key;
        selectedBox.replaceChildren(
            h('h2', { class: 'seat-selected-name' }, row.full_name || row.username || ''),
            h('p', { class: 'room-meta' }, [row.username, row.seat, row.unit].filter(Boolean).join(' · ')),
            h('p', {}, h('span', { class: ['badge', stateBadgeClass(row.state)], t: attemptStateLabel(row.state) })),
            h('div', { class: 'row-actions' }, candidateActions(row)));
    }

    // ---------- the feed ----------
    const watch = new RoomWatch({ exam: exam.id });
    serverNow = () => watch.serverNow();
    watch.on('room', (msg) => {
        if (msg.exam) exam = { ...exam, ...msg.exam };
        showExam();
        rows.clear();
        tbody.replaceChildren();
        for (const row of msg.candidates || []) putRow(row);
        updateCount();
        redraw();
    });
    watch.on('candidate', (msg) => {
        if (msg.row) putRow(msg.row);
    });
    watch.on('alert', addAlert);
    watch.on('room_state', (msg) => {
        if (msg.exam) exam = { ...exam, ...msg.exam };
        showExam();
        loadCode();
    });
    watch.on('connection', (up) => {
        feedStatus.dataset.state = up ? 'live' : 'down';
        setLabel(feedStatus.firstChild, up ? 'room.feed_live' : 'room.feed_down');
    });
    watch.on('error', (err) => {
        if (err.code === 'exam_not_open' && exam.state !== 'open') {
            // Not open yet (or closed): nothing to follow; "open" watches again.
            feedStatus.dataset.state = 'idle';
            setLabel(feedStatus.firstChild, exam.state === 'closed' ? 'room.feed_closed' : 'room.feed_not_open');
            return;
        }
        messages.show('error', err.message ? { text: err.message } : { key: 'exam.error.other', params: { code: err.code } });
    });
    watch.start();
    const ticker = setInterval(() => {
        for (const entry of rows.values()) entry.tick();
        if (map) map.tick();
    }, TICK_MS);
    codeTimer = setInterval(loadCode, CODE_REFRESH_MS);
    signal.addEventListener('abort', () => {
        watch.stop();
        clearInterval(ticker);
        clearInterval(codeTimer);
    });

    showExam();
    updateCount();
    loadCode();
    redraw();

    // ---------- answer files ----------
    const fileInput = h('input', { type: 'file', accept: '.json,application/json', class: 'file-input' });
    const fileField = field({ label: 'room.answer_file', input: fileInput, hint: 'room.answer_file_hint' });
    const uploadButton = h('button', { type: 'submit', class: 'btn btn-secondary', t: 'room.answer_file_upload' });
    const uploadResult = messageSlot();
    const uploadForm = h('form', { class: 'answer-file-form', noValidate: true }, fileField.el, uploadButton);
    fileInput.addEventListener('change', () => {
        fileField.setError(null);
        uploadResult.hide();
    });
    uploadForm.addEventListener('submit', async (event) => {
        event.preventDefault();
        uploadResult.hide();
        const file = fileInput.files && fileInput.files[0];
        if (!file) {
            fileField.setError('room.answer_file_choose');
            fileInput.focus();
            return;
        }
        setBusy(uploadButton, true);
        try {
            const data = readAnswerFile(await file.text());
            if (!data) {
                fileField.setError('room.answer_file_bad_format');
                return;
            }
            fileField.setError(null);
            const reply = await api.uploadAnswerFile(exam.id, data, { signal });
            const counts = {
                username: { text: String(data.username || '?') },
                merged: Number(reply.merged) || 0,
                stale: Number(reply.stale) || 0,
                refused: Number(reply.refused) || 0,
            };
            uploadResult.show(counts.refused ? 'warning' : 'success', { key: 'room.answer_file_result', params: counts });
        } catch (error) {
            if (signal.aborted) return;
            uploadResult.show('error', answerFileError(error));
        } finally {
            setBusy(uploadButton, false);
        }
    });

    const table = h('div', { class: 'table-wrap' },
        h('table', { class: 'data-table room-table' },
            h('caption', { class: 'visually-hidden', t: 'room.table_caption' }),
            h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col', t: c })))),
            tbody));
    const listView = h('div', { class: 'room-list-view' }, filters, table);
    const mapView = map ? h('div', { class: 'room-map-view' }, map.el, selectedBox) : null;
    const viewSwitch = map ? viewToggle([{ el: mapView, label: 'room.view_map' }, { el: listView, label: 'room.view_list' }]) : null;

    return page(ctx, {
        title: { text: exam.title },
        actions: [
            h('a', { class: 'btn btn-secondary', href: screenHref(exam.id), t: 'room.screen' }),
            h('a', { class: 'btn btn-secondary', href: resultsHref(exam.id), t: 'exams.results' }),
            h('a', { class: 'btn btn-secondary', href: `#/checkin?class=${exam.class_id}`, t: 'room.checkin' }),
            h('a', { class: 'btn btn-secondary', href: '#/exams', t: 'room.back' }),
        ],
    },
    h('div', { class: 'room-head' },
        h('div', { class: 'room-status' }, stateBadge, pausedBadge, startedLine, feedStatus),
        h('div', { class: 'room-controls' }, Object.values(buttons))),
    messages.el,
    codeBox,
    count,
    viewSwitch,
    mapView,
    listView,
    h('section', { class: 'room-alerts' }, h('h2', { t: 'room.alerts' }), alertList),
    h('section', { class: 'card answer-file-box' },
        h('h2', { t: 'room.answer_file_title' }),
        h('p', { class: 'muted', t: 'room.answer_file_intro' }),
        uploadForm,
        uploadResult.el));
}

/** "Sơ đồ phòng / Danh sách": toggle buttons that show one of the views [{el, label}] (the first at once). */
function viewToggle(views) {
    const buttons = views.map((view) => h('button', { type: 'button', class: 'seg-button', t: view.label, on: { click: () => show(view) } }));
    function show(shown) {
        views.forEach((view, i) => {
            buttons[i].setAttribute('aria-pressed', String(view === shown));
            view.el.hidden = view !== shown;
        });
    }
    show(views[0]);
    return h('div', { class: 'seg-group room-view-switch', role: 'group', ta: { 'aria-label': 'room.view' } }, buttons);
}

function stateBadgeClass(state) {
    if (state === 'in_progress') return 'badge-on';
    if (state === 'voided') return 'badge-off';
    if (state === 'paused' || state === 'waiting') return 'badge-note';
    return 'badge-info';
}
