// Pages that only say something: unknown address, no permission, cannot reach the server.
import { h } from '../dom.js';
import { page, notice } from '../ui.js';

function messagePage(title, body) {
    return {
        title,
        render(ctx) {
            return page(ctx, { title },
                notice('warning', body),
                h('p', {}, h('a', { class: 'btn btn-secondary', href: '#/', t: 'common.back_home' })));
        },
    };
}

export const notFound = messagePage('message.not_found_title', 'message.not_found_body');
export const forbidden = messagePage('message.forbidden_title', 'message.forbidden_body');
