// Admin: one room's layout editor. Rows × columns; a click on an aisle cell makes it a seat, a
// click on a seat selects it for its label, PC (address or name) and "out of use" (a broken PC),
// or turns it back into an aisle. "Number the seats" labels each row's seats A1, A2… along the
// row, skipping aisles. The server names a bad field and seat; the seat is marked.
import { h, setLabel, uid } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { page, field, textInput, messageSlot, setBusy, confirmDialog, cleanText } from '../ui.js';

const MAX_ROWS = 26;
const MAX_COLS = 40;

export default {
    title: 'rooms.edit_title',
    async render(ctx) {
        if (ctx.params.id === 'new') return roomEditor(ctx, { id: 0, name: '', rows: 5, cols: 10, seats: null });
        const reply = await api.getRoom(ctx.params.id, { signal: ctx.signal });
        return roomEditor(ctx, reply.room);
    },
};

/** The row letter of row index `row`: 0 → "A". */
function rowLetter(row) {
    return String.fromCharCode(65 + row);
}

/** Labels every seat of `cells` by its row letter and its place among the row's seats. */
function numberSeats(cells, rows, cols) {
    for (let r = 0; r < rows; r += 1) {
        let n = 0;
        for (let c = 0; c < cols; c += 1) {
            const cell = cells.get(`${r},${c}`);
            if (cell) {
                n += 1;
                cell.label = `${rowLetter(r)}${n}`;
            }
        }
    }
}

