// Home: management shortcuts for the admin, the bank tools for lecturers, a welcome card for
// everyone but the admin.
import { h } from '../dom.js';
import { has } from '../i18n.js';
import { page, notice, roleLabel } from '../ui.js';
import { myExamsSection } from './my_exams.js';
import { myMaterialsSection } from './course_materials.js';

function linkCard(href, title, body) {
    return h('a', { class: 'card link-card', href },
        h('h2', { class: 'link-card-title', t: title }),
        h('p', { class: 'link-card-body', t: body }));
}

function adminHome(ctx) {
    return page(ctx, { title: 'home.admin_title' },
        h('p', { class: 'lead', t: { key: 'home.greeting', params: { name: ctx.user.full_name } } }),
        h('div', { class: 'card-grid' },
            linkCard('#/admin/users', 'home.users_title', 'home.users_body'),
            linkCard('#/admin/units', 'home.units_title', 'home.units_body'),
            linkCard('#/banks', 'home.banks_title', 'home.banks_body'),
            linkCard('#/checkin', 'home.checkin_title', 'home.checkin_body'),
            linkCard('#/password', 'home.password_title', 'home.password_body')));
}

function detail(term, value) {
    return [h('dt', { t: term }), h('dd', { t: value })];
}

/** The lecturer's tools: the question banks and the file import. */
function lecturerLinks() {
    return h('div', { class: 'card-grid lecturer-links' },
        linkCard('#/banks', 'home.banks_title', 'home.banks_body'),
        linkCard('#/banks/import', 'home.import_title', 'home.import_body'));
}

function memberHome(ctx) {
    const { user } = ctx;
    return page(ctx, { title: 'home.title' },
        user.role === 'lecturer' ? lecturerLinks() : null,
        ['lecturer', 'proctor'].includes(user.role)
            ? h('div', { class: 'card-grid' }, linkCard('#/checkin', 'home.checkin_title', 'home.checkin_body')) : null,
        user.role === 'candidate' ? myExamsSection(ctx) : null,
        user.role === 'candidate' ? myMaterialsSection(ctx) : null,
        h('section', { class: 'card welcome-card' },
            h('h2', { class: 'welcome-title', t: { key: 'home.greeting', params: { name: user.full_name } } }),
            h('dl', { class: 'details' },
                detail('field.username', { text: user.username }),
                detail('field.full_name', { text: user.full_name }),
                detail('field.role', roleLabel(user.role)),
                detail('field.unit', user.unit ? { text: `${user.unit.name} (${user.unit.code})` } : 'home.no_unit')),
            notice('info', has(`home.next_steps.${user.role}`) ? `home.next_steps.${user.role}` : 'home.next_steps.other'),
            h('p', { class: 'welcome-actions' },
                h('a', { class: 'btn btn-secondary', href: '#/password', t: 'nav.password' }))));
}

export default {
    title: 'home.title',
    render(ctx) {
        return ctx.user.role === 'admin' ? adminHome(ctx) : memberHome(ctx);
    },
};
