// Crier's dashboard: plain JavaScript modules, no build step. Every read and change goes through the
// public /v1 API, relayed by the server as /app/api/v1 with the session's key; the key itself
// never reaches the browser. Live campaign progress comes from /app/events/campaigns (SSE).
// This module starts the page and names each route's page; the pages are modules of their own.
import { api, call, loadSession, session } from './api.js';
import { $, action } from './dom.js';
import { start } from './router.js';
import { signIn } from './sign-in.js';
import { campaignList } from './campaigns.js';
import { campaignPage } from './campaign.js';
import { editor } from './campaign-editor.js';
import { contactList, contactPage } from './contacts.js';
import { lists } from './lists.js';
import { signupForm } from './signup-form.js';
import { segmentBuilder, segments } from './segments.js';
import { importContacts } from './import.js';
import { suppressions } from './suppressions.js';
import { templates } from './templates.js';
import { sendersAndDomains } from './senders.js';
import { webhookPage, webhooks } from './webhooks.js';
import { apiKeys } from './api-keys.js';
import { inbox, inboxMessage } from './inbox.js';

/** #/section/id?query: the first pattern that matches renders the page, given the query and the ids. */
const ROUTES = [
    [/^\/sign-in$/, signIn],
    [/^\/campaigns$/, campaignList],
    [/^\/campaigns\/new$/, async () => editor(null)],
    [/^\/campaigns\/([^/]+)\/edit$/, async (query, id) => editor(await api.get('/campaigns/' + id))],
    [/^\/campaigns\/([^/]+)$/, campaignPage],
    [/^\/contacts$/, contactList],
    [/^\/contacts\/([^/]+)$/, contactPage],
    [/^\/lists$/, lists],
    [/^\/lists\/([^/]+)\/form$/, signupForm],
    [/^\/segments$/, segments],
    [/^\/segments\/([^/]+)$/, segmentBuilder],
    [/^\/import$/, importContacts],
    [/^\/suppressions$/, suppressions],
    [/^\/templates$/, templates],
    [/^\/senders$/, sendersAndDomains],
    [/^\/webhooks$/, webhooks],
    [/^\/webhooks\/([^/]+)$/, webhookPage],
    [/^\/api-keys$/, apiKeys],
    [/^\/inbox$/, inbox],
    [/^\/inbox\/([^/]+)$/, inboxMessage],
];

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
    start(ROUTES);
});
