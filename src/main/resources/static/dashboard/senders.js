// Senders & domains: the workspace's From identities (one the default) and its sending domains.
import { api } from './api.js';
import { action, empty, field, fill, h, toast } from './dom.js';
import { when } from './format.js';
import { sendingDomains } from './sending-domains.js';

export async function sendersAndDomains() {
    return [h('h1', {}, 'Senders & domains'), ...await senders(), ...await sendingDomains()];
}

async function senders() {
    const errors = h('div');
    const list = h('div');
    const f = {
        email: h('input', { id: 'sender-email', name: 'email', type: 'email', required: true, placeholder: 'news@example.com' }),
        name: h('input', { id: 'sender-name', name: 'name' }),
        replyTo: h('input', { id: 'sender-reply-to', name: 'replyTo', type: 'email' }),
        isDefault: h('input', { type: 'checkbox', name: 'isDefault' }),
    };
    async function render() {
        const data = await api.get('/senders');
        fill(list, data.senders.length ? h('div', { className: 'table-wrap' }, h('table', {},
            h('thead', {}, h('tr', {}, h('th', {}, 'Email'), h('th', {}, 'Name'), h('th', {}, 'Reply-to'), h('th', {}, 'Added'), h('th', {}, ''))),
            h('tbody', {}, data.senders.map(s => h('tr', { 'data-sender': s.email }, h('td', {}, s.email), h('td', {}, s.name ?? ''),
                h('td', {}, s.replyTo ?? ''), h('td', {}, when(s.createdAt)),
                h('td', {}, s.isDefault ? h('span', { className: 'badge default' }, 'default')
                    : h('button', { type: 'button', className: 'secondary', onclick: action(async () => {
                        await api.post(`/senders/${s.id}/default`);
                        await render();
                    }, errors) }, 'Make default'), ' ',
                h('button', { type: 'button', className: 'danger', onclick: action(async () => {
                    if (!confirm(`Delete the sender ${s.email}?`)) return;
                    await api.del('/senders/' + s.id);
                    await render();
                }, errors) }, 'Delete')))))))
            : empty('No senders yet: campaigns must name their From address. Add one below; the first is the default.'));
    }
    await render();
    return [h('h2', {}, 'Senders'), h('p', { className: 'hint' }, 'Campaigns and mails that name no sender are sent from the default one.'),
        errors, list,
        h('form', { className: 'panel', novalidate: true, onsubmit: action(async () => {
            await api.post('/senders', { email: f.email.value, name: f.name.value || null, replyTo: f.replyTo.value || null, isDefault: f.isDefault.checked });
            toast('Sender added');
            [f.email, f.name, f.replyTo].forEach(input => { input.value = ''; });
            await render();
        }, errors) }, h('h3', {}, 'New sender'),
            h('div', { className: 'row' }, field('Email', f.email), field('Name', f.name), field('Reply-to', f.replyTo, 'optional')),
            h('label', { className: 'hint' }, f.isDefault, ' Make it the default sender'),
            h('button', { type: 'submit' }, 'Add sender'))];
}
