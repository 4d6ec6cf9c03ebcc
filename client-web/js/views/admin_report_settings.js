// Admin: what the printed documents say — the report header (organisation, school, place, signer,
// the server's address for QR codes) and the certificate template with its placeholders
// (docs/REPORTS.md "Settings"). The server checks both and names a bad field or placeholder.
import { h } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { page, field, textInput, messageSlot, setBusy } from '../ui.js';

// [member, label, rows of a textarea (absent: one line)]
const HEADER_FIELDS = [
    ['organisation', 'report_settings.organisation'], ['school', 'report_settings.school'],
    ['place', 'report_settings.place'], ['signer_title', 'report_settings.signer_title'],
    ['signer_name', 'report_settings.signer_name'], ['server_url', 'report_settings.server_url'],
];
const TEMPLATE_FIELDS = [
    ['title', 'report_settings.title_field'], ['recipient_label', 'report_settings.recipient_label'],
    ['place', 'report_settings.place'], ['signer_title', 'report_settings.signer_title'],
    ['signer_name', 'report_settings.signer_name'], ['issuing_body', 'report_settings.issuing_body', '4'],
    ['body', 'report_settings.body', '6'],
];
export const PLACEHOLDERS = ['{ho_ten}', '{ngay_sinh}', '{don_vi}', '{khoa_hoc}', '{lop}', '{diem}', '{xep_loai}', '{ngay_cap}'];

export default {
    title: 'report_settings.title',
    async render(ctx) {
        const [header, template] = await Promise.all([
            api.reportHeader({ signal: ctx.signal }),
            api.certificateTemplate({ signal: ctx.signal }),
        ]);
        return settingsPage(ctx, header.report_header || {}, template.certificate_template || {});
    },
};

/** The issuing body as the server keeps it: up to 4 non-empty lines. */
export function issuingLines(text) {
    return String(text || '').split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 4);
}

/** A form of `fields` that saves its values and shows the server's verdict beside the bad field. */
function settingsForm({ signal, title, fields, values, save, toBody }) {
    const messages = messageSlot();
    const inputs = {};
    const items = fields.map(([name, label, rows]) => {
        const input = rows
            ? h('textarea', { class: 'textarea', rows, value: values[name] || '' })
            : textInput({ value: values[name] || '' });
        inputs[name] = field({ label, input });
        return inputs[name].el;
    });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', t: 'report_settings.save' });
    async function onSubmit(event) {
        event.preventDefault();
        messages.hide();
        for (const f of Object.values(inputs)) f.setError(null);
        const raw = Object.fromEntries(Object.entries(inputs).map(([k, f]) => [k, f.input.value]));
        setBusy(submit, true);
        try {
            await save(toBody(raw), { signal });
            messages.show('success', 'report_settings.saved');
        } catch (error) {
            if (signal.aborted) return;
            const target = error.details && inputs[error.details.field];
            const message = error.details && error.details.detail ? { text: error.details.detail } : errorMessage(error);
            if (target) {
                target.setError(message);
                target.input.focus();
            } else {
                messages.show('error', message);
            }
        } finally {
            if (!signal.aborted) setBusy(submit, false);
        }
    }
    return h('form', { class: 'card form-card', noValidate: true, on: { submit: onSubmit } },
        h('h2', { class: 'form-title', t: title }),
        messages.el,
        h('div', { class: 'form-grid' }, items),
        h('div', { class: 'form-actions' }, submit));
}

function settingsPage(ctx, header, template) {
    const { signal } = ctx;
    const headerForm = settingsForm({
        signal,
        title: 'report_settings.header_title',
        fields: HEADER_FIELDS,
        values: header,
        save: api.saveReportHeader,
        toBody: (raw) => raw,
    });
    const templateForm = settingsForm({
        signal,
        title: 'report_settings.template_title',
        fields: TEMPLATE_FIELDS,
        values: { ...template, issuing_body: (template.issuing_body || []).join('\n') },
        save: api.saveCertificateTemplate,
        toBody: (raw) => ({ ...raw, issuing_body: issuingLines(raw.issuing_body) }),
    });
    return page(ctx, { title: 'report_settings.title' },
        headerForm,
        templateForm,
        h('p', { class: 'muted', t: { key: 'report_settings.placeholders', params: { list: { text: PLACEHOLDERS.join(', ') } } } }));
}
