// Drives AutoSend's Node SDK (autosendjs), unchanged, against Crier: every SDK method but the inbound
// ones (sdk-inbound.mjs), and its raw http client on AutoSend's template and webhook calls. Prints one JSON object with each call's result for AutoSendSdkTest.
// Input (environment): CRIER_BASE_URL (".../v1"), CRIER_API_KEY, CRIER_LIST_ID, CRIER_GROUP_ID, CRIER_TAG.
import { Autosend } from 'autosendjs';
import { Resend } from 'autosendjs/resend';

const { CRIER_BASE_URL: baseUrl, CRIER_API_KEY: key, CRIER_LIST_ID: listId, CRIER_GROUP_ID: groupId, CRIER_TAG: tag } =
  process.env;
const address = (name) => `${name}-${tag}@example.org`;
// One attempt per call: a failure must show, not be retried away.
const autosend = new Autosend(key, { baseUrl, maxRetries: 1, timeout: 20000 });
const resend = new Resend(key, { baseUrl, maxRetries: 1, timeout: 20000 });

const results = {};

results.created = await autosend.contacts.create({
  email: address('ada'), firstName: 'Ada', lastName: 'Lovelace', userId: 'user-1',
  listIds: [listId], customFields: { plan: 'pro', logins: 3 },
});
results.fetched = await autosend.contacts.get(results.created.data.id);
results.upserted = await autosend.contacts.upsert({ email: address('ada'), firstName: 'Augusta' });
results.upsertedNew = await autosend.contacts.upsert({ email: address('grace'), firstName: 'Grace' });
results.deleted = await autosend.contacts.delete(results.upsertedNew.data.id);
results.fetchedDeleted = await autosend.contacts.get(results.upsertedNew.data.id);

results.sent = await autosend.emails.send({
  from: { email: 'hello@crier.test', name: 'Crier SDK' },
  to: { email: address('jane'), name: 'Jane Doe' },
  subject: 'Welcome, {{name}}',
  html: '<h1>Welcome, {{name}}!</h1>',
  text: 'Welcome, {{name}}!',
  dynamicData: { name: 'Jane & co' },
  replyTo: { email: 'support@crier.test' },
});
results.bulk = await autosend.emails.bulk({
  from: { email: 'hello@crier.test' },
  subject: 'Your report',
  html: '<p>Hi {{name}}, you have {{count}} items</p>',
  recipients: [
    { email: address('bulk1'), dynamicData: { name: 'Ada', count: 3 } },
    { email: address('bulk2'), name: 'Linus', dynamicData: { name: 'Linus', count: 5 } },
  ],
});
// AutoSend's transactional options, which the SDK passes through as they are.
results.withOptions = await autosend.emails.send({
  from: { email: 'hello@crier.test' },
  to: { email: address('opt'), name: 'Opt To' },
  cc: [{ email: address('optcc') }],
  bcc: { email: address('optbcc') },
  subject: 'With options',
  text: 'See the attachment',
  attachments: [{ filename: 'note.txt', content: Buffer.from('hello from the SDK').toString('base64'),
    contentType: 'text/plain' }],
  categories: ['receipts'],
  campaignName: `sdk-${tag}`,
  test: true,
});
results.scheduled = await autosend.emails.send({
  from: { email: 'hello@crier.test' }, to: { email: address('later') }, subject: 'Later', text: 'Tomorrow',
  scheduledAt: new Date(Date.now() + 86400000).toISOString(),
});
results.bulkGrouped = await autosend.emails.bulk({
  from: { email: 'hello@crier.test' }, subject: 'Grouped', text: 'News', unsubscribeGroupId: groupId,
  categories: ['news'], recipients: [{ email: address('grouped') }],
});
results.invalid = await autosend.emails.send({
  from: { email: 'hello@crier.test' }, to: { email: 'not-an-address' }, subject: 'x', text: 'x',
});

results.resendSent = await resend.emails.send({
  from: 'Crier Resend <hello@crier.test>', to: address('resend'), subject: 'Via the Resend adapter',
  html: '<p>Hello {{who}}</p>', variables: { who: 'adapter' },
});
results.resendBulk = await resend.emails.send({
  from: 'hello@crier.test', to: [address('resend1'), address('resend2')], subject: 'Two at once', text: 'Hi',
});
results.resendContact = await resend.contacts.create({ email: address('rc'), firstName: 'Rhea', properties: { plan: 'free' } });
results.resendContactRead = await resend.contacts.get(results.resendContact.data.id);
results.resendContactUpdated = await resend.contacts.update({ email: address('rc'), firstName: 'Rhea-Mae' });
results.resendContactRemoved = await resend.contacts.remove(results.resendContact.data.id);
results.resendSendBulk = await resend.emails.sendBulk({
  from: 'hello@crier.test', to: [address('rbulk1'), address('rbulk2')], subject: 'Bulk via the adapter', text: 'Hi',
});

// The raw client on calls the SDK has no method for, in AutoSend's own shapes.
results.templateCreated = await autosend.http.post('/templates', {
  templateName: `SDK template ${tag}`, subject: 'Hello {{name}}', emailTemplate: '<p>Hello {{name}}</p>',
  plainTextTemplate: 'Hello {{name}}', templateType: 'transactional', builderType: 'code',
});
results.templateRead = await autosend.http.get(`/templates/${results.templateCreated.data.templateId}`);
results.templatesListed = await autosend.http.get('/templates', { page: 1, limit: 10 });
results.templateDeleted = await autosend.http.delete(`/templates/${results.templateCreated.data.templateId}`);
results.webhookCreated = await autosend.http.post('/webhooks', {
  url: 'https://hooks.crier-customer.example/autosend', events: ['email.delivered', 'email.bounced'],
  metadata: { team: 'growth' },
});
results.webhooksListed = await autosend.http.get('/webhooks', { isActive: true, page: 1, limit: 10 });
results.webhookRevealed = await autosend.http.get(`/webhooks/${results.webhookCreated.data.webhook.id}/reveal`);
results.webhookDeleted = await autosend.http.delete(`/webhooks/${results.webhookCreated.data.webhook.id}`);

console.log(JSON.stringify(results));
