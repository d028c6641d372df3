package io.crier.delivery.mail;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.audience.PersonalData;
import io.crier.content.MessageExtras.Address;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The To and Cc headers of the transactional calls that named the address ({@code mail_batch}):
 * its own copy is a delivery (the ledger's), but every other recipient's copy shows it. Erasure
 * takes the address out of those headers and leaves the rest of the call, so the others' copies
 * still to be sent go out without it. Bcc is in no header, only in the ledger.
 */
@Component
class MailHeaderPersonalData implements PersonalData {

    private static final TypeReference<List<Address>> ADDRESSES = new TypeReference<>() {
    };
    // position(), not like: an address's '_' would be a like wildcard; the JSON is then read exactly.
    private static final String BATCHES_NAMING_ADDRESS = """
            from mail_batch where workspace_id = :workspaceId
              and (position(:email in to_header) > 0 or position(:email in cc_header) > 0)""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final MailBatches batches;

    MailHeaderPersonalData(JdbcClient jdbc, JsonMapper json, MailBatches batches) {
        this.jdbc = jdbc;
        this.json = json;
        this.batches = batches;
    }

    @Override
    public Map<String, Object> export(UUID workspaceId, String email) {
        return Map.of("mailHeaders", headersNaming(workspaceId, email).stream()
                .map(headers -> Map.of("campaignId", headers.campaignId(), "to", headers.to(), "cc", headers.cc()))
                .toList());
    }

    @Override
    public void erase(UUID workspaceId, String email) {
        for (Headers headers : headersNaming(workspaceId, email)) {
            jdbc.sql("update mail_batch set to_header = :to, cc_header = :cc where campaign_id = :campaignId")
                    .param("to", json.writeValueAsString(without(headers.to(), email)))
                    .param("cc", json.writeValueAsString(without(headers.cc(), email)))
                    .param("campaignId", headers.campaignId())
                    .update();
            batches.forget(headers.campaignId());
        }
    }

    /** The text search may match a longer address (erin@example.org in jerin@example.org): the JSON decides. */
    private List<Headers> headersNaming(UUID workspaceId, String email) {
        return jdbc.sql("select campaign_id, to_header, cc_header " + BATCHES_NAMING_ADDRESS + " order by campaign_id")
                .param("workspaceId", workspaceId)
                .param("email", email)
                .query((rs, row) -> new Headers(rs.getObject("campaign_id", UUID.class),
                        json.readValue(rs.getString("to_header"), ADDRESSES),
                        json.readValue(rs.getString("cc_header"), ADDRESSES)))
                .list().stream()
                .filter(headers -> headers.names(email))
                .toList();
    }

    private static List<Address> without(List<Address> addresses, String email) {
        return addresses.stream().filter(address -> !address.email().equalsIgnoreCase(email)).toList();
    }

    private record Headers(UUID campaignId, List<Address> to, List<Address> cc) {

        boolean names(String email) {
            return Stream.concat(to.stream(), cc.stream()).anyMatch(address -> address.email().equalsIgnoreCase(email));
        }
    }
}
