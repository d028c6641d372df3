// A campaign's page: live progress and metrics, the actions it allows, charts, links and failures.
import { api } from './api.js';
import { action, errorBox, fill, h, toast } from './dom.js';
import { fmt, pct, plural, when } from './format.js';
import { chart } from './chart.js';
import { badge, follow, progressOf, statusLabel } from './campaign-parts.js';

// The buttons a campaign's page can show, in the order it shows them; which of them it shows is
// the campaign's allowedActions, decided by the server.
const ACTION_LABELS = { send: 'Send', pause: 'Pause', resume: 'Resume', unarchive: 'Unarchive', abort: 'Abort',
    duplicate: 'Duplicate', archive: 'Archive', 'retry-failed': 'Retry failed' };

function metricTiles(m) {
    const tile = (name, value, note) => h('div', { className: 'metric', 'data-metric': name }, h('b', {}, value), h('span', {}, note));
    return h('div', { className: 'metrics' },
        tile('processed', `${fmt(m.processedCount)} / ${fmt(m.totalContacts)}`, 'processed'),
        tile('sent', fmt(m.sent), 'sent'),
        tile('bounced', fmt(m.bounced), 'bounced (hard) · ' + pct(m.bounced, m.sent + m.bounced)),
        tile('softBounced', fmt(m.softBounced), plural(m.softBounced, 'soft bounce', 'soft bounces') + ' reported'),
        tile('spamReported', fmt(m.spamReported), plural(m.spamReported, 'complaint', 'complaints') + ' · '
            + pct(m.spamReported, m.delivered)),
        tile('replied', fmt(m.replied), 'replied · ' + pct(m.replied, m.delivered)),
        tile('failed', fmt(m.failedCount), 'failed'),
        tile('suppressed', fmt(m.suppressed), 'suppressed'),
        tile('opened', fmt(m.opened), 'opened · ' + pct(m.opened, m.delivered)),
        tile('clicked', fmt(m.clicked), 'clicked · ' + pct(m.clicked, m.delivered)),
        tile('unsubscribed', fmt(m.unsubscribed), 'unsubscribed'));
}

/** Bucket sizes for sends over time: the smallest that keeps the chart within 60 bars. */
const BUCKETS = [[1e3, 'second'], [1e4, '10 seconds'], [6e4, 'minute'], [6e5, '10 minutes'], [36e5, 'hour'], [864e5, 'day']];

/** Sends over time from the delivery log's sent rows (the first 1,000 of them), with empty buckets kept. */
async function sendsOverTime(id) {
    const times = [];
    for (let page = 1; page <= 10; page++) {
        const data = await api.get(`/campaigns/${id}/deliveries?status=sent&limit=100&page=${page}`);
        data.deliveries.forEach(d => d.sentAt && times.push(Date.parse(d.sentAt)));
        if (page >= data.pagination.pages) break;
    }
    if (!times.length) return { unit: 'minute', labels: [], counts: [] };
    const first = Math.min(...times), last = Math.max(...times);
    const [size, unit] = BUCKETS.find(([ms]) => (last - first) / ms < 60) || BUCKETS[BUCKETS.length - 1];
    const start = Math.floor(first / size) * size;
    const counts = new Array(Math.floor((last - start) / size) + 1).fill(0);
    times.forEach(t => counts[Math.floor((t - start) / size)]++);
    const label = t => new Date(t).toISOString().slice(size >= 864e5 ? 0 : 11, size >= 864e5 ? 10 : size < 6e4 ? 19 : 16);
    return { unit, labels: counts.map((_, i) => label(start + i * size)), counts };
}

