// Suppressed addresses: add and remove them.
import { api } from './api.js';
import { action, empty, field, h, pager } from './dom.js';
import { navigate } from './router.js';

export async function suppressions(query) {
    const data = await api.get('/suppressions?limit=50&page=' + (query.get('page') || 1));
    const errors = h('div');
    const email = h('input', { type: 'email', name: 'suppressEmail', required: true });
    return [h('h1', {}, 'Suppressions'), errors,
        h('form', { className: 'panel bar', onsubmit: action(async () => { await api.post('/suppressions', { email: email.value }); navigate(); }, errors) },
            field('Suppress an address', email), h('button', { type: 'submit' }, 'Suppress')),
        data.suppressions.length ? h('div', { className: 'table-wrap' }, h('table', {},
            h('thead', {}, h('tr', {}, h('th', {}, 'Email'), h('th', {}, 'Reason'), h('th', { className: 'hide-narrow' }, 'Detail'), h('th', {}, ''))),
            h('tbody', {}, data.suppressions.map(s => h('tr', {}, h('td', {}, s.email), h('td', {}, s.reason), h('td', { className: 'hide-narrow' }, s.detail || ''),
                h('td', {}, h('button', { type: 'button', className: 'secondary', onclick: action(async () => { await api.del('/suppressions/' + encodeURIComponent(s.email)); navigate(); }, errors) }, 'Remove')))))))
            : empty('No suppressed addresses. Unsubscribes and hard bounces will appear here by themselves.'),
        data.suppressions.length ? pager(data, 'suppressions', query, '/suppressions') : null];
}
