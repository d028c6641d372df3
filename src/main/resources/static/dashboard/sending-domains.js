// Sending domains: the DNS records to publish for each, and what its last verification found.
import { api } from './api.js';
import { action, copyable, empty, field, fill, h, toast } from './dom.js';
import { badge } from './campaign-parts.js';
import { fmt, pct, when } from './format.js';

export async function sendingDomains() {
    const errors = h('div');
    const list = h('div');
    const domain = h('input', { id: 'domain-name', name: 'domain', required: true, placeholder: 'example.com' });
    async function render() {
        const data = await api.get('/domains');
        fill(list, data.domains.length ? data.domains.map(d => domainPanel(d, render))
            : empty('No sending domains yet. Add one to get the DNS records to publish for it.'));
    }
    await render();
    return [h('h2', {}, 'Sending domains'), errors, list,
        h('form', { className: 'panel', novalidate: true, onsubmit: action(async () => {
            await api.post('/domains', { domain: domain.value });
            domain.value = '';
            await render();
        }, errors) }, h('h3', {}, 'New domain'), field('Domain', domain, 'the part after the @ of its senders'),
            h('button', { type: 'submit' }, 'Add domain'))];
}

/** A domain's state, its records and its actions; verifying replaces the panel with what the check found. */
function domainPanel(d, renderAll) {
    const errors = h('div');
    const panel = h('section', { className: 'panel', 'data-domain': d.domain },
        h('h3', {}, d.domain, ' ', badge(d.status)),
        h('p', { className: 'hint domain-state' }, d.checkedAt ? 'Checked ' + when(d.checkedAt) : 'Not checked yet: publish the records, then verify.',
            d.reason ? ' · ' + d.reason : '', ' · Return path: ' + d.returnPath,
            ' · Complaints: ' + fmt(d.spamReported) + ' of ' + fmt(d.delivered) + ' delivered (' + pct(d.spamReported, d.delivered) + ')'),
        errors, recordTable(d.records),
        h('div', { className: 'bar' },
            h('button', { type: 'button', onclick: action(async () => {
                const checked = await api.post(`/domains/${d.id}/verify`);
                toast(checked.status === 'verified' ? 'Domain verified' : 'Not verified yet');
                panel.replaceWith(domainPanel(checked, renderAll));
            }, errors) }, 'Verify'),
            h('button', { type: 'button', className: 'danger', onclick: action(async () => {
                if (!confirm(`Delete the domain ${d.domain}? Where domains must be verified, its senders cannot send until it is verified again.`)) return;
                await api.del('/domains/' + d.id);
                await renderAll();
            }, errors) }, 'Delete')));
    return panel;
}

function recordTable(records) {
    return h('div', { className: 'table-wrap' }, h('table', { className: 'records' },
        h('thead', {}, h('tr', {}, h('th', { className: 'type' }, 'Type'), h('th', {}, 'Name'), h('th', { className: 'value' }, 'Value'), h('th', {}, 'Check'))),
        h('tbody', {}, records.map(r => h('tr', { 'data-record': r.purpose },
            h('td', {}, r.type), h('td', {}, copyable(r.name)),
            h('td', {}, r.value ? copyable(r.value) : h('span', { className: 'hint' }, 'a new DKIM key is made at the next verification')),
            h('td', {}, badge(r.check), r.required ? null : h('span', { className: 'hint' }, ' optional'),
                r.check === 'wrong' && r.found?.length ? h('div', { className: 'hint found' }, 'Found: ' + r.found.join(' | ')) : null,
                r.reason ? h('div', { className: 'hint' }, r.reason) : null))))));
}
