'use strict';
// Crier's dashboard: plain JavaScript, no build step. Every read and change goes through the
// public /v1 API, relayed by the server as /app/api/v1 with the session's key; the key itself
// never reaches the browser. Live campaign progress comes from /app/events/campaigns (SSE).

const session = { csrfHeader: null, csrfToken: null, workspace: null };
let cleanup = [];

// ---- DOM helpers: text is always set as text, never parsed as HTML ----
function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
        if (value === null || value === undefined || value === false) continue;
        if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
        else if (name === 'className') el.className = value;
        else el.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
        if (child === null || child === undefined || child === false) continue;
        el.append(child instanceof Node ? child : String(child));
    }
    return el;
}
const $ = (selector, root = document) => root.querySelector(selector);
/** replaceChildren that leaves out null and false, as h() does (replaceChildren would write "null"). */
const fill = (el, ...nodes) => el.replaceChildren(...nodes.flat().filter(n => n !== null && n !== undefined && n !== false));
const fmt = n => Number(n || 0).toLocaleString('en');
const when = t => t ? new Date(t).toLocaleString() : '–';
const pct = (part, whole) => whole ? Math.round(1000 * part / whole) / 10 + '%' : '–';

function toast(message) {
    const box = $('#toast');
    box.textContent = message;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { box.textContent = ''; }, 4000);
}

function field(labelText, control, hint) {
    const id = control.id || ('f-' + Math.random().toString(36).slice(2));
    control.id = id;
    return h('div', { className: 'field' }, h('label', { for: id }, labelText, hint ? h('span', { className: 'hint' }, ' ', hint) : null), control);
}

function errorBox(error) {
    const details = (error.details || []).map(d => h('li', {}, `${d.field}: ${d.message}`));
    return h('div', { className: 'error', role: 'alert' }, error.message, details.length ? h('ul', {}, details) : null);
}

function empty(text, ...actions) {
    return h('div', { className: 'panel empty' }, h('p', {}, text), actions);
}

// ---- The API through the session ----
class ApiError extends Error {
    constructor(status, body) {
        super(body?.error?.message || `HTTP ${status}`);
        this.status = status;
        this.code = body?.error?.code;
        this.details = body?.error?.details || [];
    }
}

async function call(method, url, body, headers = {}) {
    const init = { method, headers: { ...headers }, credentials: 'same-origin' };
    if (method !== 'GET') init.headers[session.csrfHeader] = session.csrfToken;
    if (body instanceof FormData || typeof body === 'string') init.body = body;
    else if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    const json = await response.json().catch(() => null);
    if (response.status === 401 && !url.startsWith('/app/session')) {
        location.hash = '#/sign-in';
        throw new ApiError(401, json);
    }
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
}
const api = {
    get: path => call('GET', '/app/api/v1' + path).then(r => r.data),
    post: (path, body) => call('POST', '/app/api/v1' + path, body ?? {}).then(r => r.data),
    patch: (path, body) => call('PATCH', '/app/api/v1' + path, body).then(r => r.data),
    del: (path, body) => call('DELETE', '/app/api/v1' + path, body).then(r => r.data),
};

async function loadSession() {
    const state = (await call('GET', '/app/session')).data;
    Object.assign(session, state);
    return state;
}

// ---- Routing: #/section/id?query ----
const routes = [];
function route(pattern, render) { routes.push({ pattern, render }); }

