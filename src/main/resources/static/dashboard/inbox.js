// The dev inbox: what the capture server received, and each message's parts.
import { api } from './api.js';
import { action, empty, h } from './dom.js';
import { when } from './format.js';
import { navigate } from './router.js';

export async function inbox() {
    const data = await api.get('/dev/inbox');
    const errors = h('div');
    const list = data.messages.length ? h('div', { className: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Subject'), h('th', {}, 'To'), h('th', { className: 'hide-narrow' }, 'Received'))),
        h('tbody', {}, [...data.messages].reverse().map(m => h('tr', {}, h('td', {}, h('a', { href: '#/inbox/' + m.id }, m.subject || '(no subject)')),
            h('td', {}, m.to.join(', ')), h('td', { className: 'hide-narrow' }, when(m.receivedAt)))))))
        : empty('The capture server has received nothing yet. With no SMTP relay configured, every message Crier sends lands here.');
    return [h('h1', {}, 'Dev inbox'), errors,
        data.messages.length ? h('div', { className: 'bar' }, h('button', { type: 'button', className: 'secondary', onclick: action(async () => {
            if (!confirm('Delete every captured message?')) return;
            await api.del('/dev/inbox'); navigate();
        }, errors) }, 'Clear inbox')) : null, list];
}

export async function inboxMessage(query, id) {
    const m = await api.get('/dev/inbox/' + id);
    const headers = Object.entries(m.headers).flatMap(([name, values]) => values.map(v => h('tr', {}, h('th', {}, name), h('td', {}, v))));
    return [h('h1', {}, m.subject || '(no subject)'), h('p', {}, h('a', { href: '#/inbox' }, '← Dev inbox')),
        h('section', { className: 'panel' }, h('h2', {}, 'HTML part'),
            m.html ? h('iframe', { className: 'mail', sandbox: '', srcdoc: m.html, title: 'HTML part of the message' }) : h('p', { className: 'hint' }, 'No HTML part.')),
        h('div', { className: 'split' },
            h('section', { className: 'panel' }, h('h2', {}, 'Text part'), h('pre', { id: 'text-part' }, m.text || '(none)')),
            h('section', { className: 'panel' }, h('h2', {}, 'Headers'), h('div', { className: 'table-wrap' }, h('table', {}, h('tbody', {}, headers)))))];
}
