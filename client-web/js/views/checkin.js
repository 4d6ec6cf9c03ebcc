// Check-in (điểm danh) for one session of a class: a big field a USB barcode scanner types the
// candidate code into (then Enter), the PC's camera where the browser has BarcodeDetector (Code 128
// and the login card's QR code, both holding the candidate code), and a search by name
// (diacritics-insensitive) with a button per learner. The live list counts present, late and
// absent learners, undoes a check-in, seats a learner (next free seat or a chosen one), and binds
// this PC to a seat of the class's room. Reached from the navigation, home and the exam room.
import { h, setLabel, uid } from '../dom.js';
import { api, errorMessage, listOf } from '../api.js';
import { page, field, textInput, messageSlot, setBusy, confirmDialog, fold, cleanText } from '../ui.js';
import { dayText } from './admin_classes.js';

const REFRESH_MS = 10000;
const SCAN_MS = 400;

/** "Sáng 26/11/2026 (07:30)" for a session. */
export function sessionLabel(session) {
    return {
        key: 'checkin.session_label',
        params: { part: { key: `checkin.part_${session.part}` }, day: dayText(session.day), time: session.starts_at },
    };
}

export default {
    title: 'checkin.title',
    async render(ctx) {
        const classes = listOf(await api.listClasses({ signal: ctx.signal }), 'classes');
        return checkinPage(ctx, classes);
    },
};

/** What a check-in reply says, as one line for the result box. */
function resultLabel(reply) {
    const { learner, check_in: c } = reply;
    const name = `${learner.full_name} (${learner.username})`;
    if (reply.result === 'already') return { key: 'checkin.already', params: { name, time: c.time } };
    const key = c.late ? 'checkin.done_late' : 'checkin.done';
    return { key, params: { name, time: c.time, minutes: c.minutes_after_start } };
}

