// DOM helpers: text is always set as text, never parsed as HTML.
import { fmt } from './format.js';

export function h(tag, attrs, ...children) {
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
export const $ = (selector, root = document) => root.querySelector(selector);
/** replaceChildren that leaves out null and false, as h() does (replaceChildren would write "null"). */
export const fill = (el, ...nodes) => el.replaceChildren(...nodes.flat().filter(n => n !== null && n !== undefined && n !== false));

export function toast(message) {
    const box = $('#toast');
    box.textContent = message;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { box.textContent = ''; }, 4000);
}

export function field(labelText, control, hint) {
    const id = control.id || ('f-' + Math.random().toString(36).slice(2));
    control.id = id;
    return h('div', { className: 'field' }, h('label', { for: id }, labelText, hint ? h('span', { className: 'hint' }, ' ', hint) : null), control);
}

export function errorBox(error) {
    const details = (error.details || []).map(d => h('li', {}, `${d.field}: ${d.message}`));
    return h('div', { className: 'error', role: 'alert' }, error.message, details.length ? h('ul', {}, details) : null);
}

export function empty(text, ...actions) {
    return h('div', { className: 'panel empty' }, h('p', {}, text), actions);
}

/** Marks the form's controls that a 400's details name (by the control's name) and says why under each. */
function markInvalid(form, error) {
    form.querySelectorAll('[aria-invalid]').forEach(control => control.removeAttribute('aria-invalid'));
    form.querySelectorAll('.field-error').forEach(message => message.remove());
    for (const detail of error?.details || []) {
        const control = form.elements.namedItem(detail.field);
        if (!(control instanceof Element)) continue;
        control.setAttribute('aria-invalid', 'true');
        control.after(h('span', { className: 'field-error' }, detail.message));
    }
}

/** Runs an action from a button or form, showing its error next to it and keeping the button busy. */
export function action(run, errorTarget) {
    return async event => {
        event.preventDefault();
        const control = event.submitter || event.currentTarget;
        const form = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
        if (control instanceof HTMLButtonElement) control.disabled = true;
        errorTarget?.replaceChildren();
        try {
            await run(event);
            if (form) markInvalid(form, null);
        } catch (error) {
            if (form) markInvalid(form, error);
            if (errorTarget) fill(errorTarget, errorBox(error));
            else toast(error.message);
        } finally {
            if (control instanceof HTMLButtonElement) control.disabled = false;
        }
    };
}

export function pager(data, key, query, base) {
    const { page, pages, total } = data.pagination;
    const link = p => { const q = new URLSearchParams(query); q.set('page', p); return `#${base}?${q}`; };
    return h('div', { className: 'bar' },
        h('span', { className: 'hint' }, `${fmt(total)} ${key} · page ${page} of ${Math.max(pages, 1)}`),
        page > 1 ? h('a', { href: link(page - 1) }, 'Previous') : null,
        page < pages ? h('a', { href: link(page + 1) }, 'Next') : null);
}

/**
 * Text to copy (a DNS record's name or value, a form's embed code): selected whole with one click, and a
 * button that copies it (the clipboard needs HTTPS or localhost; elsewhere the button selects the text
 * for the keyboard's copy). The button's accessible name is "Copy " and what, the text's start by default.
 */
export function copyable(text, what = text.slice(0, 40)) {
    const code = h('code', {}, text);
    return h('div', { className: 'copyable' }, code,
        h('button', { type: 'button', className: 'secondary', 'aria-label': 'Copy ' + what, onclick: action(async () => {
            if (navigator.clipboard) {
                await navigator.clipboard.writeText(text);
                toast('Copied');
            } else {
                getSelection().selectAllChildren(code);
                toast('Selected: press Ctrl+C (⌘C) to copy');
            }
        }) }, 'Copy'));
}