async function navigate() {
    cleanup.forEach(stop => stop());
    cleanup = [];
    const [path, queryString] = (location.hash.slice(1) || '/campaigns').split('?');
    const query = new URLSearchParams(queryString || '');
    const main = $('#main');
    if (!session.signedIn && path !== '/sign-in') {
        location.hash = '#/sign-in';
        return;
    }
    $('.top').hidden = !session.signedIn;
    for (const link of document.querySelectorAll('#nav a')) {
        link.toggleAttribute('aria-current', path.startsWith(link.getAttribute('href').slice(1)));
        if (link.hasAttribute('aria-current')) link.setAttribute('aria-current', 'page');
    }
    $('#nav').classList.remove('open');
    for (const { pattern, render } of routes) {
        const match = path.match(pattern);
        if (match) {
            fill(main, h('p', { className: 'hint' }, 'Loading…'));
            try {
                const view = await render(query, ...match.slice(1).map(decodeURIComponent));
                fill(main, ...[view].flat());
            } catch (error) {
                if (error.status !== 401) fill(main, errorBox(error));
            }
            const heading = $('h1', main);
            document.title = (heading ? heading.textContent + ' · ' : '') + 'Crier';
            main.focus({ preventScroll: true });
            return;
        }
    }
    fill(main, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/campaigns' }, 'Back to campaigns')));
}

/** Runs an action from a button or form, showing its error next to it and keeping the button busy. */
function action(run, errorTarget) {
    return async event => {
        event.preventDefault();
        const control = event.submitter || event.currentTarget;
        if (control instanceof HTMLButtonElement) control.disabled = true;
        errorTarget?.replaceChildren();
        try {
            await run(event);
        } catch (error) {
            if (errorTarget) fill(errorTarget, errorBox(error));
            else toast(error.message);
        } finally {
            if (control instanceof HTMLButtonElement) control.disabled = false;
        }
    };
}

function pager(data, key, query, base) {
    const { page, pages, total } = data.pagination;
    const link = p => { const q = new URLSearchParams(query); q.set('page', p); return `#${base}?${q}`; };
    return h('div', { className: 'bar' },
        h('span', { className: 'hint' }, `${fmt(total)} ${key} · page ${page} of ${Math.max(pages, 1)}`),
        page > 1 ? h('a', { href: link(page - 1) }, 'Previous') : null,
        page < pages ? h('a', { href: link(page + 1) }, 'Next') : null);
}

// ---- Sign-in ----
route(/^\/sign-in$/, async () => {
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
});

// ---- Campaigns ----
const STATUSES = ['draft', 'scheduled', 'sending', 'sending_gradual', 'paused', 'sent', 'aborted', 'failed'];
const statusLabel = s => s.replace('_', ' ');
const badge = (status, archived) => h('span', { className: 'badge ' + status, 'data-status': status },
    statusLabel(status) + (archived ? ' · archived' : ''));

function progressOf(metrics) {
    const total = metrics.totalContacts || 0;
    const done = metrics.processedCount || 0;
    return h('progress', { max: Math.max(total, 1), value: done, 'aria-label': `${fmt(done)} of ${fmt(total)} processed` });
}

/** Follows the campaigns' snapshots over SSE; stops when the page changes. */
function follow(ids, onCampaigns) {
    if (!ids.length) return;
    const source = new EventSource('/app/events/campaigns?' + ids.map(id => 'id=' + encodeURIComponent(id)).join('&'));
    source.addEventListener('campaigns', event => onCampaigns(JSON.parse(event.data)));
    cleanup.push(() => source.close());
}

route(/^\/campaigns$/, async query => {
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
});

/** The actions a status allows, as the campaign state machine decides them. */
function allowedActions(c) {
    if (c.archived) return ['unarchive', 'duplicate'];
    const byStatus = {
        draft: ['send', 'duplicate', 'archive'],
        scheduled: ['pause', 'abort', 'duplicate'],
        sending: ['pause', 'abort', 'duplicate'],
        sending_gradual: ['pause', 'abort', 'duplicate'],
        paused: ['resume', 'abort', 'duplicate'],
        sent: ['duplicate', 'archive'],
        aborted: ['duplicate', 'archive'],
        failed: ['duplicate', 'archive'],
    };
    const actions = [...(byStatus[c.status] || [])];
    if (c.metrics.failedCount > 0 && ['sent', 'scheduled', 'sending', 'sending_gradual', 'paused'].includes(c.status)) actions.push('retry-failed');
    return actions;
}
const ACTION_LABELS = { send: 'Send', pause: 'Pause', resume: 'Resume', abort: 'Abort', duplicate: 'Duplicate',
    archive: 'Archive', unarchive: 'Unarchive', 'retry-failed': 'Retry failed' };

function metricTiles(m) {
    const tile = (name, value, note) => h('div', { className: 'metric', 'data-metric': name }, h('b', {}, value), h('span', {}, note));
    return h('div', { className: 'metrics' },
        tile('processed', `${fmt(m.processedCount)} / ${fmt(m.totalContacts)}`, 'processed'),
        tile('sent', fmt(m.sent), 'sent'),
        tile('bounced', fmt(m.bounced), 'bounced · ' + pct(m.bounced, m.sent + m.bounced)),
        tile('failed', fmt(m.failedCount), 'failed'),
        tile('suppressed', fmt(m.suppressed), 'suppressed'),
        tile('opened', fmt(m.opened), 'opened · ' + pct(m.opened, m.delivered)),
        tile('clicked', fmt(m.clicked), 'clicked · ' + pct(m.clicked, m.delivered)),
        tile('unsubscribed', fmt(m.unsubscribed), 'unsubscribed'));
}

function chart(container, option) {
    if (!window.echarts) return;
    const instance = echarts.init(container, null, { renderer: 'svg' });
    instance.setOption({ aria: { enabled: true }, grid: { left: 50, right: 20, top: 30, bottom: 40 }, tooltip: { trigger: 'axis' }, ...option });
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    cleanup.push(() => { window.removeEventListener('resize', resize); instance.dispose(); });
    return instance;
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

route(/^\/campaigns\/new$/, async () => editor(null));
route(/^\/campaigns\/([^/]+)\/edit$/, async (query, id) => editor(await api.get('/campaigns/' + id)));

route(/^\/campaigns\/([^/]+)$/, async (query, id) => {
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
        const actions = allowedActions(campaign);
        if (String(actions) === String(shownActions)) return;
        shownActions = actions;
        fill(controls,
            ...actions.map(name => h('button', { type: 'button', 'data-action': name,
                className: name === 'abort' ? 'danger' : (['duplicate', 'archive', 'unarchive'].includes(name) ? 'secondary' : ''),
                onclick: action(() => act(name), errors) }, ACTION_LABELS[name])),
            ['draft', 'scheduled', 'paused'].includes(campaign.status) && !campaign.archived
                ? h('a', { className: 'button secondary', href: `#/campaigns/${id}/edit` }, 'Edit') : null);
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
        campaign = { ...campaign, status: snapshot.status, archived: snapshot.archived, metrics: snapshot.metrics, sentAt: snapshot.sentAt };
        if (snapshot.status !== lastStatus) { lastStatus = snapshot.status; refresh().catch(() => {}); return; }
        renderHead();
        if (Date.now() - lastChart > 3000) { lastChart = Date.now(); renderCharts().catch(() => {}); }
    });
    return view;
});

