// Admin: the schedule of automatic backups on the backups page — how often and how many are kept.
// Saved here (or by `phongthi settings backup-schedule`) it takes over from the serve options
// until "use the server's configuration"; the running server applies it at once.
import { h, setLabel } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { field, setBusy } from '../ui.js';
import { formatDateTime } from '../exam/format.js';

const MAX_EVERY_MINUTES = 10080;
const MAX_KEEP = 1000;

/** The lines that say what the schedule does: [{key, params}]. */
export function scheduleLines(schedule, lang) {
    const lines = [];
    lines.push(schedule.every_minutes > 0
        ? { key: 'backups.schedule_on', params: { every: schedule.every_minutes, keep: schedule.keep } }
        : { key: 'backups.schedule_off' });
    lines.push({ key: schedule.source === 'settings' ? 'backups.source_settings' : 'backups.source_options' });
    if (schedule.next_at) lines.push({ key: 'backups.next_at', params: { at: formatDateTime(schedule.next_at, lang) } });
    if (schedule.last_error) {
        lines.push({ key: 'backups.last_failed', params: { at: formatDateTime(schedule.last_at, lang), error: schedule.last_error } });
    } else if (schedule.last_at) {
        lines.push({ key: 'backups.last_at', params: { at: formatDateTime(schedule.last_at, lang), name: schedule.last_name } });
    }
    return lines;
}

/** A whole number in [low, high] from an input's text, else null. */
export function wholeNumber(text, low, high) {
    const trimmed = String(text).trim();
    if (!/^\d+$/.test(trimmed)) return null;
    const n = Number(trimmed);
    return n >= low && n <= high ? n : null;
}

export function backupScheduleSection(ctx, initial, messages) {
    const { signal } = ctx;
    const lang = document.documentElement.lang || 'vi';
    const status = h('div', { class: 'backup-schedule-status', 'aria-live': 'polite' });
    const every = field({
        label: 'backups.every',
        input: h('input', { type: 'number', min: '0', max: String(MAX_EVERY_MINUTES), step: '1', inputmode: 'numeric' }),
        hint: 'backups.every_hint',
    });
    const keep = field({
        label: 'backups.keep',
        input: h('input', { type: 'number', min: '1', max: String(MAX_KEEP), step: '1', inputmode: 'numeric' }),
        hint: 'backups.keep_hint',
    });
    const save = h('button', { type: 'submit', class: 'btn btn-primary', t: 'backups.save_schedule' });
    const useOptions = h('button', { type: 'button', class: 'btn btn-secondary', t: 'backups.use_options' });

    function show(schedule) {
        status.replaceChildren(...scheduleLines(schedule, lang).map((line) => {
            const p = h('p');
            setLabel(p, line);
            return p;
        }));
        every.input.value = String(schedule.every_minutes);
        keep.input.value = String(schedule.keep);
        useOptions.hidden = schedule.source !== 'settings';
    }

    async function change(button, send, done) {
        setBusy(button, true);
        every.setError(null);
        keep.setError(null);
        try {
            const { schedule } = await send();
            show(schedule);
            messages.show('success', done);
        } catch (error) {
            if (signal.aborted) return;
            const target = error.details && { every_minutes: every, keep }[error.details.field];
            if (target) target.setError(errorMessage(error));
            else messages.show('error', errorMessage(error));
        }
        if (!signal.aborted) setBusy(button, false);
    }

    async function submit(event) {
        event.preventDefault();
        const minutes = wholeNumber(every.input.value, 0, MAX_EVERY_MINUTES);
        const kept = wholeNumber(keep.input.value, 1, MAX_KEEP);
        if (minutes === null || kept === null) {
            every.setError(minutes === null ? { key: 'backups.every_invalid', params: { max: MAX_EVERY_MINUTES } } : null);
            keep.setError(kept === null ? { key: 'backups.keep_invalid', params: { max: MAX_KEEP } } : null);
            return;
        }
        await change(save, () => api.saveBackupSchedule({ every_minutes: minutes, keep: kept }, { signal }), 'backups.schedule_saved');
    }

    useOptions.addEventListener('click', () =>
        change(useOptions, () => api.resetBackupSchedule({ signal }), 'backups.schedule_reset'));
    show(initial);

    return h('form', { class: 'card form-card backup-schedule', noValidate: true, on: { submit } },
        h('h2', { class: 'form-title', t: 'backups.schedule_title' }),
        status,
        h('div', { class: 'form-grid' }, every.el, keep.el),
        h('div', { class: 'form-actions' }, save, useOptions));
}
