package io.crier;

import java.util.Map;

import io.crier.support.TestKeys;

/**
 * A valid body for every endpoint (native or dialect) that reads one, keyed by "METHOD /pattern". Each
 * names every field the endpoint knows, so a sweep can give each field a wrong value. A new
 * endpoint that reads a body needs an entry here; the sweep fails until it has one.
 */
final class SampleBodies {

    static final String CSV = "email,firstName,plan\ncsv@sample.example,Cora,pro\n";
    static final String MULTIPART_BOUNDARY = "sample-boundary";

    private static final JsonSample CONTACT = JsonSample.of("""
            {"email": "new@sample.example", "firstName": "Nell", "lastName": "New", "userId": "user-1",
             "customFields": {"plan": "free"}, "listIds": ["{list}"]}""")
            .bounded("email", "firstName", "lastName", "userId", "customFields.plan")
            .freeForm("customFields");
    private static final JsonSample LIST = JsonSample.of("""
            {"name": "Swept list", "description": "About it"}""")
            .bounded("name", "description");
    private static final JsonSample CONTACT_LIST = JsonSample.of("""
            {"name": "Swept segment", "description": "About it", "type": "segment", "parentListId": "{list}",
             "filterCriteria": {"match": "any", "rules": [
               {"field": "customFields.plan", "operator": "in", "value": ["pro", "team"]},
               {"match": "all", "rules": [{"event": "opened", "withinDays": 30, "negate": true},
                                          {"inList": "{excludedList}"}]}]}}""")
            .bounded("name", "description")
            .enums("type", "filterCriteria.match");
    private static final JsonSample TEMPLATE = JsonSample.of("""
            {"name": "Swept template", "subject": "Subject", "html": "<p>Body</p>", "text": "Body"}""")
            .bounded("name", "subject");
    /** AutoSend's names for the same fields, which create is swept with. */
    private static final JsonSample AUTOSEND_TEMPLATE = JsonSample.of("""
            {"templateName": "Swept template", "subject": "Subject", "emailTemplate": "<p>Body</p>",
             "plainTextTemplate": "Body", "templateType": "transactional", "builderType": "code"}""")
            .bounded("templateName", "subject", "templateType", "builderType");
    private static final JsonSample CAMPAIGN = JsonSample.of("""
            {"name": "Swept campaign", "subject": "Subject", "previewText": "Preview",
             "from": {"email": "from@sample.example", "name": "Sender"}, "replyTo": "reply@sample.example",
             "html": "<p>Body</p>", "text": "Body", "templateId": "{template}",
             "toLists": ["{list}"], "excludeLists": ["{excludedList}"], "sendMode": "gradual",
             "gradual": {"emailsPerDay": 100, "growth": "1.5x", "perHour": 20, "perMinute": 2},
             "scheduledAt": "2030-01-01T09:00:00Z", "timezone": "Europe/Berlin",
             "trackingOpen": true, "trackingClick": false, "thresholdPreset": "balanced",
             "unsubscribeGroupId": "{group}", "publish": false, "sendNow": false}""")
            .bounded("name", "subject", "previewText", "from.email", "from.name", "replyTo", "timezone",
                    "thresholdPreset")
            .enums("sendMode", "gradual.growth")
            .refuses(MalformedBodies.UNTAKEN_TIMES, "scheduledAt")
            .refuses(MalformedBodies.UNSENDABLE_ADDRESSES, "from.email", "replyTo")
            .refuses(MalformedBodies.MULTI_LINE, "from.name");
    private static final JsonSample SEND_MAIL = JsonSample.of("""
            {"from": {"email": "mail@sample.example", "name": "Sender"}, "to": {"email": "to@sample.example",
             "name": "Tess"}, "subject": "Hello {{name}}", "html": "<p>Hi {{name}}</p>", "text": "Hi {{name}}",
             "templateId": "{template}", "dynamicData": {"name": "Tess"}, "replyTo": {"email": "reply@sample.example",
             "name": "Reply"}, "bypassSuppressions": false, "unsubscribeGroupId": "{group}"}""")
            .bounded("subject", "from.email", "from.name", "to.email", "to.name", "replyTo.email", "replyTo.name")
            .freeForm("dynamicData")
            .refuses(MalformedBodies.UNSENDABLE_ADDRESSES, "from.email", "to.email", "replyTo.email")
            .refuses(MalformedBodies.MULTI_LINE, "from.name", "to.name", "replyTo.name");
    private static final JsonSample BULK_MAIL = JsonSample.of("""
            {"from": {"email": "mail@sample.example", "name": "Sender"}, "subject": "Hello {{name}}",
             "html": "<p>Hi {{name}}</p>", "text": "Hi {{name}}", "templateId": "{template}",
             "dynamicData": {"plan": "pro"}, "replyTo": {"email": "reply@sample.example", "name": "Reply"},
             "bypassSuppressions": false, "recipients": [{"email": "to@sample.example", "name": "Tess",
             "dynamicData": {"name": "Tess"}}]}""")
            .bounded("subject", "from.email", "from.name", "replyTo.email", "replyTo.name")
            .freeForm("dynamicData")
            .refuses(MalformedBodies.UNSENDABLE_ADDRESSES, "from.email", "replyTo.email")
            .refuses(MalformedBodies.MULTI_LINE, "from.name", "replyTo.name");
    private static final JsonSample ADD_MEMBERS = JsonSample.of("""
            {"contactIds": ["{outsider}"], "emails": ["%s"]}""".formatted(SampleWorkspace.OUTSIDER_EMAIL));
    private static final JsonSample REMOVE_MEMBERS = JsonSample.of("""
            {"contactIds": ["{member}"], "emails": ["%s"]}""".formatted(SampleWorkspace.MEMBER_EMAIL));

