// API keys: create one (shown once) and revoke it.
import { api, session } from './api.js';
import { $, action, field, fill, h } from './dom.js';
import { when } from './format.js';

export async function apiKeys() {
    const errors = h('div');
    const shown = h('div');
    const table = h('div', { className: 'table-wrap' });
    const name = h('input', { id: 'key-name', required: true });
    // Only a key holding installation may grant it.
    const grantable = ['read', 'write', 'send', 'admin'].concat((session.scopes || []).includes('installation') ? ['installation'] : []);
    const scopes = grantable.map(s => h('label', { className: 'hint' }, h('input', { type: 'checkbox', value: s, checked: s !== 'admin' && s !== 'installation' }), ' ', s));
    async function renderKeys() {
        const data = await api.get('/api-keys?limit=100');
        fill(table, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Prefix'), h('th', {}, 'Scopes'), h('th', {}, 'State'), h('th', {}, ''))),
            h('tbody', {}, data.apiKeys.map(k => h('tr', {}, h('td', {}, k.name), h('td', {}, k.prefix), h('td', {}, k.scopes.join(', ')),
                h('td', {}, k.revokedAt ? 'revoked ' + when(k.revokedAt) : 'active'),
                h('td', {}, k.revokedAt ? null : h('button', { type: 'button', className: 'danger', onclick: action(async () => {
                    if (!confirm(`Revoke the key ${k.name}? Clients using it stop working at once.`)) return;
                    await api.del('/api-keys/' + k.id);
                    await renderKeys();
                }, errors) }, 'Revoke')))))));
    }
    await renderKeys();
    return [h('h1', {}, 'API keys'), errors, shown, table,
        h('form', { className: 'panel', onsubmit: action(async () => {
            const created = await api.post('/api-keys', { name: name.value, scopes: scopes.map(l => $('input', l)).filter(i => i.checked).map(i => i.value) });
            fill(shown, h('div', { className: 'notice' }, 'The new key, shown only this once: ', h('span', { className: 'secret', id: 'new-key' }, created.key)));
            name.value = '';
            await renderKeys();
        }, errors) }, h('h2', {}, 'New key'), field('Name', name), h('fieldset', {}, h('legend', {}, 'Scopes'), scopes), h('button', { type: 'submit' }, 'Create key'))];
}
