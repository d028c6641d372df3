// Lists: create one, show its contacts, open its signup form, delete it.
import { api } from './api.js';
import { action, empty, field, h, toast } from './dom.js';
import { fmt } from './format.js';
import { navigate } from './router.js';

export async function lists(query) {
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
                h('a', { href: `#/lists/${l.id}/form`, 'aria-label': `Signup form of ${l.name}` }, 'Signup form'), ' ',
                h('button', { type: 'button', className: 'secondary', onclick: action(async () => {
                    if (!confirm(`Delete the list ${l.name}? Its contacts stay.`)) return;
                    await api.del('/lists/' + l.id);
                    navigate();
                }, errors) }, 'Delete')))))))
        : empty('No lists yet. Create one above, then import contacts into it.');
    return [h('h1', {}, 'Lists'), errors, create, body];
}