function roomEditor(ctx, room) {
    const { signal } = ctx;
    const messages = messageSlot();
    const name = field({ label: 'rooms.name', input: textInput({ maxlength: '120', value: room.name }) });
    const rows = field({ label: 'rooms.rows', input: h('input', { type: 'number', min: '1', max: String(MAX_ROWS), value: String(room.rows) }) });
    const cols = field({ label: 'rooms.cols', input: h('input', { type: 'number', min: '1', max: String(MAX_COLS), value: String(room.cols) }) });
    const grid = h('div', { class: 'room-editor-grid', role: 'group', ta: { 'aria-label': 'rooms.layout' } });
    const summary = h('p', { class: 'muted', 'aria-live': 'polite' });
    const panel = h('div', { class: 'card seat-panel', hidden: true });
    const saveButton = h('button', { type: 'button', class: 'btn btn-primary', t: 'rooms.save' });
    /** "row,col" → {row, col, label, host, disabled}; a missing cell is an aisle. */
    const cells = new Map();
    let rowCount = room.rows;
    let colCount = room.cols;
    let selected = null;
    let badCell = null;

    if (room.seats) {
        for (const s of room.seats) cells.set(`${s.row},${s.col}`, { row: s.row, col: s.col, label: s.label, host: s.host || '', disabled: s.disabled });
    } else {
        for (let r = 0; r < rowCount; r += 1) for (let c = 0; c < colCount; c += 1) cells.set(`${r},${c}`, { row: r, col: c, label: '', host: '', disabled: false });
        numberSeats(cells, rowCount, colCount);
    }

    function resize() {
        const r = Math.min(MAX_ROWS, Math.max(1, Number(rows.input.value) || 1));
        const c = Math.min(MAX_COLS, Math.max(1, Number(cols.input.value) || 1));
        for (const [key, cell] of cells) if (cell.row >= r || cell.col >= c) cells.delete(key);
        for (let i = 0; i < r; i += 1) {
            for (let j = 0; j < c; j += 1) {
                if ((i >= rowCount || j >= colCount) && !cells.has(`${i},${j}`)) cells.set(`${i},${j}`, { row: i, col: j, label: `${rowLetter(i)}${j + 1}`, host: '', disabled: false });
            }
        }
        rowCount = r;
        colCount = c;
        if (selected && !cells.has(selected)) select(null);
        draw();
    }

    function draw() {
        grid.style.setProperty('--seat-cols', String(colCount));
        grid.replaceChildren();
        let seats = 0;
        let pcs = 0;
        for (let r = 0; r < rowCount; r += 1) {
            for (let c = 0; c < colCount; c += 1) {
                const key = `${r},${c}`;
                const cell = cells.get(key);
                if (cell) {
                    seats += 1;
                    pcs += cell.host ? 1 : 0;
                }
                const button = h('button', {
                    type: 'button',
                    class: ['room-cell', cell ? 'is-seat' : 'is-aisle', cell && cell.disabled ? 'is-disabled' : null,
                        key === selected ? 'is-selected' : null, key === badCell ? 'is-invalid' : null],
                    'aria-pressed': key === selected ? 'true' : 'false',
                    ...(cell ? {} : { ta: { 'aria-label': { key: 'rooms.aisle_at', params: { row: rowLetter(r), col: c + 1 } } } }),
                    dataset: { cell: key },
                    on: { click: () => (cell ? select(key) : makeSeat(r, c)) },
                }, cell ? cell.label : '');
                button.style.gridRow = String(r + 1);
                button.style.gridColumn = String(c + 1);
                grid.append(button);
            }
        }
        setLabel(summary, { key: 'rooms.summary', params: { seats, pcs } });
    }

    function makeSeat(r, c) {
        cells.set(`${r},${c}`, { row: r, col: c, label: `${rowLetter(r)}${c + 1}`, host: '', disabled: false });
        select(`${r},${c}`);
    }

    function select(key) {
        selected = key;
        draw();
        const cell = key ? cells.get(key) : null;
        panel.hidden = !cell;
        if (!cell) return;
        const label = field({ label: 'rooms.seat_label', input: textInput({ maxlength: '8', value: cell.label }) });
        const host = field({ label: 'rooms.seat_host', input: textInput({ maxlength: '255', value: cell.host }), hint: 'rooms.seat_host_hint' });
        const disabledId = uid('seat-disabled');
        const disabled = h('input', { type: 'checkbox', id: disabledId, checked: cell.disabled });
        label.input.addEventListener('input', () => { cell.label = cleanText(label.input.value); draw(); });
        host.input.addEventListener('input', () => { cell.host = cleanText(host.input.value); draw(); });
        disabled.addEventListener('change', () => { cell.disabled = disabled.checked; draw(); });
        panel.replaceChildren(
            h('h2', { class: 'form-title', t: { key: 'rooms.seat_title', params: { row: rowLetter(cell.row), col: cell.col + 1 } } }),
            h('div', { class: 'form-grid' }, label.el, host.el),
            h('div', { class: 'check-row' }, disabled, h('label', { for: disabledId, t: 'rooms.seat_disabled' })),
            h('div', { class: 'form-actions' },
                h('button', { type: 'button', class: 'btn btn-secondary', t: 'rooms.make_aisle', on: { click: () => { cells.delete(key); select(null); } } }),
                h('button', { type: 'button', class: 'btn btn-secondary', t: 'rooms.close_seat', on: { click: () => select(null) } })));
        label.input.focus();
    }

    rows.input.addEventListener('change', resize);
    cols.input.addEventListener('change', resize);

    saveButton.addEventListener('click', async () => {
        messages.hide();
        [name, rows, cols].forEach((f) => f.setError(null));
        const seats = [...cells.values()].sort((a, b) => a.row - b.row || a.col - b.col)
            .map((c) => ({ row: c.row, col: c.col, label: c.label, host: c.host || null, disabled: c.disabled }));
        const body = { name: cleanText(name.input.value), rows: rowCount, cols: colCount, seats };
        if (!body.name) {
            name.setError('common.required');
            name.input.focus();
            return;
        }
        setBusy(saveButton, true);
        try {
            const reply = room.id ? await api.updateRoom(room.id, body, { signal }) : await api.createRoom(body, { signal });
            badCell = null;
            if (!room.id) {
                ctx.flash('success', { key: 'rooms.saved', params: { name: reply.room.name } });
                ctx.navigate(`/admin/rooms/${reply.room.id}`);
                return;
            }
            messages.show('success', { key: 'rooms.saved', params: { name: reply.room.name } });
            draw();
        } catch (error) {
            if (signal.aborted) return;
            const details = error.details || {};
            const at = /^seats\[(\d+)\]/.exec(details.field || '');
            if (at && seats[Number(at[1])]) {
                const seat = seats[Number(at[1])];
                badCell = `${seat.row},${seat.col}`;
                draw();
                messages.show('error', { key: 'rooms.bad_seat', params: { seat: details.seat || seat.label, problem: errorMessage(error) } });
            } else if ({ name, rows, cols }[details.field]) {
                ({ name, rows, cols })[details.field].setError(errorMessage(error));
            } else {
                messages.show('error', errorMessage(error));
            }
        } finally {
            setBusy(saveButton, false);
        }
    });

    const deleteButton = room.id ? h('button', { type: 'button', class: 'btn btn-danger', t: 'rooms.delete' }) : null;
    if (deleteButton) {
        deleteButton.addEventListener('click', async () => {
            const ok = await confirmDialog({ title: 'rooms.delete', body: { key: 'rooms.delete_body', params: { name: room.name } }, confirm: 'rooms.delete', danger: true });
            if (!ok) return;
            try {
                await api.deleteRoom(room.id, { signal });
                ctx.flash('success', { key: 'rooms.deleted', params: { name: room.name } });
                ctx.navigate('/admin/rooms');
            } catch (error) {
                if (!signal.aborted) messages.show('error', errorMessage(error));
            }
        });
    }

    draw();
    return page(ctx, {
        title: room.id ? { text: room.name } : 'rooms.add',
        actions: h('a', { class: 'btn btn-secondary', href: '#/admin/rooms', t: 'rooms.back' }),
    },
    messages.el,
    h('div', { class: 'form-grid' }, name.el, rows.el, cols.el),
    h('p', { class: 'field-hint', t: 'rooms.editor_help' }),
    h('div', { class: 'form-actions' },
        h('button', { type: 'button', class: 'btn btn-secondary', t: 'rooms.number', on: { click: () => { numberSeats(cells, rowCount, colCount); draw(); } } }),
        saveButton, deleteButton),
    summary,
    h('div', { class: 'room-editor' }, h('p', { class: 'room-front', t: 'rooms.front' }), grid),
    panel);
}
