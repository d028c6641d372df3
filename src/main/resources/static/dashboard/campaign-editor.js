// The campaign editor: content, audience and sending, with a preview and test sends.
import { api } from './api.js';
import { action, errorBox, field, fill, h } from './dom.js';
import { fmt } from './format.js';
import { chart } from './chart.js';
import { poolChoice } from './campaign-pool.js';

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

export async function editor(existing) {
    const [lists, templates, contacts, pool] = await Promise.all([api.get('/lists?limit=100'), api.get('/templates?limit=100'),
        api.get('/contacts?limit=50'), poolChoice(existing)]);
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
        await pool.apply(s);
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
        h('div', { className: 'row' }, field('Send', f.sendMode), pool.control), scheduled, gradual,
        h('div', { className: 'bar' }, h('button', { type: 'submit', value: 'save' }, 'Save draft'),
            !existing || existing.allowedActions.includes('send') ? h('button', { type: 'submit', value: 'send', className: 'secondary' }, 'Save and start') : null));
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