// ---- Campaign editor ----
const GROWTH = ['fixed', '1.25x', '1.5x', '1.75x', '2x'];

/** An instant as the date and time a clock in timeZone shows, the form the editor's fields take. */
function wallClock(instant, timeZone) {
    if (!instant) return ['', ''];
    try {
        const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
            hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(instant)).map(p => [p.type, p.value]));
        return [`${parts.year}-${parts.month}-${parts.day}`, `${parts.hour}:${parts.minute}`];
    } catch {
        return [instant.slice(0, 10), instant.slice(11, 16)];
    }
}

async function editor(existing) {
    const [lists, templates, contacts] = await Promise.all([api.get('/lists?limit=100'), api.get('/templates?limit=100'), api.get('/contacts?limit=50')]);
    const c = existing || { sendMode: 'immediate', toLists: [], excludeLists: [], gradual: {} };
    const errors = h('div');
    const timeZone = c.timezone || Intl.DateTimeFormat().resolvedOptions().timeZone;
    const startsAt = wallClock(c.scheduledAt, timeZone);
    const input = (name, value, attrs = {}) => h('input', { name, value: value ?? '', ...attrs });
    const listSelect = (name, chosen) => h('select', { name, multiple: true, size: Math.min(Math.max(lists.lists.length, 2), 6) },
        lists.lists.map(l => h('option', { value: l.id, selected: chosen.some(x => x.id === l.id) }, `${l.name} (${fmt(l.contactCount)})`)));
    const f = {
        name: input('name', c.name, { required: true }),
        subject: input('subject', c.subject),
        previewText: input('previewText', c.previewText),
        fromEmail: input('fromEmail', c.from?.email, { type: 'email' }),
        fromName: input('fromName', c.from?.name),
        replyTo: input('replyTo', c.replyTo, { type: 'email' }),
        toLists: listSelect('toLists', c.toLists || []),
        excludeLists: listSelect('excludeLists', c.excludeLists || []),
        template: h('select', { name: 'templateId' }, h('option', { value: '' }, 'None: write the body below'),
            templates.templates.map(t => h('option', { value: t.id, selected: t.id === c.templateId }, t.name))),
        html: h('textarea', { name: 'html' }, c.html ?? ''),
        text: h('textarea', { name: 'text' }, c.text ?? ''),
        sendMode: h('select', { name: 'sendMode' }, ['immediate', 'scheduled', 'gradual'].map(m => h('option', { value: m, selected: m === c.sendMode },
            { immediate: 'Now', scheduled: 'Scheduled', gradual: 'Gradual' }[m]))),
        date: input('date', startsAt[0], { type: 'date' }),
        time: input('time', startsAt[1], { type: 'time' }),
        timezone: input('timezone', timeZone),
        emailsPerDay: input('emailsPerDay', c.gradual?.emailsPerDay, { type: 'number', min: 1 }),
        growth: h('select', { name: 'growth' }, GROWTH.map(g => h('option', { value: g, selected: g === (c.gradual?.growth || 'fixed') }, g))),
        perHour: input('perHour', c.gradual?.perHour, { type: 'number', min: 1 }),
        perMinute: input('perMinute', c.gradual?.perMinute, { type: 'number', min: 1 }),
        trackingOpen: h('input', { type: 'checkbox', name: 'trackingOpen', checked: c.trackingOpen ?? true }),
        trackingClick: h('input', { type: 'checkbox', name: 'trackingClick', checked: c.trackingClick ?? true }),
    };
    const scheduled = h('div', { className: 'row' }, field('Date', f.date), field('Time', f.time), field('Timezone', f.timezone, 'IANA name, e.g. Europe/Paris'));
    const projection = h('div', { className: 'chart', role: 'img', 'aria-label': 'Projected emails per day' });
    const gradual = h('div', {}, h('div', { className: 'row' }, field('Emails per day', f.emailsPerDay), field('Growth', f.growth),
        field('Per hour', f.perHour, 'optional cap'), field('Per minute', f.perMinute, 'optional cap')),
        h('h2', {}, 'Projected daily volume'), projection);
    let projectionChart;
    function drawProjection() {
        const audience = f.toLists.selectedOptions.length ? [...f.toLists.selectedOptions].map(o => lists.lists.find(l => l.id === o.value)?.contactCount || 0).reduce((a, b) => a + b, 0) : 0;
        const perDay = Number(f.emailsPerDay.value) || Number(f.perHour.value) * 24 || Number(f.perMinute.value) * 1440 || 0;
        const factor = f.growth.value === 'fixed' ? 1 : parseFloat(f.growth.value);
        const days = [], volumes = [];
        let left = audience || perDay * 7;
        for (let day = 1; day <= 14 && left > 0 && perDay > 0; day++) {
            let volume = Math.floor(perDay * factor ** (day - 1));
            if (f.perHour.value) volume = Math.min(volume, f.perHour.value * 24);
            if (f.perMinute.value) volume = Math.min(volume, f.perMinute.value * 1440);
            volume = Math.min(volume, left);
            left -= volume;
            days.push('Day ' + day);
            volumes.push(volume);
        }
        const option = { xAxis: { type: 'category', data: days }, yAxis: { type: 'value' }, series: [{ name: 'Emails', type: 'bar', data: volumes }] };
        if (!projectionChart) projectionChart = chart(projection, option); else projectionChart.setOption(option, true);
    }
    function showMode() {
        scheduled.hidden = f.sendMode.value !== 'scheduled';
        gradual.hidden = f.sendMode.value !== 'gradual';
        if (!gradual.hidden) setTimeout(drawProjection);
    }
    [f.emailsPerDay, f.growth, f.perHour, f.perMinute, f.toLists].forEach(el => el.addEventListener('input', () => drawProjection()));
    f.sendMode.addEventListener('change', showMode);

    function body() {
        const ids = select => [...select.selectedOptions].map(o => o.value);
        const b = {
            name: f.name.value, subject: f.subject.value, previewText: f.previewText.value || null,
            from: f.fromEmail.value ? { email: f.fromEmail.value, name: f.fromName.value || null } : null,
            replyTo: f.replyTo.value || null, toLists: ids(f.toLists), excludeLists: ids(f.excludeLists),
            templateId: f.template.value || null, html: f.html.value || null, text: f.text.value || null,
            sendMode: f.sendMode.value, trackingOpen: f.trackingOpen.checked, trackingClick: f.trackingClick.checked,
        };
        if (b.sendMode === 'scheduled' && f.date.value) {
            b.scheduledAt = `${f.date.value}T${f.time.value || '09:00'}:00`;
            b.timezone = f.timezone.value;
        }
        if (b.sendMode === 'gradual') {
            const number = el => el.value ? Number(el.value) : null;
            b.gradual = { emailsPerDay: number(f.emailsPerDay), growth: f.growth.value, perHour: number(f.perHour), perMinute: number(f.perMinute) };
        }
        return b;
    }
    let saved = existing;
    let saving = Promise.resolve();
    // One save at a time, so a preview and a submit never both create the campaign.
    function save() {
        const next = saving.catch(() => {}).then(async () => {
            saved = saved ? await api.patch('/campaigns/' + saved.id, body()) : await api.post('/campaigns', body());
            history.replaceState(null, '', '#/campaigns/' + saved.id + '/edit');
            return saved;
        });
        saving = next;
        return next;
    }

    const previewContact = h('select', { name: 'previewContact' }, contacts.contacts.map(p => h('option', { value: p.id }, p.email)));
    const previewFrame = h('iframe', { className: 'mail', sandbox: '', title: 'Preview of the message' });
    const previewInfo = h('p', { className: 'hint' });
    const previewErrors = h('div');
    async function preview() {
        if (!contacts.contacts.length) { previewInfo.textContent = 'Add a contact to preview the message as it would receive it.'; return; }
        const s = await save();
        const rendered = await api.post(`/campaigns/${s.id}/preview`, { contactId: previewContact.value });
        previewInfo.textContent = `Subject: ${rendered.subject}`;
        previewFrame.srcdoc = rendered.html || `<pre>${(rendered.text || '').replace(/[&<]/g, ch => ch === '&' ? '&amp;' : '&lt;')}</pre>`;
    }
    let previewTimer;
    // Live once the campaign exists: previewing renders the saved draft, so the first one is asked for.
    [f.subject, f.html, f.text, f.template, previewContact].forEach(el => el.addEventListener('input', () => {
        if (!saved) return;
        clearTimeout(previewTimer);
        previewTimer = setTimeout(() => preview().catch(e => fill(previewErrors, errorBox(e))), 800);
    }));
    const testTo = input('testTo', '', { type: 'email', placeholder: 'you@example.com' });
    const testResult = h('div');

    const form = h('form', { className: 'panel', novalidate: true, onsubmit: action(async event => {
        const s = await save();
        if (event.submitter?.value === 'send') await api.post(`/campaigns/${s.id}/send`);
        location.hash = '#/campaigns/' + s.id;
    }, errors) },
        errors,
        h('div', { className: 'row' }, field('Name', f.name), field('Subject', f.subject, '{{ firstName }} works')),
        h('div', { className: 'row' }, field('Preview text', f.previewText), field('Reply-to', f.replyTo)),
        h('div', { className: 'row' }, field('From email', f.fromEmail), field('From name', f.fromName)),
        h('div', { className: 'row' }, field('Send to lists', f.toLists, 'Ctrl/⌘-click for several'), field('Exclude lists', f.excludeLists)),
        field('Template', f.template),
        h('div', { className: 'split' }, field('HTML body', f.html), field('Text body', f.text, 'empty: made from the HTML')),
        h('fieldset', {}, h('legend', {}, 'Tracking'),
            h('label', { className: 'hint' }, f.trackingOpen, ' Track opens'), h('label', { className: 'hint' }, f.trackingClick, ' Track clicks')),
        field('Send', f.sendMode), scheduled, gradual,
        h('div', { className: 'bar' }, h('button', { type: 'submit', value: 'save' }, 'Save draft'),
            ['draft', undefined].includes(c.status) ? h('button', { type: 'submit', value: 'send', className: 'secondary' }, 'Save and start') : null));
    const previewPanel = h('section', { className: 'panel' }, h('h2', {}, 'Preview'), previewErrors,
        h('div', { className: 'row' }, field('As contact', previewContact),
            h('div', { className: 'field' }, h('button', { type: 'button', className: 'secondary', onclick: action(preview, previewErrors) }, 'Render preview'))),
        previewInfo, previewFrame,
        h('h2', {}, 'Test send'), testResult,
        h('div', { className: 'row' }, field('Send a test to', testTo),
            h('div', { className: 'field' }, h('button', { type: 'button', className: 'secondary', onclick: action(async () => {
                const s = await save();
                const result = await api.post(`/campaigns/${s.id}/test`, { emails: [testTo.value] });
                fill(testResult, ...result.results.map(r => h('p', { className: 'hint' }, `${r.email}: ${r.status} ${r.reply || ''}`)));
            }, testResult) }, 'Send test'))));
    setTimeout(showMode);
    return [h('h1', {}, existing ? `Edit ${existing.name}` : 'New campaign'), form, previewPanel];
}

