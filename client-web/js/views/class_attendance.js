// The class page's course sessions, attendance and seating: the sessions (buổi học) with a form
// to add one (day, part, start, late after N minutes), each learner's share of the sessions held so
// far (it feeds the classification), a link to the check-in page, and seating the roster in the
// class's room by list order, at random, or with each unit's members apart.
import { h, setLabel, uid } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { field, textInput, select, messageSlot, setBusy } from '../ui.js';
import { sessionLabel } from './checkin.js';

const PARTS = ['full', 'morning', 'afternoon'];
const MODES = ['spread_units', 'list_order', 'random'];

/**
 * The section for class `classId` (whose room is `roomId`, 0 for none); `seated()` runs after the
 * roster was seated so the learners table shows the new seats.
 */
export function attendanceSection(ctx, { classId, roomId, canPlan, seated }) {
    const { signal } = ctx;
    const messages = messageSlot();
    const sessionList = h('ul', { class: 'session-list' });
    const shareBody = h('tbody');
    const held = h('p', { class: 'muted' });

    const day = field({ label: 'attendance.day', input: h('input', { type: 'date', min: '2000-01-01', max: '2199-12-31' }) });
    const part = field({ label: 'attendance.part', input: select(PARTS.map((p) => ({ value: p, label: `checkin.part_${p}` }))) });
    const start = field({ label: 'attendance.starts_at', input: h('input', { type: 'time', value: '07:30' }) });
    const late = field({ label: 'attendance.late_after', input: h('input', { type: 'number', min: '0', max: '600', value: '15' }) });
    const addButton = h('button', { type: 'submit', class: 'btn btn-primary', t: 'attendance.add' });
    const addForm = h('form', { class: 'card form-card session-form', noValidate: true },
        h('div', { class: 'form-grid' }, day.el, part.el, start.el, late.el), h('div', { class: 'form-actions' }, addButton));
    part.input.addEventListener('change', () => {
        start.input.value = part.input.value === 'afternoon' ? '13:30' : '07:30';
    });
    const fields = { day, part, starts_at: start, late_after_minutes: late };
    addForm.addEventListener('submit', async (event) => {
        event.preventDefault();
        Object.values(fields).forEach((f) => f.setError(null));
        if (!day.input.value) {
            day.setError('common.required');
            day.input.focus();
            return;
        }
        setBusy(addButton, true);
        try {
            await api.addSession(classId, {
                day: day.input.value, part: part.input.value, starts_at: start.input.value,
                late_after_minutes: Number(late.input.value),
            }, { signal });
            messages.show('success', 'attendance.added');
            await load();
        } catch (error) {
            if (signal.aborted) return;
            const target = fields[error.details && error.details.field];
            if (target) target.setError(errorMessage(error));
            else messages.show('error', errorMessage(error));
        } finally {
            setBusy(addButton, false);
        }
    });

    const modeId = uid('seating-mode');
    const modeSelect = select(MODES.map((m) => ({ value: m, label: `attendance.mode_${m}` })), { id: modeId });
    const seatButton = h('button', { type: 'button', class: 'btn btn-secondary', t: 'attendance.seat', disabled: !roomId });
    seatButton.addEventListener('click', async () => {
        setBusy(seatButton, true);
        try {
            const reply = await api.seatClass(classId, { mode: modeSelect.value }, { signal });
            messages.show(reply.unseated ? 'warning' : 'success',
                { key: reply.unseated ? 'attendance.seated_some' : 'attendance.seated', params: { seated: reply.seated, unseated: reply.unseated } });
            await seated();
        } catch (error) {
            if (!signal.aborted) messages.show('error', errorMessage(error));
        } finally {
            setBusy(seatButton, false);
        }
    });

    async function load() {
        const [sessions, shares] = await Promise.all([api.classSessions(classId, { signal }), api.classAttendance(classId, { signal })]);
        sessionList.replaceChildren(...sessions.sessions.map((s) => h('li', {},
            h('a', { href: `#/checkin?class=${classId}&session=${s.id}`, t: sessionLabel(s) }),
            h('span', { class: 'muted', t: { key: 'attendance.late_rule', params: { minutes: s.late_after_minutes } } }))));
        if (!sessions.sessions.length) sessionList.replaceChildren(h('li', { class: 'muted', t: 'attendance.no_sessions' }));
        setLabel(held, { key: 'attendance.held', params: { held: shares.held } });
        shareBody.replaceChildren(...shares.learners.map((l) => h('tr', {},
            h('td', { class: 'cell-number' }, l.list_number ? String(l.list_number) : ''),
            h('td', {}, l.full_name),
            h('td', { class: 'cell-number' }, `${l.attended}/${shares.held}`),
            h('td', { class: 'cell-number' }, l.share === null ? '—' : `${Math.round(l.share * 100)}%`),
            h('td', { class: 'cell-number' }, String(l.late)))));
    }
    load().catch((error) => {
        if (!signal.aborted) messages.show('error', errorMessage(error));
    });

    return h('section', { class: 'class-attendance' },
        h('h2', { class: 'section-title', t: 'attendance.title' }),
        messages.el,
        h('p', {}, h('a', { class: 'btn btn-primary', href: `#/checkin?class=${classId}`, t: 'attendance.open_checkin' })),
        sessionList,
        canPlan ? addForm : null,
        h('h3', { t: 'attendance.seating' }),
        roomId ? null : h('p', { class: 'notice notice-info', t: 'attendance.no_room' }),
        h('div', { class: 'seating-row' }, h('label', { for: modeId, t: 'attendance.mode' }), modeSelect, seatButton),
        h('h3', { t: 'attendance.shares' }),
        held,
        h('div', { class: 'table-wrap' },
            h('table', { class: 'data-table attendance-table' },
                h('caption', { class: 'visually-hidden', t: 'attendance.shares' }),
                h('thead', {}, h('tr', {}, ['class.col_number', 'class.col_name', 'attendance.col_attended',
                    'attendance.col_share', 'attendance.col_late'].map((c) => h('th', { scope: 'col', t: c })))),
                shareBody)));
}
