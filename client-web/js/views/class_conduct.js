// The conduct grades (kết quả rèn luyện) of one class, on the class page: per learner a grade
// (the rules' list, from the server) and a note, saved row by row; "all not yet graded get the
// first grade (Tốt)"; read-only once the course is closed. Administrators close and reopen the
// course here.
import { h, setLabel, uid } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { getLang } from '../i18n.js';
import { messageSlot, setBusy } from '../ui.js';

/** A grade's label in the UI language. */
function gradeText(grade) {
    return { text: getLang() === 'en' ? grade.en : grade.vi };
}

/**
 * The conduct section of class `classId`. `courseId` and `isAdmin` decide whether the close and
 * reopen buttons show; `changed()` runs after every save (the learners table shows the grades).
 */
export function conductSection(ctx, { classId, courseId, isAdmin, changed }) {
    const { signal } = ctx;
    const messages = messageSlot();
    const state = h('p', { class: 'conduct-state' });
    const body = h('tbody');
    const fillButton = h('button', { type: 'button', class: 'btn btn-secondary', t: 'conduct.fill' });
    const closeButton = h('button', { type: 'button', class: 'btn btn-secondary' });
    let listing = null;

    function gradeSelect(entry, id) {
        const choices = [h('option', { value: '', t: 'conduct.not_graded' }),
            ...listing.grades.map((g) => h('option', { value: g.key, t: gradeText(g) }))];
        const input = h('select', { id, disabled: listing.closed }, choices);
        input.value = entry.grade || '';
        return input;
    }

    function row(entry) {
        const selectId = uid('conduct-grade');
        const noteId = uid('conduct-note');
        const grade = gradeSelect(entry, selectId);
        const note = h('input', {
            type: 'text', id: noteId, maxlength: '500', value: entry.note || '', readOnly: listing.closed,
        });
        const save = h('button', {
            type: 'button',
            class: 'btn btn-small btn-secondary',
            t: 'conduct.save',
            hidden: listing.closed,
            ta: { 'aria-label': { key: 'conduct.save_named', params: { name: entry.full_name } } },
            on: {
                click: (event) => send(event.currentTarget, () => api.setConduct(classId, entry.user_id,
                    { grade: grade.value || null, note: note.value.trim() }, { signal })),
            },
        });
        return h('tr', { dataset: { user: entry.username } },
            h('td', { class: 'cell-number' }, entry.list_number === null ? '' : String(entry.list_number)),
            h('td', {}, h('span', { class: 'learner-name' }, entry.full_name), h('br'), h('span', { class: 'muted' }, entry.username)),
            h('td', {}, h('label', { for: selectId, class: 'visually-hidden', t: { key: 'conduct.grade_of', params: { name: entry.full_name } } }), grade),
            h('td', {}, h('label', { for: noteId, class: 'visually-hidden', t: { key: 'conduct.note_of', params: { name: entry.full_name } } }), note),
            h('td', {}, save));
    }

    function render() {
        setLabel(state, listing.closed ? 'conduct.closed' : 'conduct.open');
        state.classList.toggle('is-closed', listing.closed);
        fillButton.hidden = listing.closed;
        closeButton.hidden = !isAdmin;
        setLabel(closeButton, listing.closed ? 'conduct.reopen_course' : 'conduct.close_course');
        const rows = listing.entries.map(row);
        if (!rows.length) rows.push(h('tr', { class: 'empty-row' }, h('td', { colspan: '5', t: 'class.no_learners' })));
        body.replaceChildren(...rows);
    }

    async function load() {
        listing = await api.getConduct(classId, { signal });
        render();
        changed(listing);
    }

    /** Sends a change that answers with the listing, then shows it. */
    async function send(button, change) {
        messages.hide();
        setBusy(button, true);
        try {
            listing = await change();
            render();
            messages.show('success', 'conduct.saved');
            changed(listing);
        } catch (error) {
            if (signal.aborted) return;
            messages.show('error', errorMessage(error));
        } finally {
            setBusy(button, false);
        }
    }

    fillButton.addEventListener('click', () => send(fillButton, () => api.fillConduct(classId, {}, { signal })));
    closeButton.addEventListener('click', () => send(closeButton, async () => {
        await (listing.closed ? api.reopenCourse(courseId, { signal }) : api.closeCourse(courseId, { signal }));
        return api.getConduct(classId, { signal });
    }));

    const section = h('section', { class: 'conduct-section', 'aria-labelledby': uid('conduct-title') });
    const titleId = section.getAttribute('aria-labelledby');
    section.append(
        h('h2', { class: 'section-title', id: titleId, t: 'conduct.title' }),
        state,
        messages.el,
        h('div', { class: 'form-actions' }, fillButton, closeButton),
        h('div', { class: 'table-wrap' },
            h('table', { class: 'data-table conduct-table' },
                h('caption', { class: 'visually-hidden', t: 'conduct.title' }),
                h('thead', {}, h('tr', {}, ['class.col_number', 'class.col_name', 'conduct.col_grade', 'conduct.col_note', 'conduct.col_action']
                    .map((c) => h('th', { scope: 'col', t: c })))),
                body)));
    load().catch((error) => {
        if (!signal.aborted) messages.show('error', errorMessage(error));
    });
    return section;
}
