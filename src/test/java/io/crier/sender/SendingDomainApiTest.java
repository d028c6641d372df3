package io.crier.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.TestDnsServer;
import io.crier.support.TestKeys;

import tools.jackson.databind.JsonNode;

/** /v1/domains: the records to publish, checked against a real DNS server on loopback. */
@CrierApiTest
class SendingDomainApiTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDnsServer dns;

    @Test
    void aNewDomainAnswersItsRecordsWithAFreshDkimKey() {
        Caller caller = Api.at(port).newWorkspace();
        String domain = newDomain();

        JsonNode created = caller.post("/v1/domains", Map.of("domain", domain.toUpperCase())).expect(201).data();

        assertThat(created.path("domain").asString()).isEqualTo(domain);
        assertThat(created.path("status").asString()).isEqualTo("pending");
        assertThat(created.path("returnPath").asString()).isEqualTo("bounces." + domain);
        JsonNode dkim = record(created, "dkim");
        assertThat(dkim.path("name").asString()).isEqualTo("crier._domainkey." + domain);
        assertThat(dkim.path("value").asString()).matches("v=DKIM1; k=rsa; p=[A-Za-z0-9+/]{390,}={0,2}");
        assertThat(dkim.path("required").asBoolean()).isTrue();
        assertThat(dkim.path("check").asString()).isEqualTo("unchecked");
        assertThat(record(created, "spf").path("name").asString()).isEqualTo(domain);
        assertThat(record(created, "spf").path("value").asString()).startsWith("v=spf1 ");
        assertThat(record(created, "dmarc").path("name").asString()).isEqualTo("_dmarc." + domain);
        assertThat(record(created, "dmarc").path("required").asBoolean()).isFalse();
        // The key is the DKIM module's: mail from the domain is signed with it.
        JsonNode keys = caller.get("/v1/dkim-keys").expect(200).data().path("keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).path("dnsRecord").asString()).isEqualTo(dkim.path("value").asString());
        String id = created.path("id").asString();
        assertThat(caller.get("/v1/domains/" + id).expect(200).data()).isEqualTo(created);
        assertThat(caller.get("/v1/domains").expect(200).data().path("domains")).containsExactly(created);
        caller.post("/v1/domains", Map.of("domain", domain)).expectError(409, "CONFLICT");
        caller.delete("/v1/domains/" + id).expect(200);
        caller.get("/v1/domains/" + id).expectError(404, "DOMAIN_NOT_FOUND");
    }

    @Test
    void verificationSaysWhichRecordsPassAreMissingOrWrongThenVerifiesOncePublished() {
        Caller caller = Api.at(port).newWorkspace();
        String domain = newDomain();
        JsonNode created = caller.post("/v1/domains", Map.of("domain", domain)).expect(201).data();
        String id = created.path("id").asString();
        String dkimName = record(created, "dkim").path("name").asString();
        dns.txt(domain, "v=spf1 mx ~all");
        dns.txt(dkimName, "v=DKIM1; k=rsa; p=AAAAnotTheKey");

        JsonNode first = caller.post("/v1/domains/" + id + "/verify").expect(200).data();

        assertThat(first.path("status").asString()).isEqualTo("failed");
        assertThat(record(first, "spf").path("check").asString()).isEqualTo("pass");
        assertThat(record(first, "dkim").path("check").asString()).isEqualTo("wrong");
        assertThat(record(first, "dkim").path("found").get(0).asString()).isEqualTo("v=DKIM1; k=rsa; p=AAAAnotTheKey");
        assertThat(record(first, "dmarc").path("check").asString()).isEqualTo("missing");
        assertThat(first.path("reason").asString()).startsWith("dkim: ");

        dns.remove(dkimName);
        dns.txt(dkimName, record(created, "dkim").path("value").asString());
        JsonNode verified = caller.post("/v1/domains/" + id + "/verify").expect(200).data();

        assertThat(verified.path("status").asString()).isEqualTo("verified");
        assertThat(record(verified, "dkim").path("check").asString()).isEqualTo("pass");
        assertThat(verified.path("checkedAt").isString()).isTrue();
        assertThat(caller.get("/v1/domains/" + id).expect(200).data().path("status").asString())
                .isEqualTo("verified");
    }

    @Test
    void aDnsServerThatNeverAnswersGivesNotVerifiedYetWithTheReason() {
        Caller caller = Api.at(port).newWorkspace();
        String domain = newDomain();
        String id = caller.post("/v1/domains", Map.of("domain", domain)).expect(201).data().path("id").asString();
        dns.silence(domain);

        JsonNode answer = caller.post("/v1/domains/" + id + "/verify").expect(200).json();

        assertThat(answer.path("data").path("status").asString()).isEqualTo("pending");
        assertThat(record(answer.path("data"), "spf").path("check").asString()).isEqualTo("unknown");
        assertThat(answer.path("message").asString()).startsWith("Domain not verified yet: spf: no answer from");
    }

    @Test
    void aDomainAnotherWorkspaceVerifiedIsRefused() {
        Caller owner = Api.at(port).newWorkspace();
        Caller other = Api.at(port).newWorkspace();
        String domain = newDomain();
        String otherId = other.post("/v1/domains", Map.of("domain", domain)).expect(201).data().path("id").asString();
        publishAndVerify(owner, domain);

        // Its records name the owner's DKIM key, not the other workspace's.
        assertThat(other.post("/v1/domains/" + otherId + "/verify").expect(200).data().path("status").asString())
                .isEqualTo("failed");
        Caller third = Api.at(port).newWorkspace();
        third.post("/v1/domains", Map.of("domain", domain)).expectInvalidField("domain");
        third.post("/v1/domains", Map.of("domain", "not a domain")).expectInvalidField("domain");
        third.get("/v1/domains/" + otherId).expectError(404, "DOMAIN_NOT_FOUND");
    }

    @Test
    void aSecondWorkspaceWhoseRecordsAlsoPassCannotVerifyTheDomainWhileTheFirstHasIt() {
        Caller owner = Api.at(port).newWorkspace();
        Caller other = Api.at(port).newWorkspace();
        String domain = newDomain();
        String pem = TestKeys.rsa2048();
        // Both workspaces hold the same key for the domain, so the records pass for both.
        for (Caller caller : List.of(owner, other)) {
            caller.post("/v1/dkim-keys", Map.of("domain", domain, "selector", "crier", "privateKey", pem))
                    .expect(201);
        }
        String otherId = other.post("/v1/domains", Map.of("domain", domain)).expect(201).data().path("id").asString();
        publishAndVerify(owner, domain);

        other.post("/v1/domains/" + otherId + "/verify").expectError(409, "CONFLICT");
        assertThat(other.get("/v1/domains/" + otherId).expect(200).data().path("status").asString())
                .isNotEqualTo("verified");
    }

    @Test
    void readingADomainWhoseKeyWasDeletedMakesNoKeyAndVerifyingMakesANewOne() {
        Caller caller = Api.at(port).newWorkspace();
        JsonNode created = caller.post("/v1/domains", Map.of("domain", newDomain())).expect(201).data();
        String id = created.path("id").asString();
        String keyId = caller.get("/v1/dkim-keys").expect(200).data().path("keys").get(0).path("id").asString();
        caller.delete("/v1/dkim-keys/" + keyId).expect(200);

        assertThat(record(caller.get("/v1/domains/" + id).expect(200).data(), "dkim").path("value").isNull()).isTrue();
        assertThat(caller.get("/v1/dkim-keys").expect(200).data().path("keys")).isEmpty();

        JsonNode verified = caller.post("/v1/domains/" + id + "/verify").expect(200).data();
        String newKey = record(verified, "dkim").path("value").asString();
        assertThat(newKey).startsWith("v=DKIM1; k=rsa; p=")
                .isNotEqualTo(record(created, "dkim").path("value").asString());
        assertThat(caller.get("/v1/dkim-keys").expect(200).data().path("keys").get(0).path("dnsRecord").asString())
                .isEqualTo(newKey);
    }

    /** Adds the domain to the caller's workspace, serves its records and verifies it; its id. */
    String publishAndVerify(Caller caller, String domain) {
        JsonNode created = caller.post("/v1/domains", Map.of("domain", domain)).expect(201).data();
        dns.txt(domain, record(created, "spf").path("value").asString());
        dns.txt(record(created, "dkim").path("name").asString(), record(created, "dkim").path("value").asString());
        String id = created.path("id").asString();
        assertThat(caller.post("/v1/domains/" + id + "/verify").expect(200).data().path("status").asString())
                .isEqualTo("verified");
        return id;
    }

    static String newDomain() {
        return "d" + UUID.randomUUID().toString().substring(0, 8) + ".example.net";
    }

    static JsonNode record(JsonNode domain, String purpose) {
        return domain.path("records").valueStream().filter(r -> r.path("purpose").asString().equals(purpose))
                .findFirst().orElseThrow();
    }
}
