// The sign-in page: an API key of the workspace, kept on the server for the session.
import { call, loadSession, session } from './api.js';
import { $, action, field, h } from './dom.js';

export async function signIn() {
    if (session.signedIn) { location.hash = '#/campaigns'; return []; }
    const errors = h('div');
    const key = h('input', { type: 'password', name: 'apiKey', autocomplete: 'off', required: true });
    const form = h('form', { className: 'panel signin', onsubmit: action(async () => {
        await call('POST', '/app/session', { apiKey: key.value });
        await loadSession();
        $('#who').textContent = session.workspace;
        location.hash = '#/campaigns';
    }, errors) },
        h('h1', {}, 'Sign in to Crier'),
        h('p', { className: 'hint' }, 'Use an API key of your workspace. It stays on the server for this session.'),
        errors, field('API key', key), h('button', { type: 'submit' }, 'Sign in'));
    return form;
}
