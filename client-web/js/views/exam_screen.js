// The projector's big screen for an exam room (docs/EXAMS.md, "Proctor"): the exam's title, the
// URL candidates type with a QR code of it, the start code when the exam uses one, and the time
// left for the room, all large enough to read from the back row. Read-only: the room view holds
// the controls; Escape goes back there.
import { h, setLabel } from '../dom.js';
import { api, itemOf, errorMessage } from '../api.js';
import { page, messageSlot } from '../ui.js';
import { formatDuration } from '../exam/format.js';
import { monotonicNow } from '../exam/outbox.js';
import { timeOf } from './room_seat_map.js';

const ROOM_REFRESH_MS = 5000;
const CODE_REFRESH_MS = 30000;
const TICK_MS = 1000;
const CLOCK_LABELS = { paused: 'room.screen_paused', not_started: 'room.screen_not_started', ended: 'room.screen_ended' };

/** The hash of the big screen of exam `id`. */
export function screenHref(id) {
    return `#/exams/${encodeURIComponent(id)}/screen`;
}

/**
 * What the room's clock shows, from GET /api/exams/{id}/room (or null when the room is not open):
 * {deadline} the latest deadline among candidates at work, else {state: 'paused' | 'not_started'
 * | 'ended'}.
 */
export function roomClock(room, exam) {
    const rows = (room && room.candidates) || [];
    const deadlines = rows.filter((r) => r.state === 'in_progress' && r.deadline).map((r) => timeOf(r.deadline));
    if (deadlines.length) return { deadline: Math.max(...deadlines) };
    if (rows.some((r) => r.state === 'paused')) return { state: 'paused' };
    const started = room ? (room.exam && room.exam.started_at) || exam.started_at : exam.started_at;
    if (exam.state === 'closed' || exam.state === 'archived' || started) return { state: 'ended' };
    return { state: 'not_started' };
}

export default {
    title: 'room.screen_title',
    async render(ctx) {
        const { signal } = ctx;
        const [found, urls] = await Promise.all([
            api.getExam(ctx.params.id, { signal }),
            api.serverUrls({ signal }).catch(() => null),
        ]);
        const url = (urls && Array.isArray(urls.urls) && urls.urls[0]) || `${location.origin}/`;
        return screenPage(ctx, itemOf(found, 'exam'), url);
    },
};

function screenPage(ctx, exam, url) {
    const { signal } = ctx;
    const roomHash = `#/exams/${encodeURIComponent(exam.id)}/room`;
    const messages = messageSlot();
    let offset = 0; // server clock − local clock
    let clock = roomClock(null, exam);

    const qr = h('img', { class: 'screen-qr', ta: { alt: { key: 'room.screen_qr_alt', params: { url } } }, hidden: true });
    api.qrSvg(url, { signal })
        .then(({ blob }) => blob.text())
        .then((svg) => {
            qr.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
            qr.hidden = false;
        })
        .catch((error) => {
            if (!signal.aborted) messages.show('error', errorMessage(error));
        });

    const timeValue = h('p', { class: 'screen-time-value', role: 'timer', 'aria-live': 'off' });
    const codeValue = h('p', { class: 'screen-code-value' });
    const codeBox = h('section', { class: 'screen-block screen-code', hidden: true },
        h('h2', { class: 'screen-label', t: 'room.start_code' }), codeValue);

    function tick() {
        if (clock.deadline) timeValue.textContent = formatDuration(clock.deadline - (monotonicNow() + offset));
        else setLabel(timeValue, CLOCK_LABELS[clock.state]);
        timeValue.dataset.state = clock.deadline ? 'running' : clock.state;
    }

    // The room's candidates while it is open; otherwise the exam, to see when it opens.
    async function loadRoom() {
        try {
            if (exam.state === 'open') {
                const room = await api.examRoom(exam.id, { signal });
                if (typeof room.server_time === 'number') offset = room.server_time - monotonicNow();
                if (room.exam) exam = { ...exam, ...room.exam };
                clock = roomClock(room, exam);
            } else {
                exam = { ...exam, ...itemOf(await api.getExam(exam.id, { signal }), 'exam') };
                clock = roomClock(null, exam);
            }
        } catch (error) {
            if (signal.aborted) return;
            if (error.code === 'exam_not_open') exam = { ...exam, state: 'closed' };
            clock = roomClock(null, exam);
        }
        tick();
    }

    async function loadCode() {
        const uses = Boolean(exam.settings && exam.settings.start_code) && exam.state !== 'closed';
        codeBox.hidden = !uses;
        if (!uses) return;
        try {
            const { code } = await api.startCode(exam.id, { signal });
            codeValue.textContent = String(code || '');
        } catch (error) {
            if (!signal.aborted) codeBox.hidden = true;
        }
    }

    const fullscreen = h('button', { type: 'button', class: 'btn btn-secondary', t: 'room.screen_fullscreen' });
    fullscreen.hidden = !document.fullscreenEnabled;
    const onKey = (event) => {
        if (event.key === 'Escape' && !document.fullscreenElement) location.hash = roomHash;
    };
    document.addEventListener('keydown', onKey);
    const timers = [setInterval(tick, TICK_MS), setInterval(loadRoom, ROOM_REFRESH_MS), setInterval(loadCode, CODE_REFRESH_MS)];
    signal.addEventListener('abort', () => {
        document.removeEventListener('keydown', onKey);
        timers.forEach(clearInterval);
        if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    });
    tick();
    loadRoom();
    loadCode();

    const el = page(ctx, {
        title: { text: exam.title },
        actions: [fullscreen, h('a', { class: 'btn btn-secondary', href: roomHash, t: 'room.screen_back' })],
    },
    messages.el,
    h('div', { class: 'screen-body' },
        h('section', { class: 'screen-block screen-join' },
            h('h2', { class: 'screen-label', t: 'room.screen_open_url' }),
            h('p', { class: 'screen-url' }, url),
            qr),
        h('div', { class: 'screen-side' },
            h('section', { class: 'screen-block screen-time' },
                h('h2', { class: 'screen-label', t: 'room.screen_time_left' }), timeValue),
            codeBox)));
    el.classList.add('screen-page');
    fullscreen.addEventListener('click', () => {
        if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
        else el.requestFullscreen().catch(() => {});
    });
    return el;
}