// ---- Contacts ----
route(/^\/contacts$/, async query => {
    const search = query.get('search') || '';
    const params = new URLSearchParams({ page: query.get('page') || 1, limit: 20 });
    if (search) params.set('search', search);
    if (query.get('listId')) params.set('listId', query.get('listId'));
    const data = await api.get('/contacts?' + params);
    const box = h('input', { type: 'search', name: 'search', value: search });
    const header = [h('h1', {}, 'Contacts'),
        h('form', { className: 'bar', role: 'search', onsubmit: e => { e.preventDefault(); location.hash = '#/contacts?search=' + encodeURIComponent(box.value); } },
            h('label', { for: 'contact-search' }, 'Search'), Object.assign(box, { id: 'contact-search' }), h('button', { type: 'submit' }, 'Search'),
            h('a', { className: 'button secondary', href: '#/import' }, 'Import CSV'))];
    if (!data.contacts.length) return [...header, empty(search ? 'No contact matches.' : 'No contacts yet. Import a CSV file to add many at once.', h('a', { className: 'button', href: '#/import' }, 'Import contacts'))];
    return [...header, h('div', { className: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'Email'), h('th', {}, 'Name'), h('th', { className: 'hide-narrow' }, 'Created'))),
        h('tbody', {}, data.contacts.map(p => h('tr', {}, h('td', {}, h('a', { href: '#/contacts/' + p.id }, p.email)),
            h('td', {}, [p.firstName, p.lastName].filter(Boolean).join(' ')), h('td', { className: 'hide-narrow' }, when(p.createdAt))))))),
        pager(data, 'contacts', query, '/contacts')];
});

