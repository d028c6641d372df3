// Webhooks: endpoints and their events, and each one's delivery log.
import { api } from './api.js';
import { $, action, empty, field, fill, h } from './dom.js';
import { when } from './format.js';

const WEBHOOK_EVENTS = ['delivery.sent', 'delivery.bounced', 'delivery.failed', 'email.opened', 'email.clicked', 'email.complained', 'email.replied', 'campaign.status_changed', 'contact.unsubscribed'];

export async function webhooks() {
    const errors = h('div');
    const secretBox = h('div');
    const list = h('div');
    const url = h('input', { id: 'webhook-url', type: 'url', required: true, placeholder: 'https://example.com/hooks/crier' });
    const events = WEBHOOK_EVENTS.map(e => h('label', { className: 'hint' }, h('input', { type: 'checkbox', value: e, checked: true }), ' ', e));
    async function renderHooks() {
        const data = await api.get('/webhooks?limit=100');
        fill(list, data.webhooks.length ? h('div', { className: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'URL'), h('th', {}, 'Events'), h('th', {}, ''))),
            h('tbody', {}, data.webhooks.map(w => h('tr', {}, h('td', {}, h('a', { href: '#/webhooks/' + w.id }, w.url)), h('td', {}, w.events.join(', ')),
                h('td', {}, h('button', { type: 'button', className: 'secondary', onclick: action(async () => {
                    if (!confirm(`Delete the webhook to ${w.url}?`)) return;
                    await api.del('/webhooks/' + w.id);
                    await renderHooks();
                }, errors) }, 'Delete')))))))
            : empty('No webhooks yet. Add an endpoint below to receive delivery and campaign events.'));
    }
    await renderHooks();
    return [h('h1', {}, 'Webhooks'), errors, secretBox, list,
        h('form', { className: 'panel', onsubmit: action(async () => {
            const created = await api.post('/webhooks', { url: url.value, events: events.map(l => $('input', l)).filter(i => i.checked).map(i => i.value) });
            fill(secretBox, h('div', { className: 'notice' }, 'Signing secret, shown only now: ', h('span', { className: 'secret' }, created.secret)));
            url.value = '';
            await renderHooks();
        }, errors) }, h('h2', {}, 'New webhook'), field('Endpoint URL', url), h('fieldset', {}, h('legend', {}, 'Events'), events), h('button', { type: 'submit' }, 'Add webhook'))];
}

export async function webhookPage(query, id) {
    const [hook, log] = await Promise.all([api.get('/webhooks/' + id), api.get(`/webhooks/${id}/deliveries?limit=50`)]);
    return [h('h1', {}, hook.url), h('p', { className: 'hint' }, 'Events: ' + hook.events.join(', ')), h('h2', {}, 'Delivery log'),
        log.deliveries.length ? h('div', { className: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Event'), h('th', {}, 'Status'), h('th', {}, 'Attempts'), h('th', {}, 'Created'))),
            h('tbody', {}, log.deliveries.map(d => h('tr', {}, h('td', {}, d.event), h('td', {}, d.status),
                h('td', {}, d.attempts.map(a => `#${a.attempt} ${a.statusCode ?? a.error ?? ''}`).join('; ')), h('td', {}, when(d.createdAt)))))))
            : empty('Nothing sent to this webhook yet: events appear here as campaigns send.')];
}
