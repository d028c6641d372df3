package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;
import io.crier.support.ReceivedMail;

/**
 * One tenant's campaign whose start fails (here: its segment's stored filter is unreadable) does
 * not hold back another tenant's: the housekeeper starts each due campaign on its own.
 */
@CrierApiTest
class FailingStartIsolationApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCampaignWhoseStartFailsHoldsBackNoOtherWorkspacesCampaign() {
        Api api = Api.at(port);
        Caller broken = api.newWorkspace();
        String segment = broken.post("/v1/contact-lists", Map.of("name", "Everyone", "type", "segment",
                "filterCriteria", Map.of("match", "all", "rules", List.of(
                        Map.of("field", "email", "operator", "contains", "value", "@"))))).expect(201)
                .data().path("id").asString();
        Audiences.list(broken, List.of("someone-" + UUID.randomUUID() + "@example.org"));
        Instant now = Instant.now();
        // Due first, in the same housekeeping round as the healthy one or a round before it.
        String failing = Audiences.campaign(broken, Map.of("scheduledAt", now.plusSeconds(2).toString()), segment);
        broken.post("/v1/campaigns/" + failing + "/send").expect(200);
        String filter = jdbc.sql("select filter_criteria from contact_list where id = :id")
                .param("id", UUID.fromString(segment)).query(String.class).single();
        setFilter(segment, "not a filter");

        Caller healthy = api.newWorkspace();
        String reader = "reader-" + UUID.randomUUID() + "@example.org";
        String campaign = Audiences.campaign(healthy, Map.of("scheduledAt", now.plusSeconds(3).toString()),
                Audiences.list(healthy, List.of(reader)));
        try {
            healthy.post("/v1/campaigns/" + campaign + "/send").expect(200);

            Eventually.status(healthy, campaign, "sent");
            assertThat(ReceivedMail.rawByRecipient(healthy)).containsOnlyKeys(reader);
            // Read in SQL: the API's view of that campaign reads the unreadable filter too.
            assertThat(jdbc.sql("select status from campaign where id = :id").param("id", UUID.fromString(failing))
                    .query(String.class).single()).isEqualTo("scheduled");
        } finally {
            setFilter(segment, filter);
            broken.post("/v1/campaigns/" + failing + "/abort").expect(200);
        }
    }

    private void setFilter(String segment, String filter) {
        jdbc.sql("update contact_list set filter_criteria = :filter where id = :id")
                .param("filter", filter).param("id", UUID.fromString(segment)).update();
    }
}