function checkinPage(ctx, classes) {
    const { signal } = ctx;
    const messages = messageSlot();
    const result = h('div', { class: 'checkin-result', 'aria-live': 'assertive' });
    const classSelect = h('select', { id: uid('checkin-class') },
        h('option', { value: '', t: 'checkin.choose_class' }),
        classes.map((c) => h('option', { value: String(c.id) }, `${c.code} — ${c.name}`)));
    const sessionSelect = h('select', { id: uid('checkin-session') });
    const codeInput = textInput({ class: 'checkin-code', autocapitalize: 'none', inputmode: 'text', enterkeyhint: 'go' });
    const codeField = field({ label: 'checkin.code', input: codeInput, hint: 'checkin.code_hint' });
    const searchInput = textInput({ type: 'search' });
    const searchField = field({ label: 'checkin.search', input: searchInput });
    const counts = h('p', { class: 'checkin-counts', 'aria-live': 'polite' });
    const tbody = h('tbody');
    const noSession = h('div', { class: 'checkin-none', hidden: true });
    const work = h('div', { class: 'checkin-work', hidden: true });
    const pcLabel = textInput({ maxlength: '8', class: 'seat-input' });
    const pcButton = h('button', { type: 'submit', class: 'btn btn-secondary', t: 'checkin.bind_pc' });
    const pcMessages = messageSlot();
    let klass = null;
    let roll = null;
    let timer = null;

    async function chooseClass(id, sessionId) {
        klass = null;
        roll = null;
        work.hidden = true;
        noSession.hidden = true;
        sessionSelect.replaceChildren();
        if (!id) return;
        try {
            const [detail, sessions] = await Promise.all([api.getClass(id, { signal }), api.classSessions(id, { signal })]);
            klass = detail.class;
            sessionSelect.replaceChildren(...sessions.sessions.map((s) => h('option', { value: String(s.id), t: sessionLabel(s) })));
            const chosen = sessionId || sessions.current || (sessions.sessions.length ? sessions.sessions[sessions.sessions.length - 1].id : null);
            if (!chosen) {
                showNoSession(sessions.today);
                return;
            }
            sessionSelect.value = String(chosen);
            await loadRoll();
        } catch (error) {
            if (!signal.aborted) messages.show('error', errorMessage(error));
        }
    }

    function showNoSession(today) {
        const canPlan = ctx.user.role !== 'proctor';
        const add = h('button', { type: 'button', class: 'btn btn-primary', t: 'checkin.add_today' });
        add.addEventListener('click', async () => {
            setBusy(add, true);
            try {
                const { session } = await api.addSession(klass.id, { day: today, part: 'full' }, { signal });
                await chooseClass(String(klass.id), session.id);
            } catch (error) {
                if (!signal.aborted) messages.show('error', errorMessage(error));
                setBusy(add, false);
            }
        });
        noSession.replaceChildren(h('p', { class: 'notice notice-info', t: 'checkin.no_session' }), canPlan ? add : null);
        noSession.hidden = false;
    }

    async function loadRoll() {
        if (!sessionSelect.value) return;
        roll = await api.sessionRoll(sessionSelect.value, { signal });
        work.hidden = false;
        renderRoll();
    }

    function statusCell(learner) {
        const c = learner.check_in;
        if (!c) return h('span', { class: 'badge badge-off', t: 'checkin.absent' });
        return h('span', {
            class: ['badge', c.late ? 'badge-note' : 'badge-on'],
            t: c.late ? { key: 'checkin.late_at', params: { time: c.time, minutes: c.minutes_after_start } }
                : { key: 'checkin.present_at', params: { time: c.time } },
        });
    }

    function seatCell(learner) {
        const input = textInput({ maxlength: '8', class: 'seat-input', value: learner.seat_label || '' });
        input.setAttribute('aria-label', `${learner.full_name}: ${input.value || '—'}`);
        const button = h('button', { type: 'submit', class: 'btn btn-small btn-secondary', t: learner.seat_label ? 'checkin.change_seat' : 'checkin.seat_next' });
        const form = h('form', { class: 'seat-form' }, input, button);
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            setBusy(button, true);
            const label = cleanText(input.value) === learner.seat_label ? '' : cleanText(input.value);
            try {
                const seat = await api.seatLearner(klass.id, learner.user_id, { label }, { signal });
                // Redrawn first, so that what the proctor types next lands in the new rows.
                await loadRoll();
                messages.show('success', { key: 'checkin.seated', params: { name: learner.full_name, seat: seat.seat_label } });
            } catch (error) {
                if (!signal.aborted) messages.show('error', errorMessage(error));
                setBusy(button, false);
            }
        });
        return form;
    }

    function actionCell(learner) {
        if (!learner.check_in) {
            return h('button', {
                type: 'button', class: 'btn btn-small btn-primary', t: 'checkin.check_in',
                on: { click: (event) => checkIn({ user_id: learner.user_id, method: 'manual' }, event.currentTarget) },
            });
        }
        return h('button', {
            type: 'button', class: 'btn btn-small btn-secondary', t: 'checkin.undo',
            on: { click: (event) => undo(learner, event.currentTarget) },
        });
    }

    function renderRoll() {
        if (!roll) return;
        setLabel(counts, { key: 'checkin.counts', params: roll.counts });
        const needle = fold(searchInput.value.trim());
        const shown = roll.learners.filter((l) => !needle || fold(`${l.full_name} ${l.username} ${l.unit}`).includes(needle));
        tbody.replaceChildren(...shown.map((l) => h('tr', { class: l.check_in ? 'is-present' : null, dataset: { user: String(l.user_id) } },
            h('td', { class: 'cell-number' }, l.list_number ? String(l.list_number) : ''),
            h('td', {}, l.full_name, h('br'), h('span', { class: 'muted' }, l.username)),
            h('td', {}, l.unit || ''),
            h('td', {}, seatCell(l)),
            h('td', { class: 'checkin-status' }, statusCell(l)),
            h('td', {}, actionCell(l)))));
        if (!shown.length) tbody.replaceChildren(h('tr', {}, h('td', { colspan: '6', t: 'checkin.nobody' })));
    }

    async function checkIn(body, button) {
        if (!sessionSelect.value) return;
        if (button) setBusy(button, true);
        try {
            const reply = await api.checkIn(sessionSelect.value, body, { signal });
            const seat = reply.learner.seat_label;
            result.replaceChildren(h('p', { class: ['notice', reply.result === 'already' ? 'notice-info' : reply.check_in.late ? 'notice-warning' : 'notice-success'], role: 'status' },
                h('span', { t: resultLabel(reply) }), ' ',
                h('strong', { class: 'checkin-seat', t: seat ? { key: 'checkin.seat_is', params: { seat } } : 'checkin.no_seat' })));
            await loadRoll();
        } catch (error) {
            if (signal.aborted) return;
            const details = error.details || {};
            const label = error.code === 'unknown_candidate_code'
                ? { key: 'checkin.unknown_code', params: { code: details.value || body.code || '' } }
                : error.code === 'not_in_class'
                    ? { key: 'checkin.not_in_class', params: { name: details.full_name || details.value || '' } }
                    : errorMessage(error);
            result.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert', t: label }));
        } finally {
            if (button && button.isConnected) setBusy(button, false);
        }
    }

    async function undo(learner, button) {
        const ok = await confirmDialog({
            title: 'checkin.undo_title',
            body: { key: 'checkin.undo_body', params: { name: learner.full_name } },
            confirm: 'checkin.undo',
            danger: true,
        });
        if (!ok) return;
        setBusy(button, true);
        try {
            await api.undoCheckIn(sessionSelect.value, learner.user_id, { signal });
            messages.show('success', { key: 'checkin.undone', params: { name: learner.full_name } });
            await loadRoll();
        } catch (error) {
            if (!signal.aborted) messages.show('error', errorMessage(error));
            setBusy(button, false);
        }
    }

    const codeForm = h('form', { class: 'checkin-form', noValidate: true }, codeField.el,
        h('button', { type: 'submit', class: 'btn btn-primary', t: 'checkin.submit' }));
    codeForm.addEventListener('submit', async (event) => {
        event.preventDefault();
        const code = codeInput.value.trim();
        codeInput.value = '';
        codeInput.focus();
        if (code) await checkIn({ code, method: 'barcode' });
    });

    const pcForm = h('form', { class: 'checkin-pc-form' },
        field({ label: 'checkin.pc_seat', input: pcLabel, hint: 'checkin.pc_hint' }).el, pcButton, pcMessages.el);
    pcForm.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (!klass || !klass.room_id || !cleanText(pcLabel.value)) {
            pcMessages.show('error', klass && !klass.room_id ? 'checkin.no_room' : 'common.required');
            return;
        }
        setBusy(pcButton, true);
        try {
            const bound = await api.bindThisPc(klass.room_id, { label: cleanText(pcLabel.value) }, { signal });
            pcMessages.show('success', { key: 'checkin.pc_bound', params: { seat: bound.seat, host: bound.host } });
        } catch (error) {
            if (!signal.aborted) pcMessages.show('error', errorMessage(error));
        } finally {
            setBusy(pcButton, false);
        }
    });

    classSelect.addEventListener('change', () => chooseClass(classSelect.value));
    sessionSelect.addEventListener('change', () => loadRoll().catch((error) => {
        if (!signal.aborted) messages.show('error', errorMessage(error));
    }));
    searchInput.addEventListener('input', renderRoll);
    timer = setInterval(() => {
        // Not while someone types a seat in the list: the refresh would redraw the row under them.
        if (!work.hidden && !document.hidden && !tbody.contains(document.activeElement)) loadRoll().catch(() => {});
    }, REFRESH_MS);
    signal.addEventListener('abort', () => clearInterval(timer));

    const wanted = ctx.query.get('class') || (classes.length === 1 ? String(classes[0].id) : '');
    if (wanted) {
        classSelect.value = wanted;
        chooseClass(wanted, Number(ctx.query.get('session')) || null).then(() => {
            if (!work.hidden) codeInput.focus();
        });
    }

    work.append(
        h('div', { class: 'checkin-scan card' }, codeForm, cameraScanner(ctx, (code, format) => checkIn({ code, method: format === 'qr_code' ? 'qr' : 'barcode' })), result),
        counts,
        searchField.el,
        h('div', { class: 'table-wrap' },
            h('table', { class: 'data-table checkin-table' },
                h('caption', { class: 'visually-hidden', t: 'checkin.list' }),
                h('thead', {}, h('tr', {}, ['class.col_number', 'class.col_name', 'class.col_unit', 'class.col_seat',
                    'checkin.col_status', 'checkin.col_action'].map((c) => h('th', { scope: 'col', t: c })))),
                tbody)),
        h('section', { class: 'card checkin-pc' }, h('h2', { class: 'form-title', t: 'checkin.pc_title' }), pcForm));

    return page(ctx, { title: 'checkin.title' },
        messages.el,
        h('div', { class: 'form-grid checkin-pick' },
            h('div', { class: 'field' }, h('label', { for: classSelect.id, t: 'checkin.class' }), classSelect),
            h('div', { class: 'field' }, h('label', { for: sessionSelect.id, t: 'checkin.session' }), sessionSelect)),
        noSession,
        work);
}

