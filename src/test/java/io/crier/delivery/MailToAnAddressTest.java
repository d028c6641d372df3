package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.support.Audiences;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;

import tools.jackson.databind.JsonNode;

/**
 * The ledger's mail to an address is found through the contacts that have or had the address
 * (it keeps no index by address): a contact's own campaign mail, transactional mail (which has no
 * contact), and mail a contact got at an address it has since left, which counts for that
 * address and whoever holds it now, not for the contact's new address. Segments' ledger events
 * and a GDPR export and erasure of the address see exactly that mail; a contact's export and
 * erasure take its current address and those it left that nobody holds now.
 */
class MailToAnAddressTest extends ClockedEngineCase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSentRuleMatchesMailToTheContactsAddressWhoeverItWasSentTo() {
        List<String> emails = addresses("s", 4);
        String own = emails.get(0);
        String transactional = emails.get(1);
        String left = emails.get(2);
        String unmailed = emails.get(3);
        sendCampaign(List.of(own, left));
        String mail = caller.post("/v1/mails/send", Map.of("from", Map.of("email", "hello@crier.test"),
                "to", Map.of("email", transactional), "subject", "Hi", "text", "Hello")).expect(201)
                .data().path("emailId").asString();
        Eventually.await("the transactional mail sent", WAIT,
                () -> caller.get("/v1/mails/" + mail).expect(200).data().path("status").asString(), "sent"::equals);

        caller.patch("/v1/contacts/" + contactId(left), Map.of("email", "moved-" + left)).expect(200);
        for (String email : List.of(transactional, left, unmailed)) {
            caller.post("/v1/contacts", Map.of("email", email)).expect(201);
        }

        List<String> sent = caller.post("/v1/contact-lists/preview?limit=100",
                        Map.of("filterCriteria", Map.of("match", "all", "rules", List.of(Map.of("event", "sent")))))
                .expect(200).data().path("contacts").valueStream().map(c -> c.path("email").asString()).toList();
        assertThat(sent).containsExactlyInAnyOrder(own, transactional, left);
    }

    @Test
    void anAddressExportAndErasureTakeTheMailAFormerHolderGotThere() {
        List<String> emails = addresses("g", 2);
        String left = emails.get(0);
        String campaign = sendCampaign(emails);
        String mover = contactId(left);
        caller.patch("/v1/contacts/" + mover, Map.of("email", "moved-" + left)).expect(200);
        String holder = caller.post("/v1/contacts", Map.of("email", left)).expect(201).data().path("id").asString();

        JsonNode export = caller.get("/v1/contacts/" + holder + "/export").expect(200).data();
        assertThat(export.path("deliveries").valueStream().map(d -> d.path("email").asString()).toList())
                .containsExactly(left);
        assertThat(export.path("deliveries").get(0).path("campaignId").asString()).isEqualTo(campaign);
        assertThat(export.path("formerAddressOf").get(0).path("contactId").asString()).isEqualTo(mover);
        assertThat(caller.get("/v1/contacts/" + mover + "/export").expect(200).data().path("deliveries")).isEmpty();

        caller.delete("/v1/contacts/" + holder + "?erase=true").expect(200);

        assertThat(recipients(campaign)).containsExactly(emails.get(1));
        assertThat(jdbc.sql("select count(*) from contact_former_address where email = :email").param("email", left)
                .query(Long.class).single()).as("the former holder's record of the address").isZero();
        caller.get("/v1/contacts/" + mover).expect(200);
    }

    @Test
    void aContactsExportAndErasureTakeTheMailAtTheAddressesItLeftThatNobodyHoldsNow() {
        List<String> emails = addresses("e", 4);
        String first = emails.get(0);
        String second = emails.get(1);
        String bystander = emails.get(2);
        String list = Audiences.list(caller, List.of(first, bystander));
        String mover = contactId(first);
        String atFirst = send(Audiences.campaign(caller, Map.of(), list));
        caller.patch("/v1/contacts/" + mover, Map.of("email", second)).expect(200);
        String atSecond = send(Audiences.campaign(caller, Map.of(), list));
        caller.patch("/v1/contacts/" + mover, Map.of("email", emails.get(3))).expect(200);
        String holder = caller.post("/v1/contacts", Map.of("email", second)).expect(201).data().path("id").asString();

        JsonNode export = caller.get("/v1/contacts/" + mover + "/export").expect(200).data();
        assertThat(export.path("deliveries")).as("nothing was mailed to its current address").isEmpty();
        assertThat(export.path("formerAddresses").valueStream().map(a -> a.path("email").asString()).toList())
                .as("the address another contact holds now is not its to export").containsExactly(first);
        assertThat(export.path("formerAddresses").get(0).path("deliveries").get(0).path("campaignId").asString())
                .isEqualTo(atFirst);

        caller.delete("/v1/contacts/" + mover + "?erase=true").expect(200);

        assertThat(recipients(atFirst)).containsExactly(bystander);
        assertThat(recipients(atSecond)).containsExactlyInAnyOrder(second, bystander);
        assertThat(jdbc.sql("select count(*) from contact_former_address where email = :email").param("email", first)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from suppression where workspace_id = cast(:id as uuid) and reason = 'erased'")
                .param("id", caller.workspaceId()).query(Long.class).single())
                .as("each erased address kept out for good").isEqualTo(2);
        assertThat(caller.get("/v1/contacts/" + holder + "/export").expect(200).data().path("deliveries")
                .valueStream().map(d -> d.path("campaignId").asString()).toList())
                .as("the mail at the holder's address stays with it").containsExactly(atSecond);
    }

    private List<String> recipients(String campaign) {
        return caller.get("/v1/campaigns/" + campaign + "/deliveries").expect(200).data().path("deliveries")
                .valueStream().map(d -> d.path("email").asString()).toList();
    }

    /**
     * A deleted contact's mail stays in the ledger without the contact, and from then on counts for
     * its address: a new contact at that address matches a sent rule, and the campaign's log keeps
     * the row. (A foreign key once did this; H2 no longer has it: db/vendor/h2/V47.)
     */
    @Test
    void aDeletedContactsMailStaysInTheLedgerWithoutItAndCountsForItsAddress() {
        List<String> emails = addresses("d", 2);
        String gone = emails.get(0);
        String campaign = sendCampaign(emails);

        caller.delete("/v1/contacts/" + contactId(gone)).expect(200);

        assertThat(jdbc.sql("select contact_id from delivery where campaign_id = :campaign and email = :email")
                .param("campaign", UUID.fromString(campaign)).param("email", gone)
                .query((rs, row) -> Optional.ofNullable(rs.getObject(1))).list())
                .containsExactly(Optional.empty());
        assertThat(caller.get("/v1/campaigns/" + campaign + "/deliveries").expect(200).data().path("deliveries")
                .valueStream().map(d -> d.path("email").asString()).toList()).contains(gone);
        caller.post("/v1/contacts", Map.of("email", gone)).expect(201);
        List<String> sent = caller.post("/v1/contact-lists/preview?limit=100",
                        Map.of("filterCriteria", Map.of("match", "all", "rules", List.of(Map.of("event", "sent")))))
                .expect(200).data().path("contacts").valueStream().map(c -> c.path("email").asString()).toList();
        assertThat(sent).contains(gone);
    }

    private String sendCampaign(List<String> emails) {
        return send(Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails)));
    }

    private String send(String campaign) {
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        Eventually.status(caller, campaign, "sent");
        return campaign;
    }
}