route(/^\/contacts\/([^/]+)$/, async (query, id) => {
    const [p, lists] = await Promise.all([api.get('/contacts/' + id), api.get('/lists?limit=100')]);
    const listNames = (p.listIds || []).map(listId => lists.lists.find(l => l.id === listId)?.name || listId);
    const errors = h('div');
    const f = { firstName: h('input', { id: 'contact-first-name', value: p.firstName ?? '' }), lastName: h('input', { id: 'contact-last-name', value: p.lastName ?? '' }),
        customFields: h('textarea', {}, JSON.stringify(p.customFields || {}, null, 2)) };
    return [h('h1', {}, p.email), errors,
        h('form', { className: 'panel', onsubmit: action(async () => {
            let customFields;
            try { customFields = JSON.parse(f.customFields.value || '{}'); } catch { throw new ApiError(400, { error: { message: 'Custom fields must be a JSON object' } }); }
            await api.patch('/contacts/' + id, { firstName: f.firstName.value || null, lastName: f.lastName.value || null, customFields });
            toast('Contact saved');
        }, errors) },
            h('div', { className: 'row' }, field('First name', f.firstName), field('Last name', f.lastName)),
            field('Custom fields (JSON)', f.customFields),
            h('p', { className: 'hint' }, `Lists: ${listNames.join(', ') || 'none'} · created ${when(p.createdAt)}`),
            h('div', { className: 'bar' }, h('button', { type: 'submit' }, 'Save'),
                h('button', { type: 'button', className: 'danger', onclick: action(async () => {
                    if (!confirm(`Delete ${p.email}?`)) return;
                    await api.del('/contacts/' + id);
                    location.hash = '#/contacts';
                }, errors) }, 'Delete')))];
});