export async function campaignPage(query, id) {
    let campaign = await api.get('/campaigns/' + id);
    const errors = h('div');
    const head = h('div');
    const tiles = h('div');
    const controls = h('div', { className: 'bar', role: 'group', 'aria-label': 'Campaign actions' });
    const failedBox = h('div');
    const chartTitle = h('h2', {}, 'Sends over time');
    const linksBox = h('div');
    const chartBox = h('div', { className: 'chart', role: 'img', 'aria-label': 'Sends over time' });
    const engagementBox = h('div', { className: 'chart', role: 'img', 'aria-label': 'Opens and clicks' });
    let sendsChart;

    async function act(name) {
        if (name === 'abort' && !confirm(`Abort "${campaign.name}"? Nothing more will be sent, and it cannot be resumed.`)) return;
        const result = await api.post(`/campaigns/${id}/${name}`);
        if (name === 'duplicate') { location.hash = '#/campaigns/' + result.id + '/edit'; return; }
        toast(`${ACTION_LABELS[name]}: ${statusLabel(result.status)}`);
        await refresh();
    }
    const bar = progressOf(campaign.metrics);
    const progress = h('p', { id: 'campaign-progress' }, 'Progress ', bar);
    let shownActions = null;
    // Live updates change values in place; the buttons are rebuilt only when the allowed actions
    // change, so a button with keyboard focus keeps it while the numbers move.
    function renderHead() {
        fill(head,
            h('h1', {}, campaign.name || '(unnamed)', ' ', badge(campaign.status, campaign.archived)),
            campaign.pausedReason ? h('div', { className: 'notice', role: 'status' }, 'Paused automatically: ', campaign.pausedReason) : null,
            campaign.failureReason ? h('div', { className: 'error' }, 'Failed: ', campaign.failureReason) : null,
            h('p', { className: 'hint' }, `Subject: ${campaign.subject || '–'} · From: ${campaign.from?.email || '–'} · `,
                `Mode: ${campaign.sendMode}`, campaign.scheduledAt ? ` · ${['draft', 'scheduled'].includes(campaign.status) ? 'Starts' : 'Started'} ${when(campaign.scheduledAt)}` : '',
                campaign.sentAt ? ` · Finished ${when(campaign.sentAt)}` : ''));
        const m = campaign.metrics;
        bar.max = Math.max(m.totalContacts || 0, 1);
        bar.value = m.processedCount || 0;
        bar.setAttribute('aria-label', `${fmt(m.processedCount)} of ${fmt(m.totalContacts)} processed`);
        fill(tiles, metricTiles(m));
        const allowed = campaign.allowedActions;
        if (String(allowed) === String(shownActions)) return;
        shownActions = allowed;
        const buttons = Object.keys(ACTION_LABELS).filter(name => allowed.includes(name));
        fill(controls,
            ...buttons.map(name => h('button', { type: 'button', 'data-action': name,
                className: name === 'abort' ? 'danger' : (['duplicate', 'archive', 'unarchive'].includes(name) ? 'secondary' : ''),
                onclick: action(() => act(name), errors) }, ACTION_LABELS[name])),
            allowed.includes('update') ? h('a', { className: 'button secondary', href: `#/campaigns/${id}/edit` }, 'Edit') : null);
    }
    async function renderFailed() {
        const failed = await api.get(`/campaigns/${id}/deliveries?status=failed&limit=50`);
        const bounced = await api.get(`/campaigns/${id}/deliveries?status=bounced&limit=50`);
        const rows = [...failed.deliveries, ...bounced.deliveries];
        fill(failedBox, h('h2', {}, 'Failed and bounced deliveries'), rows.length
            ? h('div', { className: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Email'), h('th', {}, 'Status'), h('th', {}, 'Attempts'), h('th', {}, 'SMTP reply'))),
                h('tbody', {}, rows.map(d => h('tr', {}, h('td', {}, d.email), h('td', {}, d.status), h('td', {}, d.attempts), h('td', {}, d.lastReply || '–'))))))
            : h('p', { className: 'hint' }, 'None: every delivery so far went through or is still queued.'));
    }
    let engagementChart;
    async function renderCharts() {
        const engagement = { xAxis: { type: 'category', data: ['Sent', 'Opened', 'Clicked'] }, yAxis: { type: 'value', minInterval: 1 },
            series: [{ name: 'Messages', type: 'bar', data: [campaign.metrics.sent, campaign.metrics.opened, campaign.metrics.clicked] }] };
        if (engagementChart) engagementChart.setOption(engagement); else engagementChart = chart(engagementBox, engagement);
        const links = (await api.get(`/campaigns/${id}/links`)).links;
        fill(linksBox, h('h2', {}, 'Clicks per link'), links.length
            ? h('div', { className: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Link'), h('th', {}, 'Clicks'), h('th', {}, 'Unique'), h('th', {}, 'By machines'))),
                h('tbody', {}, links.map(l => h('tr', {}, h('td', {}, l.url), h('td', {}, fmt(l.clicks)), h('td', {}, fmt(l.uniqueClicks)), h('td', {}, fmt(l.machineClicks)))))))
            : h('p', { className: 'hint' }, campaign.trackingClick ? 'No tracked links yet: they are stored when the campaign starts sending.' : 'Click tracking is off for this campaign.'));
        const sends = await sendsOverTime(id);
        chartTitle.textContent = `Sends per ${sends.unit} (UTC)`;
        const option = { xAxis: { type: 'category', data: sends.labels },
            yAxis: { type: 'value', minInterval: 1 }, series: [{ name: 'Sent', type: 'bar', data: sends.counts }] };
        if (sendsChart) sendsChart.setOption(option); else sendsChart = chart(chartBox, option);
    }
    async function refresh() {
        campaign = await api.get('/campaigns/' + id);
        renderHead();
        await Promise.all([renderFailed(), renderCharts()]);
    }

    renderHead();
    const view = [head, progress, errors, controls, tiles,
        h('div', { className: 'split' },
            h('section', { className: 'panel' }, chartTitle, chartBox),
            h('section', { className: 'panel' }, h('h2', {}, 'Opens and clicks'), engagementBox,
                h('p', { className: 'hint' }, 'Unique opens and clicks by people; prefetchers and link scanners are counted apart.'))),
        h('section', { className: 'panel' }, linksBox),
        h('section', { className: 'panel' }, failedBox)];
    setTimeout(() => refresh().catch(e => fill(errors, errorBox(e))));
    let lastStatus = campaign.status;
    let lastChart = 0;
    follow([id], ([snapshot]) => {
        if (!snapshot) return;
        campaign = { ...campaign, status: snapshot.status, archived: snapshot.archived, allowedActions: snapshot.allowedActions,
            metrics: snapshot.metrics, sentAt: snapshot.sentAt };
        if (snapshot.status !== lastStatus) { lastStatus = snapshot.status; refresh().catch(() => {}); return; }
        renderHead();
        if (Date.now() - lastChart > 3000) { lastChart = Date.now(); renderCharts().catch(() => {}); }
    });
    return view;
}
