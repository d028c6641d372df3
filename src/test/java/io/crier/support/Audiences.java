package io.crier.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a list of contacts through the public API, the way a user would. */
public final class Audiences {

    private Audiences() {
    }

    /** Creates a list holding {@code emails} (imported in one bulk call); returns the list id. */
    public static String list(Caller caller, List<String> emails) {
        String listId = caller.post("/v1/lists", Map.of("name", "audience " + emails.size())).expect(201)
                .data().path("id").asString();
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < emails.size(); i++) {
            contacts.add(Map.of("email", emails.get(i), "firstName", "Reader" + i));
        }
        caller.post("/v1/contacts/bulk", Map.of("contacts", contacts, "listIds", List.of(listId))).expect(200);
        return listId;
    }

    /** A draft campaign to these lists, with a personalized subject and body. */
    public static String campaign(Caller caller, Map<String, Object> extra, String... listIds) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "name", "Engine test",
                "subject", "Hello {{ firstName }}",
                "from", Map.of("email", "news@crier.test", "name", "Crier"),
                "html", "<p>Hi {{ firstName }}, this is for {{ email }}.</p>",
                "text", "Hi {{ firstName }}, this is for {{ email }}.",
                "toLists", List.of(listIds)));
        body.putAll(extra);
        return caller.post("/v1/campaigns", body).expect(201).data().path("id").asString();
    }
}
