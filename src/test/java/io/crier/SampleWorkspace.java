package io.crier;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crier.delivery.FeedbackDomains;
import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.Eventually;
import io.crier.support.TestKeys;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fresh workspace holding one object of every kind, made through the API: two lists, a
 * segment (of the first list's contacts on the pro plan), a
 * contact in the first list and one in no list, a template, a draft campaign to the first list
 * (excluding the second) that is ready to send, a second API key, a webhook (to a host that
 * does not resolve, so nothing is ever delivered to it), a transactional mail, a DKIM key, a
 * polled mailbox (on a host that does not resolve either), a suppressed address, and an inbound
 * message (the simulator's reply to a transactional mail), an unsubscribe group. Every workspace made here holds the same names and emails, so searches across two of
 * them are meaningful; only the suppressed address is its own, since the address is the
 * suppression's id.
 */
final class SampleWorkspace {

    static final String MEMBER_EMAIL = "member@sample.example";
    static final String OUTSIDER_EMAIL = "outsider@sample.example";

    final Caller caller;
    final String list;
    final String excludedList;
    final String segment;
    final String member;
    final String outsider;
    final String template;
    final String campaign;
    final String key;
    final String webhook;
    final String feedbackHook;
    final String mail;
    final String suppressed;
    final String dkimKey;
    final String relayRoute;
    final String sender;
    final String domain;
    final String mailbox;
    final String group;
    private String inboundMessage;
    /** Reads the snapshots with a key of its own: a key's rate limit (200 at once) is the sweeps'. */
    private final Caller reader;

    private SampleWorkspace(Caller caller) {
        this.caller = caller;
        list = created("/v1/lists", "{\"name\": \"Sample list\", \"description\": \"Everyone\"}");
        excludedList = created("/v1/lists", "{\"name\": \"Excluded list\"}");
        member = created("/v1/contacts", """
                {"email": "%s", "firstName": "Sam", "lastName": "Member", "customFields": {"plan": "pro"},
                 "listIds": ["%s"]}""".formatted(MEMBER_EMAIL, list));
        outsider = created("/v1/contacts", "{\"email\": \"" + OUTSIDER_EMAIL + "\", \"firstName\": \"Olive\"}");
        segment = created("/v1/contact-lists", """
                {"name": "Sample segment", "type": "segment", "parentListId": "%s", "filterCriteria": {"match": "all",
                 "rules": [{"field": "customFields.plan", "operator": "equals", "value": "pro"}]}}""".formatted(list));
        template = created("/v1/templates", """
                {"name": "Sample template", "subject": "Hello", "html": "<p>Hello</p>", "text": "Hello"}""");
        campaign = created("/v1/campaigns", """
                {"name": "Sample campaign", "subject": "News", "from": {"email": "news@sample.example"},
                 "html": "<p>News</p>", "templateId": "%s", "toLists": ["%s"], "excludeLists": ["%s"]}"""
                .formatted(template, list, excludedList));
        key = created("/v1/api-keys", "{\"name\": \"Sample key\", \"scopes\": [\"read\"]}");
        webhook = created("/v1/webhooks", """
                {"url": "https://hooks.sample.example/crier", "events": ["delivery.bounced"]}""");
        feedbackHook = created("/v1/feedback-hooks", "{\"provider\": \"ses\"}");
        mail = caller.post("/v1/mails/send", """
                {"from": {"email": "news@sample.example"}, "to": {"email": "%s"}, "subject": "Hi", "text": "Hi"}"""
                .formatted(MEMBER_EMAIL)).expect(201).data().path("emailId").asString();
        dkimKey = caller.post("/v1/dkim-keys", Map.of("domain", "sample.example", "selector", "sample",
                "privateKey", TestKeys.rsa2048())).expect(201).data().path("id").asString();
        relayRoute = created("/v1/relay-routes", "{\"pool\": \"default\"}");
        sender = caller.post("/v1/senders", Map.of("email", "news@sample.example", "name", "Sample sender"))
                .expect(201).data().path("sender").path("id").asString();
        domain = created("/v1/domains", "{\"domain\": \"send.sample.example\"}");
        // The host does not resolve: polls only record that, and nothing is ever fetched.
        mailbox = created("/v1/mailboxes", """
                {"protocol": "imap", "host": "imap.sample.example", "username": "bounces@sample.example",
                 "password": "sample-password", "senderId": "%s"}""".formatted(sender));
        group = created("/v1/suppression-groups", "{\"name\": \"Sample group\", \"description\": \"Sample mail\"}");
        suppressed = "suppressed-" + UUID.randomUUID() + "@sample.example";
        caller.post("/v1/suppressions", "{\"email\": \"" + suppressed + "\"}").expect(200);
        // The simulator answers this mail through the real inbound path: the workspace's inbound message.
        caller.post("/v1/mails/send", """
                {"from": {"email": "news@sample.example"}, "to": {"email": "reply@%s"}, "subject": "Hi",
                 "text": "Hi"}""".formatted(FeedbackDomains.SIMULATOR_DOMAIN)).expect(201);
        reader = caller.withKey(caller.post("/v1/api-keys", """
                {"name": "Snapshot reader", "scopes": ["read", "admin"]}""").expect(201).data().path("key").asString());
    }

    static SampleWorkspace create(Api api) {
        return new SampleWorkspace(api.newWorkspace());
    }

    /** Replaces the placeholders {list}, {excludedList}, {segment}, {member}, {outsider}, {template}, {campaign}, {key}, {sender}, {group}. */
    String fill(String text) {
        return text.replace("{list}", list)
                .replace("{excludedList}", excludedList)
                .replace("{segment}", segment)
                .replace("{member}", member)
                .replace("{outsider}", outsider)
                .replace("{template}", template)
                .replace("{campaign}", campaign)
                .replace("{key}", key)
                .replace("{sender}", sender)
                .replace("{group}", group);
    }

    /**
     * The id for an {@code {id}} path variable after this collection's segment, e.g. {@code lists}
     * in {@code /v1/lists/{id}/contacts}; null for a collection this workspace holds nothing of.
     */
    String idIn(String collection) {
        return switch (collection) {
            case "contacts" -> member;
            case "lists" -> list;
            case "contact-lists" -> segment;
            case "templates" -> template;
            case "campaigns" -> campaign;
            case "api-keys" -> key;
            case "webhooks" -> webhook;
            case "feedback-hooks" -> feedbackHook;
            case "mails" -> mail;
            case "suppressions" -> suppressed;
            case "dkim-keys" -> dkimKey;
            case "relay-routes" -> relayRoute;
            case "senders" -> sender;
            case "domains" -> domain;
            case "mailboxes" -> mailbox;
            case "suppression-groups" -> group;
            case "messages" -> inboundMessage();
            default -> null;
        };
    }

    /** The simulator's reply to the workspace's mail, once the inbound worker has handled it. */
    String inboundMessage() {
        if (inboundMessage == null) {
            inboundMessage = Eventually.await("the simulator's reply to be an inbound message", Duration.ofSeconds(30),
                    () -> caller.get("/v1/inbound/messages?status=PROCESSED").expect(200).data().path("items"),
                    items -> !items.isEmpty()).get(0).path("id").asString();
        }
        return inboundMessage;
    }

    /** Who calls the endpoint: this workspace's key, which holds every scope of a workspace; creating workspaces is the installation's. */
    Caller callerFor(Endpoint endpoint, Api api) {
        return endpoint.key().equals("POST /v1/workspaces") ? api.bootstrap() : caller;
    }

    /** Every id of this workspace's objects. */
    List<String> ids() {
        return List.of(list, excludedList, segment, member, outsider, template, campaign, key, webhook, feedbackHook, mail,
                suppressed, dkimKey, relayRoute, sender, domain, mailbox, group);
    }

    /**
     * All the API shows of this workspace, by path: every collection, every member listing and
     * every object. Keys' {@code lastUsedAt} and mailboxes' {@code polling} are left out: using a key, or
     * polling, is no change to the data.
     */
    Map<String, JsonNode> snapshot() {
        Map<String, JsonNode> seen = new LinkedHashMap<>();
        for (String path : snapshotPaths()) {
            seen.put(path, withoutPolling(withoutLastUse(reader.get(path).expect(200).data())));
        }
        return seen;
    }

    /** The reads a {@link #snapshot} makes, each a call of the reader's key. */
    int snapshotReads() {
        return snapshotPaths().size();
    }

    private List<String> snapshotPaths() {
        return List.of("/v1/workspaces/current", "/v1/contacts?limit=100", "/v1/lists?limit=100",
                "/v1/templates?limit=100", "/v1/campaigns?limit=100", "/v1/api-keys?limit=100",
                "/v1/suppressions?limit=100", "/v1/contact-lists?limit=100", "/v1/contact-lists/" + segment,
                "/v1/contact-lists/" + segment + "/contacts?limit=100",
                "/v1/lists/" + list + "/contacts?limit=100", "/v1/lists/" + excludedList + "/contacts?limit=100",
                "/v1/contacts/" + member, "/v1/contacts/" + outsider, "/v1/lists/" + list,
                "/v1/lists/" + excludedList, "/v1/templates/" + template, "/v1/campaigns/" + campaign,
                "/v1/api-keys/" + key, "/v1/webhooks?limit=100", "/v1/webhooks/" + webhook,
                "/v1/webhooks/" + webhook + "/deliveries?limit=100", "/v1/dkim-keys", "/v1/dkim-keys/" + dkimKey,
                "/v1/relay-routes", "/v1/relay-pools", "/v1/senders", "/v1/senders/" + sender, "/v1/domains",
                "/v1/domains/" + domain, "/v1/feedback-hooks?limit=100", "/v1/feedback-hooks/" + feedbackHook,
                "/v1/mailboxes", "/v1/mailboxes/" + mailbox, "/v1/suppression-groups",
                "/v1/suppression-groups/" + group);
    }

    private String created(String path, String body) {
        return caller.post(path, body).expect(201).data().path("id").asString();
    }

    /** A mailbox's polling goes on by itself (its host never resolves): no change to the data either. */
    private static JsonNode withoutPolling(JsonNode node) {
        node.findParents("polling").forEach(parent -> ((ObjectNode) parent).remove("polling"));
        return node;
    }

    private static JsonNode withoutLastUse(JsonNode node) {
        JsonNode copy = node.deepCopy();
        copy.findParents("lastUsedAt").forEach(parent -> ((ObjectNode) parent).remove("lastUsedAt"));
        return copy;
    }
}