// ---- Lists ----
route(/^\/lists$/, async query => {
    const data = await api.get('/lists?limit=100&page=' + (query.get('page') || 1));
    const errors = h('div');
    const name = h('input', { name: 'listName', required: true });
    const create = h('form', { className: 'panel bar', onsubmit: action(async () => {
        await api.post('/lists', { name: name.value });
        toast('List created');
        navigate();
    }, errors) }, field('New list name', name), h('button', { type: 'submit' }, 'Create list'));
    const body = data.lists.length ? h('div', { className: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Contacts'), h('th', {}, ''))),
        h('tbody', {}, data.lists.map(l => h('tr', { 'data-list': l.name }, h('td', {}, l.name), h('td', {}, fmt(l.contactCount)),
            h('td', {}, h('a', { href: '#/contacts?listId=' + l.id }, 'Show contacts'), ' ',
                h('button', { type: 'button', className: 'secondary', onclick: action(async () => {
                    if (!confirm(`Delete the list ${l.name}? Its contacts stay.`)) return;
                    await api.del('/lists/' + l.id);
                    navigate();
                }, errors) }, 'Delete')))))))
        : empty('No lists yet. Create one above, then import contacts into it.');
    return [h('h1', {}, 'Lists'), errors, create, body];
});

// ---- CSV import ----
route(/^\/import$/, async () => {
    const lists = await api.get('/lists?limit=100');
    const errors = h('div');
    const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv', required: true });
    const list = h('select', { name: 'listIds' }, h('option', { value: '' }, 'No list'), lists.lists.map(l => h('option', { value: l.id }, l.name)));
    const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': 'Upload progress' });
    const result = h('div', { 'aria-live': 'polite' });
    const form = h('form', { className: 'panel', onsubmit: action(() => new Promise((resolve, reject) => {
        if (!file.files.length) { reject(new ApiError(400, { error: { message: 'Choose a CSV file first' } })); return; }
        const data = new FormData();
        data.append('file', file.files[0]);
        const request = new XMLHttpRequest();
        request.open('POST', '/app/api/v1/contacts/import' + (list.value ? '?listIds=' + list.value : ''));
        request.setRequestHeader(session.csrfHeader, session.csrfToken);
        progress.hidden = false;
        progress.value = 0;
        request.upload.onprogress = e => { if (e.lengthComputable) progress.value = Math.round(100 * e.loaded / e.total); };
        request.onload = () => {
            progress.value = 100;
            const json = JSON.parse(request.responseText || 'null');
            if (request.status >= 400) { reject(new ApiError(request.status, json)); return; }
            const r = json.data;
            fill(result, h('div', { className: 'panel', id: 'import-result' },
                h('p', {}, h('strong', {}, `${fmt(r.created)} created, ${fmt(r.updated)} updated, ${fmt(r.failed)} failed`)),
                r.failures.length ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Row'), h('th', {}, 'Email'), h('th', {}, 'Field'), h('th', {}, 'Problem'))),
                    h('tbody', {}, r.failures.map(x => h('tr', {}, h('td', {}, x.row), h('td', {}, x.email || ''), h('td', {}, x.field || ''), h('td', {}, x.message))))) : null));
            resolve();
        };
        request.onerror = () => reject(new ApiError(0, { error: { message: 'The upload failed' } }));
        request.send(data);
    }), errors) },
        h('p', { className: 'hint' }, 'The header row names the columns: email, firstName, lastName, userId; any other column becomes a custom field.'),
        errors, field('CSV file', file), field('Add to list', list), h('button', { type: 'submit' }, 'Import'), progress);
    return [h('h1', {}, 'Import contacts'), form, result];
});

