package io.crier.mcp;

import java.util.List;

import io.crier.access.Scope;

/**
 * The tools the MCP server offers: what an agent helps with (campaign drafts, previews and tests,
 * contacts and lists, reading results). Nothing here starts, schedules, pauses, resumes or aborts a
 * send, deletes anything, removes a suppression or touches keys, webhooks or the workspace's
 * set-up: those calls must come from the operator's own infrastructure ({@link McpRefusal}).
 */
final class CrierTools {

    private static final String PAGING = " Paged: page (from 1) and limit (1 to 100, default 20).";
    private static final String ENVELOPE = " Answers the API's JSON envelope ({success, data, message}).";
    /** Starting a send through an edit: refused, and left out of the edit tools' schemas. */
    private static final List<String> STARTS_A_SEND = List.of("publish", "sendNow");

    static final List<RestTool> ALL = List.of(
            RestTool.reads("list_campaigns", "List campaigns",
                    "The workspace's campaigns, oldest first, each with its status and metrics (sent, delivered,"
                            + " opened, clicked, bounced, ...). Filter by status (draft, scheduled, sending, paused,"
                            + " sent, aborted, failed) and archived." + PAGING + ENVELOPE,
                    "/v1/campaigns"),
            RestTool.reads("get_campaign", "Read a campaign",
                    "One campaign by id: its content, lists, settings, status, metrics and the actions it allows."
                            + ENVELOPE,
                    "/v1/campaigns/{id}"),
            new RestTool("create_campaign", "Create a draft campaign",
                    "A new draft campaign: name, subject, from, html or text (template syntax: the"
                            + " crier://docs/templates resource) or templateId, toLists, steps, tracking. It stays a"
                            + " draft: starting it is not possible through MCP." + ENVELOPE,
                    "POST", "/v1/campaigns", Scope.WRITE, STARTS_A_SEND),
            new RestTool("update_campaign", "Edit a draft campaign",
                    "Changes the given fields of a draft campaign; fields left out keep their values, null clears"
                            + " one. Campaigns that are scheduled, sending or paused cannot be edited through MCP."
                            + ENVELOPE,
                    "PATCH", "/v1/campaigns/{id}", Scope.WRITE, STARTS_A_SEND),
            new RestTool("preview_campaign", "Preview a campaign for a contact",
                    "The campaign's message rendered for one contact (contactId, or email): subject, html and"
                            + " text as that contact would get them. Changes nothing." + ENVELOPE,
                    "POST", "/v1/campaigns/{id}/preview", Scope.READ, List.of()),
            new RestTool("send_campaign_test", "Send a test of a campaign",
                    "Sends the campaign's message as a test to up to 10 addresses (emails). Changes nothing of the"
                            + " campaign, its deliveries or its metrics. Needs the key's send scope." + ENVELOPE,
                    "POST", "/v1/campaigns/{id}/test", Scope.SEND, List.of()),
            RestTool.reads("list_campaign_deliveries", "Read a campaign's deliveries",
                    "A campaign's deliveries: one per recipient and step, with its status (filter: status) and"
                            + " what the receiving server answered." + PAGING + ENVELOPE,
                    "/v1/campaigns/{id}/deliveries"),
            RestTool.reads("get_campaign_links", "Read a campaign's link clicks",
                    "The campaign's tracked links, each with its clicks, unique clicks and machine clicks"
                            + " (link scanners, kept out of the other two)." + ENVELOPE,
                    "/v1/campaigns/{id}/links"),
            RestTool.reads("list_campaign_activity", "Read a campaign's opens and clicks",
                    "The campaign's tracked opens and clicks in the order they came, optionally of one contact"
                            + " (contactId) or address (email), with their totals." + PAGING + ENVELOPE,
                    "/v1/campaigns/{id}/activity"),
            RestTool.reads("list_templates", "List templates",
                    "The workspace's saved templates, for a campaign's templateId." + PAGING + ENVELOPE,
                    "/v1/templates"),
            RestTool.reads("list_contacts", "List contacts",
                    "The workspace's contacts; filter by listId, by exact email, or search name and email."
                            + PAGING + ENVELOPE,
                    "/v1/contacts"),
            RestTool.reads("get_contact", "Read a contact", "One contact by id, with its lists." + ENVELOPE,
                    "/v1/contacts/{id}"),
            new RestTool("create_contact", "Create a contact",
                    "A new contact: email, firstName, lastName, customFields, listIds." + ENVELOPE,
                    "POST", "/v1/contacts", Scope.WRITE, List.of()),
            new RestTool("update_contact", "Update a contact",
                    "Changes the given fields of a contact; fields left out keep their values." + ENVELOPE,
                    "PATCH", "/v1/contacts/{id}", Scope.WRITE, List.of()),
            RestTool.reads("list_lists", "List contact lists", "The workspace's lists with their sizes."
                    + PAGING + ENVELOPE, "/v1/lists"),
            RestTool.reads("get_list", "Read a list", "One list by id." + ENVELOPE, "/v1/lists/{id}"),
            RestTool.reads("list_list_contacts", "List a list's contacts", "The contacts on one list." + PAGING
                    + ENVELOPE, "/v1/lists/{id}/contacts"),
            new RestTool("create_list", "Create a list", "A new list: name and description." + ENVELOPE,
                    "POST", "/v1/lists", Scope.WRITE, List.of()),
            new RestTool("update_list", "Update a list",
                    "Changes a list's name or description." + ENVELOPE,
                    "PATCH", "/v1/lists/{id}", Scope.WRITE, List.of()),
            new RestTool("add_list_contacts", "Add contacts to a list",
                    "Adds contacts (contactIds) to a list; ids that are not the workspace's are answered in"
                            + " notFound." + ENVELOPE,
                    "POST", "/v1/lists/{id}/contacts", Scope.WRITE, List.of()),
            RestTool.reads("list_suppressions", "List suppressions",
                    "Addresses Crier will not mail, with why (filter: reason) and when; email finds one address."
                            + PAGING + ENVELOPE,
                    "/v1/suppressions"));

    private CrierTools() {
    }
}
