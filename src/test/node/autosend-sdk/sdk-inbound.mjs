// Drives the inbound calls of AutoSend's Node SDK (autosendjs), unchanged, against Crier, for a
// workspace that has received one reply with one attachment. Prints one JSON object with each
// call's result for AutoSendSdkTest.
// Input (environment): CRIER_BASE_URL (".../v1"), CRIER_API_KEY, CRIER_TAG (in the reply's subject).
import { Autosend } from 'autosendjs';

const { CRIER_BASE_URL: baseUrl, CRIER_API_KEY: key, CRIER_TAG: tag } = process.env;
// One attempt per call: a failure must show, not be retried away.
const autosend = new Autosend(key, { baseUrl, maxRetries: 1, timeout: 20000 });

const results = {};
results.list = await autosend.inboundEmails.list({ search: tag, page: 1, limit: 10 });
const id = results.list.data.items[0].id;
results.get = await autosend.inboundEmails.get(id);
results.attachment = await autosend.inboundEmails.getAttachmentDownloadUrl(id, 0);
const download = await fetch(results.attachment.data.downloadUrl);
results.download = { status: download.status, type: download.headers.get('content-type'), body: await download.text() };
results.reply = await autosend.inboundEmails.reply(id, {
  from: { email: 'hello@crier.test', name: 'Crier SDK' }, text: 'Thanks for the notes',
});
results.missing = await autosend.inboundEmails.get('999999999999');

console.log(JSON.stringify(results));