// ---- Suppressions ----
route(/^\/suppressions$/, async query => {
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
});

// ---- Templates ----
route(/^\/templates$/, async () => {
    const data = await api.get('/templates?limit=100');
    const errors = h('div');
    const f = { name: h('input', { id: 'template-name', required: true }), subject: h('input', { id: 'template-subject' }),
        html: h('textarea', { id: 'template-html' }), text: h('textarea', { id: 'template-text' }) };
    return [h('h1', {}, 'Templates'), errors,
        data.templates.length ? h('div', { className: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Subject'), h('th', {}, ''))),
            h('tbody', {}, data.templates.map(t => h('tr', {}, h('td', {}, t.name), h('td', {}, t.subject || ''),
                h('td', {}, h('button', { type: 'button', className: 'secondary', onclick: action(async () => {
                    if (!confirm(`Delete the template ${t.name}?`)) return;
                    await api.del('/templates/' + t.id); navigate();
                }, errors) }, 'Delete')))))))
            : empty('No templates yet. Create one below to reuse its content across campaigns.'),
        h('form', { className: 'panel', onsubmit: action(async () => {
            await api.post('/templates', { name: f.name.value, subject: f.subject.value || null, html: f.html.value || null, text: f.text.value || null });
            navigate();
        }, errors) }, h('h2', {}, 'New template'), h('div', { className: 'row' }, field('Name', f.name), field('Subject', f.subject)),
            h('div', { className: 'split' }, field('HTML', f.html), field('Text', f.text)), h('button', { type: 'submit' }, 'Create template'))];
});

