// CSV import of contacts, with upload progress and every failed row.
import { ApiError, api, session } from './api.js';
import { action, field, fill, h } from './dom.js';
import { fmt } from './format.js';

export async function importContacts() {
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
}
