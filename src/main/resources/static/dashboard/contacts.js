// Contacts: the searchable list and a contact's page.
import { ApiError, api } from './api.js';
import { action, empty, field, h, pager, toast } from './dom.js';
import { when } from './format.js';

export async function contactList(query) {
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
}

export async function contactPage(query, id) {
    const [p, lists, consents] = await Promise.all([api.get('/contacts/' + id), api.get('/lists?limit=100'),
        api.get('/contacts/' + id + '/consents')]);
    const listName = listId => lists.lists.find(l => l.id === listId)?.name || listId;
    const listNames = (p.subscriptions || []).map(s => `${listName(s.listId)} (${s.status})`);
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
                }, errors) }, 'Delete'))),
        consentLog(consents)];
}

/** What the contact agreed to on signup forms, oldest first: the proof of consent the lists keep. */
function consentLog(consents) {
    return h('section', { className: 'panel', 'aria-labelledby': 'consent-log' }, h('h2', { id: 'consent-log' }, 'Consent log'),
        consents.length ? h('div', { className: 'table-wrap' }, h('table', {},
            h('thead', {}, h('tr', {}, ['Signed up', 'List', 'Form', 'IP address', 'User agent', 'Text agreed to', 'Confirmed'].map(t => h('th', {}, t)))),
            h('tbody', {}, consents.map(c => h('tr', {}, h('td', {}, when(c.createdAt)), h('td', {}, c.listName || c.listId), h('td', {}, c.source),
                h('td', {}, c.ipAddress || '–'), h('td', {}, c.userAgent || '–'), h('td', {}, c.consentText),
                h('td', {}, c.confirmedAt ? when(c.confirmedAt) : 'not yet'))))))
            : h('p', { className: 'hint' }, 'No sign-ups: this contact was added by an import, the API or a campaign dialect.'));
}
