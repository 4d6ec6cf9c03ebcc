// The account page's list of my signed-in sessions, with "sign out of the other devices".
import { h, clear } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { messageSlot, setBusy, confirmDialog } from '../ui.js';

function when(iso) {
    return new Date(iso).toLocaleString(document.documentElement.lang || 'vi');
}

/** A card listing the signed-in user's sessions; loads itself. */
export function mySessionsCard(ctx) {
    const { signal } = ctx;
    const messages = messageSlot();
    const list = h('ul', { class: 'login-session-list' });
    const revoke = h('button', {
        type: 'button',
        class: 'btn btn-danger-outline',
        t: 'sessions.revoke_others',
        on: { click: revokeOthers },
    });

    function show(sessions) {
        clear(list, sessions.map((s) => h('li', { class: ['login-session', s.current ? 'login-session-current' : null] },
            h('span', { class: 'login-session-agent' }, s.user_agent || '—'),
            s.current ? h('span', { class: 'badge badge-self', t: 'sessions.this_device' }) : null,
            h('span', { class: 'login-session-meta', t: {
                key: 'sessions.meta',
                params: { address: s.address || '—', created: when(s.created_at), seen: when(s.last_seen_at) },
            } }))));
        revoke.hidden = !sessions.some((s) => !s.current);
    }

    async function load() {
        try {
            const { sessions } = await api.mySessions({ signal });
            show(sessions);
        } catch (error) {
            if (!signal.aborted) messages.show('error', errorMessage(error));
        }
    }

    async function revokeOthers() {
        const ok = await confirmDialog({
            title: 'sessions.revoke_others_title',
            body: 'sessions.revoke_others_body',
            confirm: 'sessions.revoke_others',
            danger: true,
        });
        if (!ok || signal.aborted) return;
        setBusy(revoke, true);
        try {
            const { revoked } = await api.revokeOtherSessions({ signal });
            messages.show('success', { key: 'sessions.revoked_others', params: { count: revoked } });
            await load();
        } catch (error) {
            if (!signal.aborted) messages.show('error', errorMessage(error));
        }
        setBusy(revoke, false);
    }

    load();
    return h('section', { class: 'card form-card narrow my-sessions' },
        h('h2', { class: 'form-title', t: 'sessions.title' }),
        h('p', { class: 'muted', t: 'sessions.intro' }),
        messages.el,
        list,
        h('div', { class: 'form-actions' }, revoke));
}
