// Templates: create and delete them.
import { api } from './api.js';
import { action, empty, field, h } from './dom.js';
import { navigate } from './router.js';

export async function templates() {
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
}
