// The proctor's seat map: the room's rows × columns of seats, each tile showing who sits there,
// their state (in words and in colour), progress, time left and alerts; candidates without a
// seat of the room are listed under the grid. A pure DOM builder: the room view hands it the
// candidate rows of the feed and the selected user, and calls tick() each second.
import { h } from '../dom.js';
import { has, t } from '../i18n.js';
import { formatDuration } from '../exam/format.js';
import { attemptStateLabel } from './my_exams.js';

const RUNNING = ['in_progress', 'paused'];

/** A time as ms since the epoch (the feed sends numbers, the REST API ISO text). */
export function timeOf(value) {
    return typeof value === 'number' ? value : new Date(value).getTime();
}

/** The colour group of a candidate row: waiting, working, paused, submitted, alert, absent or voided. */
export function seatTone(row) {
    const offline = row.state !== 'absent' && !row.connected;
    if (row.move_pending || (offline && RUNNING.includes(row.state))) return 'alert';
    if (row.state === 'in_progress') return 'working';
    if (row.state === 'submitted' || row.state === 'auto_submitted') return 'submitted';
    if (row.state === 'paused' || row.state === 'waiting' || row.state === 'voided') return row.state;
    return 'absent';
}

/** The short form of a Vietnamese full name: its last two words ("Nguyễn Văn An" → "Văn An"). */
export function shortName(fullName) {
    const words = String(fullName || '').trim().split(/\s+/).filter(Boolean);
    return words.slice(-2).join(' ');
}

/**
 * The seat map of `layout` ({room: {rows, cols, name}, seats: [{row, col, label, disabled}]}).
 * onSelect(user) is called when a candidate's tile is clicked; now() is the server's clock in ms.
 * Returns {el, show(rows, selected), tick()}: show() draws the candidate rows (an iterable of the
 * feed's rows) with `selected` (a user id or null) marked; tick() updates the time left.
 */
export function seatMap(layout, { onSelect, now }) {
    const { rows: rowCount, cols: colCount } = layout.room;
    const grid = h('div', { class: 'seat-grid', role: 'group', 'aria-label': layout.room.name || '' });
    grid.style.setProperty('--seat-cols', String(colCount));
    grid.style.setProperty('--seat-rows', String(rowCount));
    const tiles = new Map(); // seat label -> tile
    for (const seat of layout.seats || []) {
        const tile = h('button', { type: 'button', class: 'seat', dataset: { seat: seat.label } });
        tile.style.gridRow = String(seat.row + 1);
        tile.style.gridColumn = String(seat.col + 1);
        tile.addEventListener('click', () => {
            if (tile.dataset.user) onSelect(Number(tile.dataset.user));
        });
        tiles.set(seat.label, { el: tile, seat });
        grid.append(tile);
    }
    const unseatedList = h('ul', { class: 'seat-unseated-list' });
    const unseated = h('section', { class: 'seat-unseated', hidden: true },
        h('h3', { class: 'seat-unseated-title', t: 'room.unseated' }), unseatedList);
    const timers = []; // {span, row}

    function fill(tile, row, selected) {
        tile.dataset.user = String(row.user);
        tile.dataset.tone = seatTone(row);
        tile.setAttribute('aria-pressed', row.user === selected ? 'true' : 'false');
        const time = h('span', { class: 'seat-time' });
        timers.push({ span: time, row });
        const badges = [];
        if (row.state !== 'absent' && !row.connected) badges.push(h('span', { class: 'seat-badge seat-badge-offline', t: 'room.disconnected' }));
        if (row.move_pending) badges.push(h('span', { class: 'seat-badge', t: 'room.move_pending' }));
        if (row.alerts) {
            // The newest alert's kind in words, and how many there were.
            const kind = row.last_alert && has(`room.alert.${row.last_alert}`) ? { key: `room.alert.${row.last_alert}` } : null;
            badges.push(h('span', { class: 'seat-badge seat-badge-alert',
                t: kind ? { key: 'room.seat_alert_kind', params: { kind, n: row.alerts } } : { key: 'room.seat_alerts', params: { n: row.alerts } } }));
        }
        const name = row.full_name || row.username || '';
        tile.replaceChildren(...[
            h('span', { class: 'seat-head' }, h('span', { class: 'seat-label' }, tile.dataset.seat || row.seat || ''),
                h('span', { class: 'seat-state', t: attemptStateLabel(row.state) })),
            h('span', { class: 'seat-name' }, shortName(name)),
            h('span', { class: 'seat-line' }, h('span', { class: 'seat-progress' }, row.total ? `${row.answered ?? 0}/${row.total}` : '—'), time),
            badges.length ? h('span', { class: 'seat-badges' }, badges) : null,
        ].filter(Boolean));
        const state = attemptStateLabel(row.state);
        tile.title = [tile.dataset.seat || row.seat, name, row.username, typeof state === 'string' ? t(state) : state.text]
            .filter(Boolean).join(' · ');
    }

    function empty(tile, seat) {
        delete tile.dataset.user;
        tile.dataset.tone = seat.disabled ? 'disabled' : 'empty';
        tile.removeAttribute('aria-pressed');
        tile.disabled = Boolean(seat.disabled);
        tile.replaceChildren(h('span', { class: 'seat-head' }, h('span', { class: 'seat-label' }, seat.label)),
            h('span', { class: 'seat-state', t: seat.disabled ? 'room.seat_disabled' : 'room.seat_empty' }));
        tile.title = seat.label;
    }

    function tick() {
        const at = now();
        for (const { span, row } of timers) {
            span.textContent = RUNNING.includes(row.state) && row.deadline ? formatDuration(timeOf(row.deadline) - at) : '';
        }
    }

    return {
        el: h('div', { class: 'seat-map' }, grid, unseated),
        tick,
        show(rows, selected) {
            timers.length = 0;
            const seated = new Map();
            const others = [];
            for (const row of rows) {
                if (row.seat && tiles.has(row.seat) && !seated.has(row.seat)) seated.set(row.seat, row);
                else others.push(row);
            }
            for (const [label, { el, seat }] of tiles) {
                const row = seated.get(label);
                if (row) {
                    el.disabled = false;
                    fill(el, row, selected);
                } else empty(el, seat);
            }
            unseatedList.replaceChildren(...others.map((row) => {
                const tile = h('button', { type: 'button', class: 'seat', on: { click: () => onSelect(row.user) } });
                fill(tile, row, selected);
                return h('li', {}, tile);
            }));
            unseated.hidden = !others.length;
            tick();
        },
    };
}