    private static final JsonSample GROUP = JsonSample.of("""
            {"name": "Swept group", "description": "About it", "isActive": true}""")
            .bounded("name", "description");
    private static final JsonSample GROUP_EMAILS = JsonSample.of("""
            {"groupId": "{group}", "emails": ["%s"]}""".formatted(SampleWorkspace.OUTSIDER_EMAIL));

    private static final JsonSample MAILBOX = JsonSample.of("""
            {"protocol": "imap", "host": "imap.sample.example", "port": 993, "security": "ssl",
             "username": "bounces@sample.example", "password": "sample-password", "folder": "INBOX",
             "senderId": "{sender}"}""")
            .bounded("host", "username", "password", "folder").enums("protocol", "security");

    private static final JsonSample SUPPRESSIONS = JsonSample.of("""
            {"email": "one@sample.example", "emails": ["two@sample.example"], "reason": "complained",
             "detail": "Complained by phone"}""").bounded("detail").enums("reason");

    private static final JsonSample BLUESHIFT_BULK = JsonSample.of("{\"uuid\": [\"{campaign}\"]}");

    private static final Map<String, JsonSample> JSON = Map.ofEntries(
            Map.entry("POST /v1/workspaces", JsonSample.of("{\"name\": \"Swept workspace\"}").bounded("name")),
            Map.entry("PATCH /v1/workspaces/current", JsonSample.of("{\"mcp\": \"full\"}").enums("mcp")),
            Map.entry("POST /v1/api-keys", JsonSample.of("""
                    {"name": "Swept key", "scopes": ["read", "write"]}""").bounded("name").enums("scopes[0]")),
            Map.entry("POST /v1/contacts", CONTACT),
            Map.entry("POST /v1/contacts/email", CONTACT),
            Map.entry("PATCH /v1/contacts/{id}", CONTACT),
            Map.entry("PUT /v1/contacts/{id}", CONTACT),
            Map.entry("POST /v1/contacts/bulk", JsonSample.of("""
                    {"contacts": [{"email": "bulk@sample.example", "firstName": "Bo"}], "listIds": ["{list}"]}""")
                    .orArray()),
            Map.entry("POST /v1/lists", LIST),
            Map.entry("PATCH /v1/lists/{id}", LIST),
            Map.entry("PUT /v1/lists/{id}", LIST),
            Map.entry("POST /v1/lists/{id}/contacts", ADD_MEMBERS),
            Map.entry("DELETE /v1/lists/{id}/contacts", REMOVE_MEMBERS),
            Map.entry("POST /v1/lists/{id}/contacts/remove", REMOVE_MEMBERS),
            Map.entry("PATCH /v1/lists/{id}/contacts", JsonSample.of("""
                    {"contactIds": ["{member}"], "status": "unsubscribed"}""").enums("status")),
            Map.entry("POST /v1/contact-lists", CONTACT_LIST),
            Map.entry("PATCH /v1/contact-lists/{id}", CONTACT_LIST),
            Map.entry("PUT /v1/contact-lists/{id}", CONTACT_LIST),
            Map.entry("POST /v1/contact-lists/preview", JsonSample.of("""
                    {"parentListId": "{list}", "filterCriteria": {"match": "any", "rules": [
                      {"field": "customFields.plan", "operator": "in", "value": ["pro", "team"]},
                      {"match": "all", "rules": [{"event": "opened", "withinDays": 30, "negate": true},
                                                 {"inList": "{excludedList}"}]}]}}""")
                    .enums("filterCriteria.match")),
            Map.entry("POST /v1/templates", AUTOSEND_TEMPLATE),
            Map.entry("PATCH /v1/templates/{id}", TEMPLATE),
            Map.entry("PUT /v1/templates/{id}", TEMPLATE),
            Map.entry("POST /v1/campaigns", CAMPAIGN),
            Map.entry("PATCH /v1/campaigns/{id}", CAMPAIGN),
            Map.entry("POST /v1/campaigns/{id}/send", JsonSample.of("{\"scheduledAt\": \"2030-01-01T09:00:00Z\"}")
                    .refuses(MalformedBodies.UNTAKEN_TIMES, "scheduledAt")),
            Map.entry("POST /v1/campaigns/{id}/preview", JsonSample.of("""
                    {"contactId": "{member}", "email": "%s"}""".formatted(SampleWorkspace.MEMBER_EMAIL))),
            Map.entry("POST /v1/campaigns/{id}/test", JsonSample.of("{\"emails\": [\"proof@sample.example\"]}")),
            Map.entry("POST /v1/suppression-groups", GROUP),
            Map.entry("PUT /v1/suppression-groups/{id}", GROUP),
            Map.entry("POST /v1/suppression-groups/emails/suppress", GROUP_EMAILS),
            Map.entry("POST /v1/suppression-groups/emails/unsuppress", GROUP_EMAILS),
            Map.entry("POST /v1/suppression-groups/entries", JsonSample.of("""
                    {"groupId": "{group}", "reason": "unsubscribed", "page": 1, "limit": 20,
                     "startDate": "2026-01-01T00:00:00Z", "endDate": "2030-01-01T00:00:00Z"}""")),
            Map.entry("POST /v1/suppression-groups/email/entries", JsonSample.of(
                    "{\"email\": \"" + SampleWorkspace.MEMBER_EMAIL + "\"}")),
            Map.entry("POST /v1/contact-lists/contacts/bulk-add", JsonSample.of("""
                    {"contactListId": "{list}", "emails": ["%s"]}""".formatted(SampleWorkspace.OUTSIDER_EMAIL))),
            Map.entry("POST /v1/contact-lists/{id}/contacts/remove", JsonSample.of(
                    "{\"emails\": [\"" + SampleWorkspace.MEMBER_EMAIL + "\"]}")),
            Map.entry("POST /v1/contacts/remove", JsonSample.of("{\"emails\": [\"gone@sample.example\"]}")),
            Map.entry("POST /v1/suppressions", SUPPRESSIONS),
            Map.entry("POST /leadterra/v1/suppression-list", SUPPRESSIONS),
            Map.entry("POST /blueshift/api/v1/campaigns/one_time", JsonSample.of("""
                    {"name": "Swept Blueshift campaign", "startdate": "2030-01-01T09:00:00.000Z", "launch": false,
                     "segment_uuid": "{list}", "triggers": [{"template_uuid": "{template}",
                     "from_address": "from@sample.example", "from_name": "Sender",
                     "reply_to_address": "reply@sample.example"}]}""").bounded("name")
                    .refuses(MalformedBodies.UNTAKEN_TIMES, "startdate")),
            Map.entry("PUT /blueshift/api/v1/campaigns/bulk_archive", BLUESHIFT_BULK),
            Map.entry("PATCH /blueshift/api/v1/campaigns/{uuid}/update_schedule", JsonSample.of("""
                    {"startdate": "2030-01-01T09:00:00.000Z", "enddate": "2030-01-02T09:00:00.000Z"}""")
                    .refuses(MalformedBodies.UNTAKEN_TIMES, "startdate", "enddate")),
            Map.entry("PUT /blueshift/api/v1/campaigns/bulk_unarchive", BLUESHIFT_BULK),
            Map.entry("POST /blueshift/api/v1/email_templates/test_send.json", JsonSample.of("""
                    {"template_uuid": "{template}", "emails": ["proof@sample.example"],
                     "email": "proof2@sample.example"}""")),
            Map.entry("POST /v1/webhooks", JsonSample.of("""
                    {"url": "https://hooks.sample.example/crier", "events": ["delivery.bounced"],
                     "secret": "sample-secret-0123456789", "metadata": {"team": "growth"}, "format": "crier"}""")
                    .bounded("url", "secret").enums("events[0]", "format").freeForm("metadata")),
            Map.entry("PUT /v1/webhooks/{id}", JsonSample.of("""
                    {"url": "https://hooks.sample.example/crier", "events": ["delivery.bounced"], "isActive": true,
                     "metadata": {"team": "growth"}}""").bounded("url").enums("events[0]").freeForm("metadata")),
            Map.entry("POST /v1/webhooks/{id}/resend", JsonSample.of("""
                    {"event": "delivery.bounced", "data": {"deliveryId": 1}}""").bounded("event").enums("event")
                    .freeForm("data")),
            Map.entry("POST /v1/feedback-hooks", JsonSample.of("""
                    {"provider": "sendgrid", "publicKey": "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEn2vqiULU1hyOrqB0T4ZWNvYQve8hsMBI1RGkor4q2qjhSJzZm5Jf9x74DZ4surAe5VG38ierldAGOomxN85IyQ=="}""")
                    .bounded("publicKey").enums("provider")),
            Map.entry("POST /v1/dkim-keys", JsonSample.of("""
                    {"domain": "mail.sample.example", "selector": "sample", "privateKey": "%s"}"""
                    .formatted(TestKeys.rsa2048().replace("\n", "\\n"))).bounded("domain", "selector", "privateKey")),
            Map.entry("POST /v1/relay-routes", JsonSample.of("""
                    {"pool": "default", "senderDomain": "routes.sample.example"}""").bounded("pool", "senderDomain")),
            Map.entry("POST /v1/senders", JsonSample.of("""
                    {"email": "swept@sample.example", "name": "Swept sender", "replyTo": "reply@sample.example",
                     "isDefault": false}""").bounded("email", "name", "replyTo")),
            Map.entry("POST /v1/domains", JsonSample.of("{\"domain\": \"swept.sample.example\"}").bounded("domain")),
            Map.entry("POST /v1/mailboxes", MAILBOX),
            Map.entry("PATCH /v1/mailboxes/{id}", MAILBOX),
            Map.entry("POST /v1/mails/send", SEND_MAIL),
            Map.entry("POST /v1/mails/bulk", BULK_MAIL),
            Map.entry("POST /v1/inbound/messages/{id}/reply", JsonSample.of("""
                    {"from": {"email": "mail@sample.example", "name": "Sender"}, "subject": "Re: Hello {{name}}",
                     "html": "<p>Thanks {{name}}</p>", "text": "Thanks {{name}}", "templateId": "{template}",
                     "dynamicData": {"name": "Tess"}, "replyTo": {"email": "reply@sample.example", "name": "Reply"},
                     "bypassSuppressions": false}""")
                    .bounded("subject", "from.email", "from.name", "replyTo.email", "replyTo.name")
                    .freeForm("dynamicData")
                    .refuses(MalformedBodies.UNSENDABLE_ADDRESSES, "from.email", "replyTo.email")
                    .refuses(MalformedBodies.MULTI_LINE, "from.name", "replyTo.name")),
            Map.entry("POST /leadterra/v1/campaigns", JsonSample.of("""
                    {"name": "Swept Leadterra campaign", "senderPoolId": "default", "sequenceSteps": [
                     {"subject": "Hi {{ firstName }}", "bodyHtml": "<p>Hi</p>", "delayDays": 0},
                     {"subject": "Again", "bodyHtml": "<p>Again</p>", "delayDays": 2}]}""").bounded("name", "senderPoolId")),
            Map.entry("POST /leadterra/v1/webhooks", JsonSample.of("""
                    {"url": "https://hooks.sample.example/leadterra", "events": ["message.sent"]}""")
                    .bounded("url").enums("events[0]")),
            Map.entry("POST /leadterra/v1/campaigns/{id}/leads/bulk", JsonSample.of("""
                    {"leads": [{"email": "lead@sample.example", "firstName": "Lee", "lastName": "Lead",
                     "company": "ExampleCo", "customFields": {"useCase": "outreach"}}]}""")));

    private SampleBodies() {
    }

    /** The sample JSON body of an endpoint, or null if it has none. */
    static JsonSample json(Endpoint endpoint) {
        return JSON.get(endpoint.key());
    }

    /** A multipart form whose {@code file} part holds {@code csv}. */
    static String multipart(String csv) {
        return "--" + MULTIPART_BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + csv + "\r\n"
                + "--" + MULTIPART_BOUNDARY + "--\r\n";
    }

    static String multipartType() {
        return "multipart/form-data; boundary=" + MULTIPART_BOUNDARY;
    }
}
