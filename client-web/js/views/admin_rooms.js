// Admin: the rooms (phòng học / phòng máy) with their grid, seats in use and PCs; a room's name
// leads to its layout editor (admin_room.js).
import { h } from '../dom.js';
import { api, listOf } from '../api.js';
import { page } from '../ui.js';

export default {
    title: 'rooms.title',
    async render(ctx) {
        const rooms = listOf(await api.listRooms({ signal: ctx.signal }), 'rooms');
        return page(ctx, {
            title: 'rooms.title',
            actions: h('a', { class: 'btn btn-primary', href: '#/admin/rooms/new', t: 'rooms.add' }),
        },
        h('p', { class: 'lead', t: 'rooms.intro' }),
        h('div', { class: 'table-wrap' },
            h('table', { class: 'data-table rooms-table' },
                h('caption', { class: 'visually-hidden', t: 'rooms.title' }),
                h('thead', {}, h('tr', {}, ['rooms.col_name', 'rooms.col_grid', 'rooms.col_seats', 'rooms.col_disabled', 'rooms.col_pcs']
                    .map((c) => h('th', { scope: 'col', t: c })))),
                h('tbody', {}, rooms.length
                    ? rooms.map((r) => h('tr', {},
                        h('td', {}, h('a', { href: `#/admin/rooms/${r.id}` }, r.name)),
                        h('td', {}, `${r.rows} × ${r.cols}`),
                        h('td', { class: 'cell-number' }, String(r.seats)),
                        h('td', { class: 'cell-number' }, String(r.disabled)),
                        h('td', { class: 'cell-number' }, String(r.pcs))))
                    : h('tr', {}, h('td', { colspan: '5', t: 'rooms.none' }))))));
    },
};
