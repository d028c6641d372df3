// The campaign list, filtered by status, its rows updated live.
import { api } from './api.js';
import { $, empty, fill, h, pager } from './dom.js';
import { fmt, when } from './format.js';
import { badge, follow, progressOf, statusLabel } from './campaign-parts.js';

const STATUSES = ['draft', 'scheduled', 'sending', 'sending_gradual', 'paused', 'sent', 'aborted', 'failed'];

export async function campaignList(query) {
    const status = query.get('status') || '';
    const params = new URLSearchParams({ page: query.get('page') || 1, limit: 20 });
    if (status === 'archived') params.set('archived', 'true');
    else if (status) params.set('status', status);
    const data = await api.get('/campaigns?' + params);
    const filter = h('select', { id: 'status-filter', onchange: e => { location.hash = '#/campaigns' + (e.target.value ? '?status=' + e.target.value : ''); } },
        h('option', { value: '' }, 'All statuses'),
        STATUSES.map(s => h('option', { value: s, selected: s === status }, statusLabel(s))),
        h('option', { value: 'archived', selected: status === 'archived' }, 'archived'));
    const header = [h('h1', {}, 'Campaigns'),
        h('div', { className: 'bar' }, h('a', { className: 'button', href: '#/campaigns/new' }, 'New campaign'),
            h('div', {}, h('label', { for: 'status-filter' }, 'Status'), filter))];
    if (!data.campaigns.length) {
        return [...header, empty(status ? `No ${statusLabel(status)} campaigns.` : 'No campaigns yet. Import contacts into a list, then create a campaign for it.',
            h('a', { className: 'button', href: '#/campaigns/new' }, 'Create a campaign'), ' ',
            h('a', { className: 'button secondary', href: '#/import' }, 'Import contacts'))];
    }
    const rows = new Map();
    const table = h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Status'), h('th', {}, 'Progress'),
        h('th', { className: 'hide-narrow' }, 'Sent'), h('th', { className: 'hide-narrow' }, 'Bounced'), h('th', { className: 'hide-narrow' }, 'Created'))),
    h('tbody', {}, data.campaigns.map(c => {
        const row = h('tr', { 'data-campaign': c.id },
            h('td', {}, h('a', { href: '#/campaigns/' + c.id }, c.name || '(unnamed)')),
            h('td', { 'data-cell': 'status' }, badge(c.status, c.archived)),
            h('td', { 'data-cell': 'progress' }, progressOf(c.metrics)),
            h('td', { 'data-cell': 'sent', className: 'hide-narrow' }, fmt(c.metrics.sent)),
            h('td', { 'data-cell': 'bounced', className: 'hide-narrow' }, fmt(c.metrics.bounced)),
            h('td', { className: 'hide-narrow' }, when(c.createdAt)));
        rows.set(c.id, row);
        return row;
    })));
    follow(data.campaigns.map(c => c.id), snapshots => {
        for (const c of snapshots) {
            const row = rows.get(c.id);
            if (!row) continue;
            fill($('[data-cell=status]', row), badge(c.status, c.archived));
            fill($('[data-cell=progress]', row), progressOf(c.metrics));
            $('[data-cell=sent]', row).textContent = fmt(c.metrics.sent);
            $('[data-cell=bounced]', row).textContent = fmt(c.metrics.bounced);
        }
    });
    return [...header, h('div', { className: 'table-wrap' }, table), pager(data, 'campaigns', query, '/campaigns')];
}