// ---- Webhooks ----
const WEBHOOK_EVENTS = ['delivery.sent', 'delivery.bounced', 'delivery.failed', 'email.opened', 'email.clicked', 'campaign.status_changed', 'contact.unsubscribed'];
route(/^\/webhooks$/, async () => {
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
});

route(/^\/webhooks\/([^/]+)$/, async (query, id) => {
    const [hook, log] = await Promise.all([api.get('/webhooks/' + id), api.get(`/webhooks/${id}/deliveries?limit=50`)]);
    return [h('h1', {}, hook.url), h('p', { className: 'hint' }, 'Events: ' + hook.events.join(', ')), h('h2', {}, 'Delivery log'),
        log.deliveries.length ? h('div', { className: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Event'), h('th', {}, 'Status'), h('th', {}, 'Attempts'), h('th', {}, 'Created'))),
            h('tbody', {}, log.deliveries.map(d => h('tr', {}, h('td', {}, d.event), h('td', {}, d.status),
                h('td', {}, d.attempts.map(a => `#${a.attempt} ${a.statusCode ?? a.error ?? ''}`).join('; ')), h('td', {}, when(d.createdAt)))))))
            : empty('Nothing sent to this webhook yet: events appear here as campaigns send.')];
});

// ---- API keys ----
route(/^\/api-keys$/, async () => {
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
});

// ---- Dev inbox ----
route(/^\/inbox$/, async () => {
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
});

route(/^\/inbox\/([^/]+)$/, async (query, id) => {
    const m = await api.get('/dev/inbox/' + id);
    const headers = Object.entries(m.headers).flatMap(([name, values]) => values.map(v => h('tr', {}, h('th', {}, name), h('td', {}, v))));
    return [h('h1', {}, m.subject || '(no subject)'), h('p', {}, h('a', { href: '#/inbox' }, '← Dev inbox')),
        h('section', { className: 'panel' }, h('h2', {}, 'HTML part'),
            m.html ? h('iframe', { className: 'mail', sandbox: '', srcdoc: m.html, title: 'HTML part of the message' }) : h('p', { className: 'hint' }, 'No HTML part.')),
        h('div', { className: 'split' },
            h('section', { className: 'panel' }, h('h2', {}, 'Text part'), h('pre', { id: 'text-part' }, m.text || '(none)')),
            h('section', { className: 'panel' }, h('h2', {}, 'Headers'), h('div', { className: 'table-wrap' }, h('table', {}, h('tbody', {}, headers)))))];
});

// ---- Start ----
document.addEventListener('DOMContentLoaded', async () => {
    $('#sign-out').addEventListener('click', action(async () => {
        await call('POST', '/app/session/sign-out');
        await loadSession();
        location.hash = '#/sign-in';
    }));
    $('.menu-toggle').addEventListener('click', event => {
        const open = $('#nav').classList.toggle('open');
        event.currentTarget.setAttribute('aria-expanded', open);
    });
    await loadSession();
    $('#who').textContent = session.workspace || '';
    window.addEventListener('hashchange', navigate);
    navigate();
});
