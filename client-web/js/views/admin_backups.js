// Admin: "backup now" — a consistent copy of the live database into the data folder's backups,
// the schedule of automatic backups, the list of backups (newest first) and a download of each,
// e.g. to a USB stick.
import { h, setLabel } from '../dom.js';
import { api } from '../api.js';
import { page, messageSlot } from '../ui.js';
import { download } from './banks.js';
import { formatDateTime } from '../exam/format.js';
import { backupScheduleSection } from './backup_schedule.js';

export default {
    title: 'backups.title',
    async render(ctx) {
        const { backups, schedule } = await api.listBackups({ signal: ctx.signal });
        return backupsPage(ctx, backups || [], schedule);
    },
};

/** "1,5 MB" / "820 kB": a size people read. */
export function sizeText(bytes, lang) {
    const format = (n, unit) => `${new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 }).format(n)} ${unit}`;
    return bytes >= 1024 * 1024 ? format(bytes / (1024 * 1024), 'MB') : format(Math.max(1, Math.round(bytes / 1024)), 'kB');
}

function backupsPage(ctx, initial, schedule) {
    const { signal } = ctx;
    let backups = [...initial];
    const messages = messageSlot();
    const tbody = h('tbody');
    const count = h('p', { class: 'toolbar-count', 'aria-live': 'polite' });
    const lang = document.documentElement.lang || 'vi';

    const now = h('button', {
        type: 'button', class: 'btn btn-primary', t: 'backups.now',
        on: { click: () => download({
            messages,
            button: now,
            signal,
            fetchFile: async () => {
                const { backup } = await api.createBackup({ signal });
                backups = [backup, ...backups];
                render();
                return api.downloadBackup(backup.name, { signal });
            },
            fallbackName: 'phongthi-backup.db',
            done: 'backups.made',
        }) },
    });

    function render() {
        const rows = backups.map((b) => {
            const button = h('button', {
                type: 'button', class: 'btn btn-small btn-secondary', t: 'backups.download',
                ta: { 'aria-label': { key: 'backups.download_named', params: { name: b.name } } },
            });
            button.addEventListener('click', () => download({
                messages, button, signal,
                fetchFile: () => api.downloadBackup(b.name, { signal }),
                fallbackName: b.name,
                done: 'backups.downloaded',
            }));
            return h('tr', { dataset: { name: b.name } },
                h('td', {}, h('code', {}, b.name)),
                h('td', {}, formatDateTime(b.modified_at, lang)),
                h('td', { class: 'cell-number' }, sizeText(b.bytes, lang)),
                h('td', {}, button));
        });
        if (!rows.length) rows.push(h('tr', { class: 'empty-row' }, h('td', { colspan: '4', t: 'backups.empty' })));
        tbody.replaceChildren(...rows);
        setLabel(count, { key: 'backups.count', params: { total: backups.length } });
    }
    render();

    return page(ctx, { title: 'backups.title', actions: now },
        h('p', { class: 'muted', t: 'backups.intro' }),
        messages.el,
        backupScheduleSection(ctx, schedule, messages),
        h('div', { class: 'toolbar' }, count),
        h('div', { class: 'table-wrap' },
            h('table', { class: 'data-table backups-table' },
                h('caption', { class: 'visually-hidden', t: 'backups.table_caption' }),
                h('thead', {}, h('tr', {},
                    ['backups.file', 'backups.at', 'backups.size', 'backups.actions'].map((c) => h('th', { scope: 'col', t: c })))),
                tbody)));
}
