// Segments: saved filters over the contacts. The builder counts and previews the contacts a filter
// matches as it is edited (POST /contact-lists/preview, nothing saved), then saves it as a segment.
import { api } from './api.js';
import { action, empty, errorBox, field, fill, h, toast } from './dom.js';
import { fmt, plural, when } from './format.js';
import { navigate, onLeave } from './router.js';
import { groupEditor } from './segment-rules.js';

/** Contacts the preview shows; its count is of all that match. */
const PREVIEWED = 10;
/** Edits this close together make one preview. */
const QUIET_MS = 250;

export async function segments() {
    const data = await api.get('/contact-lists?type=segment&limit=100');
    const body = data.contactLists.length ? h('div', { className: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Contacts now'), h('th', { className: 'hide-narrow' }, 'Changed'))),
        h('tbody', {}, data.contactLists.map(s => h('tr', {}, h('td', {}, h('a', { href: '#/segments/' + s.id }, s.name)),
            h('td', {}, fmt(s.contactCount)), h('td', { className: 'hide-narrow' }, when(s.updatedAt)))))))
        : empty('No segments yet. A segment picks contacts by what they are and do, and campaigns send to it like a list.');
    return [h('h1', {}, 'Segments'), h('div', { className: 'bar' }, h('a', { className: 'button', href: '#/segments/new' }, 'New segment')), body];
}

export async function segmentBuilder(query, id) {
    const saved = id === 'new' ? null : await api.get('/contact-lists/' + id);
    const [all, campaigns] = await Promise.all([api.get('/contact-lists?limit=100'), api.get('/campaigns?limit=100')]);
    const filter = saved?.filterCriteria || { match: 'all', rules: [{ field: 'email', operator: 'exists' }] };
    const lists = all.contactLists.filter(l => l.id !== saved?.id);
    const errors = h('div');
    const name = h('input', { id: 'segment-name', name: 'name', required: true, value: saved?.name ?? '' });
    const parent = h('select', { id: 'segment-parent', name: 'parentListId' }, h('option', { value: '' }, 'All contacts'),
        lists.map(l => h('option', { value: l.id, selected: l.id === saved?.parentListId }, `${l.name} (${l.type})`)));
    const count = h('p', { id: 'segment-count', role: 'status' });
    const problems = h('div');
    const members = h('div', { className: 'table-wrap' });
    const definition = () => ({ filterCriteria: filter, parentListId: parent.value || null });

    let asked = 0;
    let timer;
    async function preview() {
        const mine = ++asked;
        try {
            const page = await api.post('/contact-lists/preview?limit=' + PREVIEWED, definition());
            if (mine !== asked) return; // a later edit's preview is on its way
            const total = page.pagination.total;
            fill(problems);
            fill(count, `${fmt(total)} ${plural(total, 'contact matches', 'contacts match')}`);
            fill(members, page.contacts.length ? h('table', { id: 'segment-members' }, h('caption', { className: 'hint' }, `The first ${page.contacts.length}`),
                h('thead', {}, h('tr', {}, h('th', {}, 'Email'), h('th', {}, 'Name'))),
                h('tbody', {}, page.contacts.map(c => h('tr', {}, h('td', {}, h('a', { href: '#/contacts/' + c.id }, c.email)),
                    h('td', {}, [c.firstName, c.lastName].filter(Boolean).join(' ')))))) : null);
        } catch (error) {
            if (mine !== asked) return;
            fill(count, 'No count until the filter is complete.');
            fill(problems, errorBox(error));
            fill(members);
        }
    }
    const changed = () => {
        clearTimeout(timer);
        timer = setTimeout(preview, QUIET_MS);
    };
    parent.addEventListener('change', changed);
    onLeave(() => clearTimeout(timer));
    preview();

    const save = h('form', { className: 'panel', onsubmit: action(async () => {
        const body = { name: name.value, ...definition() };
        if (saved) {
            await api.patch('/contact-lists/' + saved.id, body);
            toast('Segment saved');
            navigate();
        } else {
            location.hash = '#/segments/' + (await api.post('/contact-lists', { ...body, type: 'segment' })).id;
            toast('Segment created');
        }
    }, errors) },
        h('div', { className: 'row' }, field('Name', name), field('Only contacts of', parent, 'a list or segment')),
        groupEditor(filter, changed, { lists, campaigns: campaigns.campaigns }),
        h('div', { className: 'bar' }, h('button', { type: 'submit' }, saved ? 'Save segment' : 'Create segment'),
            saved ? h('button', { type: 'button', className: 'danger', onclick: action(async () => {
                if (!confirm(`Delete the segment ${saved.name}?`)) return;
                await api.del('/contact-lists/' + saved.id);
                location.hash = '#/segments';
            }, errors) }, 'Delete') : null));
    return [h('h1', {}, saved ? saved.name : 'New segment'), h('p', {}, h('a', { href: '#/segments' }, '← Segments')), errors, save,
        h('section', { className: 'panel', 'aria-labelledby': 'segment-preview' }, h('h2', { id: 'segment-preview' }, 'Who it matches now'),
            count, problems, members)];
}