/**
 * The camera button: only where the browser has BarcodeDetector. It reads Code 128 (the card's
 * bars) and QR codes (the card's QR holds the same candidate code) and calls found(code, format),
 * pausing a moment after each so one card is read once.
 */
function cameraScanner(ctx, found) {
    if (!('BarcodeDetector' in window) || !navigator.mediaDevices) return null;
    const video = h('video', { class: 'checkin-video', hidden: true, muted: true, playsinline: true });
    const button = h('button', { type: 'button', class: 'btn btn-secondary', t: 'checkin.camera' });
    let stream = null;
    let timer = null;
    let last = '';

    function stop() {
        clearInterval(timer);
        if (stream) stream.getTracks().forEach((track) => track.stop());
        stream = null;
        video.hidden = true;
        setLabel(button, 'checkin.camera');
    }

    button.addEventListener('click', async () => {
        if (stream) return stop();
        try {
            const detector = new window.BarcodeDetector({ formats: ['code_128', 'qr_code'] });
            stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
            video.srcObject = stream;
            video.hidden = false;
            await video.play();
            setLabel(button, 'checkin.camera_stop');
            timer = setInterval(async () => {
                const codes = await detector.detect(video).catch(() => []);
                const code = codes.length ? codes[0].rawValue.trim() : '';
                if (code && code !== last) {
                    last = code;
                    found(code, codes[0].format);
                    setTimeout(() => { last = ''; }, 3000);
                }
            }, SCAN_MS);
        } catch {
            stop();
            setLabel(button, 'checkin.camera_failed');
        }
    });
    ctx.signal.addEventListener('abort', stop);
    return h('div', { class: 'checkin-camera' }, button, video);
}
