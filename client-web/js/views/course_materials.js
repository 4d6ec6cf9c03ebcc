// Course materials (tài liệu): on the class page, lecturers upload documents of the class's course
// (title, optional description, the file: PDF, Office, OpenDocument or a picture; the server
// checks size and type) and delete them; on a candidate's home page, the documents of their
// courses to download, hidden while they are in an exam (the server refuses them then too).
import { h, clear } from '../dom.js';
import { api, listOf, errorMessage } from '../api.js';
import { getLang } from '../i18n.js';
import { field, textInput, messageSlot, notice, loading, setBusy, cleanText } from '../ui.js';
import { download } from './banks.js';

const ACCEPT = '.pdf,.docx,.pptx,.xlsx,.odt,.odp,.png,.jpg,.jpeg,.gif';

/** "2,4 MB" or "830 KB". */
function sizeText(bytes) {
    const format = new Intl.NumberFormat(getLang() === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 });
    return bytes >= 1024 * 1024 ? `${format.format(bytes / (1024 * 1024))} MB` : `${format.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

/** A download button of one document; errors show in `messages`. */
function downloadButton(ctx, material, messages) {
    const button = h('button', {
        type: 'button',
        class: 'btn btn-small btn-secondary',
        t: 'materials.download',
        ta: { 'aria-label': { key: 'materials.download_named', params: { title: material.title } } },
    });
    button.addEventListener('click', () => download({
        messages,
        button,
        signal: ctx.signal,
        fetchFile: () => api.materialFile(material.id, { signal: ctx.signal }),
        fallbackName: material.file_name,
        done: 'materials.downloaded',
    }));
    return button;
}

function materialText(material) {
    return h('div', { class: 'material-text' },
        h('span', { class: 'material-title' }, material.title), ' ',
        h('span', { class: 'muted' }, `(${material.file_name}, ${sizeText(material.size)})`),
        material.description ? h('p', { class: 'material-description' }, material.description) : null);
}

/** The lecturer's section of the class page: the course's documents, upload and delete. */
export function courseMaterialsSection(ctx, { courseId }) {
    const { signal } = ctx;
    const messages = messageSlot();
    const list = h('ul', { class: 'material-list' });
    const fileField = field({ label: 'materials.file', input: h('input', { type: 'file', accept: ACCEPT, class: 'file-input' }), hint: 'materials.file_hint' });
    const titleField = field({ label: 'materials.title_field', input: textInput({ maxlength: '200' }) });
    const descriptionField = field({ label: 'materials.description', input: textInput({ maxlength: '2000' }) });
    const uploadButton = h('button', { type: 'submit', class: 'btn btn-primary', t: 'materials.upload' });

    function render(materials) {
        const items = materials.map((m) => h('li', { class: 'material-item' },
            materialText(m),
            h('span', { class: 'material-actions' },
                downloadButton(ctx, m, messages),
                h('button', {
                    type: 'button',
                    class: 'btn btn-small btn-secondary',
                    t: 'materials.delete',
                    ta: { 'aria-label': { key: 'materials.delete_named', params: { title: m.title } } },
                    on: { click: (event) => remove(event.currentTarget, m) },
                }))));
        if (!items.length) items.push(h('li', { class: 'muted', t: 'materials.none' }));
        list.replaceChildren(...items);
    }

    async function reload() {
        render(listOf(await api.courseMaterials(courseId, { signal }), 'materials'));
    }

    async function remove(button, material) {
        messages.hide();
        setBusy(button, true);
        try {
            await api.deleteMaterial(material.id, { signal });
            await reload();
            messages.show('success', 'materials.deleted');
        } catch (error) {
            if (signal.aborted) return;
            setBusy(button, false);
            messages.show('error', errorMessage(error));
        }
    }

    const form = h('form', {
        class: 'card form-card material-form',
        noValidate: true,
        on: {
            submit: async (event) => {
                event.preventDefault();
                messages.hide();
                const file = fileField.input.files && fileField.input.files[0];
                const title = cleanText(titleField.input.value);
                fileField.setError(file ? null : 'materials.choose_file');
                titleField.setError(title ? null : 'common.required');
                if (!file || !title) return;
                setBusy(uploadButton, true);
                try {
                    await api.uploadMaterial(courseId, file, { title, description: cleanText(descriptionField.input.value), name: file.name }, { signal });
                    form.reset();
                    await reload();
                    messages.show('success', 'materials.uploaded');
                } catch (error) {
                    if (signal.aborted) return;
                    messages.show('error', errorMessage(error));
                } finally {
                    setBusy(uploadButton, false);
                }
            },
        },
    },
    h('h3', { class: 'form-title', t: 'materials.upload_title' }),
    h('div', { class: 'form-grid' }, fileField.el, titleField.el, descriptionField.el),
    h('div', { class: 'form-actions' }, uploadButton));

    reload().catch((error) => {
        if (!signal.aborted) messages.show('error', errorMessage(error));
    });
    return h('section', { class: 'materials-section' },
        h('h2', { class: 'section-title', t: 'materials.title' }),
        messages.el,
        list,
        form);
}

/** A candidate's home-page card: the documents of their courses, none during an exam. */
export function myMaterialsSection(ctx) {
    const messages = messageSlot();
    const body = h('div', { class: 'my-materials-body' }, loading());
    const section = h('section', { class: 'card my-materials' }, h('h2', { t: 'materials.title' }), messages.el, body);
    api.myMaterials({ signal: ctx.signal }).then((reply) => {
        if (reply.during_exam) {
            section.hidden = true;
            return;
        }
        const materials = listOf(reply, 'materials');
        clear(body, materials.length
            ? h('ul', { class: 'material-list' }, materials.map((m) => h('li', { class: 'material-item' },
                materialText(m),
                h('span', { class: 'material-actions' }, downloadButton(ctx, m, messages)))))
            : h('p', { class: 'muted', t: 'materials.none' }));
    }).catch((error) => {
        if (ctx.signal.aborted) return;
        clear(body, notice('error', errorMessage(error)));
    });
    return section;
}
