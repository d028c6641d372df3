// What the campaign list and a campaign's page share: status badges, progress bars, live snapshots.
import { fmt } from './format.js';
import { h } from './dom.js';
import { onLeave } from './router.js';

export const statusLabel = s => s.replace('_', ' ');
export const badge = (status, archived) => h('span', { className: 'badge ' + status, 'data-status': status },
    statusLabel(status) + (archived ? ' · archived' : ''));

export function progressOf(metrics) {
    const total = metrics.totalContacts || 0;
    const done = metrics.processedCount || 0;
    return h('progress', { max: Math.max(total, 1), value: done, 'aria-label': `${fmt(done)} of ${fmt(total)} processed` });
}

/** Follows the campaigns' snapshots over SSE; stops when the page changes. */
export function follow(ids, onCampaigns) {
    if (!ids.length) return;
    const source = new EventSource('/app/events/campaigns?' + ids.map(id => 'id=' + encodeURIComponent(id)).join('&'));
    source.addEventListener('campaigns', event => onCampaigns(JSON.parse(event.data)));
    onLeave(() => source.close());
}
