// A list's public signup form: whether it takes sign-ups, double opt-in and the consent text people
// agree to; once open, the hosted page's address, the code to paste into a site and how it looks.
import { api } from './api.js';
import { action, copyable, field, fill, h, toast } from './dom.js';

/** What the server's form asks (signup/SignupHtml): fixed, so shown rather than edited. */
const FORM_FIELDS = 'Email (required) and first name (optional), with a hidden trap field for bots.';

function published(links) {
    if (!links.open) {
        return h('p', { className: 'notice' }, 'The form is closed: nobody can sign up. Turn on public sign-ups and save to publish it.');
    }
    return [h('p', {}, 'Hosted page: ', h('a', { id: 'form-hosted', href: links.hostedUrl, target: '_blank', rel: 'noopener' }, links.hostedUrl)),
        h('h3', {}, 'Embed code'),
        h('p', { className: 'hint' }, 'A plain HTML form, no script: paste it into any page. It posts to ', links.postUrl, '.'),
        h('div', { id: 'form-embed' }, copyable(links.embedHtml, 'the embed code')),
        h('h3', {}, 'How it looks'),
        // No allow-forms or scripts: the picture cannot post or run anything.
        h('iframe', { className: 'mail', sandbox: '', srcdoc: links.embedHtml, title: 'The signup form as a site shows it' })];
}

export async function signupForm(query, id) {
    const [list, links] = await Promise.all([api.get('/lists/' + id), api.get('/lists/' + id + '/form')]);
    const errors = h('div');
    const publicForm = h('input', { type: 'checkbox', id: 'form-public', name: 'publicForm', checked: list.publicForm });
    const doubleOptIn = h('input', { type: 'checkbox', id: 'form-double-opt-in', name: 'doubleOptIn', checked: list.doubleOptIn });
    const consentText = h('textarea', { id: 'form-consent', name: 'consentText', maxlength: 2000,
        placeholder: `Yes, send me ${list.name} by email. I can unsubscribe at any time.` }, list.consentText ?? '');
    const shown = h('div', { id: 'form-links' }, published(links));
    const checkbox = (control, text, hint) => h('div', { className: 'field' },
        h('label', { for: control.id }, control, ' ', text, h('span', { className: 'hint' }, ' ', hint)));
    return [h('h1', {}, `Signup form: ${list.name}`), h('p', {}, h('a', { href: '#/lists' }, '← Lists')), errors,
        h('form', { className: 'panel', onsubmit: action(async () => {
            await api.patch('/lists/' + id, { publicForm: publicForm.checked, doubleOptIn: doubleOptIn.checked,
                consentText: consentText.value.trim() || null });
            fill(shown, published(await api.get('/lists/' + id + '/form')));
            toast('Signup form saved');
        }, errors) },
            checkbox(publicForm, 'Public sign-ups', 'anyone with the form can join this list'),
            checkbox(doubleOptIn, 'Double opt-in', 'a confirmation mail first; unconfirmed members are never mailed'),
            field('Consent text', consentText, 'shown beside the button and kept with every sign-up; empty: the default shown'),
            h('p', { className: 'hint' }, 'Fields: ', FORM_FIELDS),
            h('button', { type: 'submit' }, 'Save form')),
        h('section', { className: 'panel', 'aria-labelledby': 'form-published' }, h('h2', { id: 'form-published' }, 'Published form'), shown)];
}
