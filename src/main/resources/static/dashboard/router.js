// Routing: #/section/id?query, each route a page's render function.
import { session } from './api.js';
import { $, errorBox, fill, h } from './dom.js';

let routes = [];
let cleanup = [];

/** Runs when the page changes: closes what the page opened (streams, charts). */
export function onLeave(stop) { cleanup.push(stop); }

/** Serves these [pattern, render] pairs, the first match winning, now and at every hash change. */
export function start(table) {
    routes = table;
    window.addEventListener('hashchange', navigate);
    navigate();
}

export async function navigate() {
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
    for (const [pattern, render] of routes) {
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
