package io.crier.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.PrivateKey;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.TestKeys;

import tools.jackson.databind.JsonNode;

/** /v1/dkim-keys: keys given or generated per sending domain, shown only by their public DNS record. */
@CrierApiTest
class DkimKeyApiTest {

    @LocalServerPort
    int port;

    @Test
    void aGeneratedKeyIsShownByItsDnsRecordAndNeverByItsPrivateHalf() {
        Caller caller = Api.at(port).newWorkspace();

        JsonNode key = caller.post("/v1/dkim-keys", Map.of("domain", "Mail.Example.ORG", "selector", "Crier1"))
                .expect(201).data();

        assertThat(key.path("domain").asString()).isEqualTo("mail.example.org");
        assertThat(key.path("selector").asString()).isEqualTo("crier1");
        assertThat(key.path("dnsName").asString()).isEqualTo("crier1._domainkey.mail.example.org");
        assertThat(key.path("dnsRecord").asString()).matches("v=DKIM1; k=rsa; p=[A-Za-z0-9+/]{390,}={0,2}");
        assertThat(key.path("bits").asInt()).isEqualTo(2048);
        assertThat(key.path("source").asString()).isEqualTo("api");
        String id = key.path("id").asString();
        JsonNode listed = caller.get("/v1/dkim-keys").expect(200).data().path("keys");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0)).isEqualTo(key);
        assertThat(caller.get("/v1/dkim-keys/" + id).expect(200).data()).isEqualTo(key);
        assertThat(caller.get("/v1/dkim-keys").expect(200).body()).doesNotContain("PRIVATE", "privateKey");

        caller.post("/v1/dkim-keys", Map.of("domain", "mail.example.org", "selector", "crier2"))
                .expectError(409, "CONFLICT");
        caller.delete("/v1/dkim-keys/" + id).expect(200);
        caller.get("/v1/dkim-keys/" + id).expectError(404, "DKIM_KEY_NOT_FOUND");
        assertThat(caller.get("/v1/dkim-keys").expect(200).data().path("keys")).isEmpty();
    }

    @Test
    void aWorkspaceKeepsAtMostItsCapOfKeysAndGeneratesNoneBeyondIt() {
        Caller caller = Api.at(port).fromAnAddressOfItsOwn().newWorkspace();
        String pem = TestKeys.rsa2048();
        for (int i = 0; i < DkimKeys.MAX_PER_WORKSPACE; i++) {
            caller.post("/v1/dkim-keys", Map.of("domain", "d" + i + ".example.org", "selector", "s",
                    "privateKey", pem)).expect(201);
        }

        caller.post("/v1/dkim-keys", Map.of("domain", "one-more.example.org", "selector", "s"))
                .expectError(409, "CONFLICT");
        JsonNode keys = caller.get("/v1/dkim-keys").expect(200).data().path("keys");
        assertThat(keys).hasSize(DkimKeys.MAX_PER_WORKSPACE);
        caller.delete("/v1/dkim-keys/" + keys.get(0).path("id").asString()).expect(200);
        caller.post("/v1/dkim-keys", Map.of("domain", "one-more.example.org", "selector", "s", "privateKey", pem))
                .expect(201);
    }

    @Test
    void aGivenKeyIsReadFromPkcs8OrPkcs1PemAndPublishedWithItsOwnPublicHalf() {
        Caller caller = Api.at(port).newWorkspace();
        PrivateKey rsa = TestKeys.generate("RSA", 1024);
        String expectedRecord = RsaKeys.dnsRecord(RsaKeys.read(TestKeys.pem(rsa)));

        JsonNode pkcs8 = caller.post("/v1/dkim-keys", Map.of("domain", "a.example.org", "selector", "s1",
                "privateKey", TestKeys.pem(rsa))).expect(201).data();
        JsonNode pkcs1 = caller.post("/v1/dkim-keys", Map.of("domain", "b.example.org", "selector", "s1",
                "privateKey", TestKeys.pkcs1Pem(rsa))).expect(201).data();

        assertThat(pkcs8.path("dnsRecord").asString()).isEqualTo(expectedRecord);
        assertThat(pkcs1.path("dnsRecord").asString()).isEqualTo(expectedRecord);
        assertThat(pkcs1.path("bits").asInt()).isEqualTo(1024);
        assertThat(caller.post("/v1/dkim-keys", Map.of("domain", "Bücher.example", "selector", "s1",
                "privateKey", TestKeys.pem(rsa))).expect(201).data().path("dnsName").asString())
                .isEqualTo("s1._domainkey.xn--bcher-kva.example");
    }

    @Test
    void keysThatCannotSignAndNamesThatAreNoDnsNamesAreRefusedNamingTheField() {
        Caller caller = Api.at(port).newWorkspace();
        String pem = TestKeys.rsa2048();

        assertThat(refused(caller, "example.org", "s1", "not a key")).contains("PEM");
        assertThat(refused(caller, "example.org", "s1", pem.replace("MII", "M!I"))).contains("PEM");
        assertThat(refused(caller, "example.org", "s1", TestKeys.pem(TestKeys.generate("EC", 256))))
                .contains("EC key", "RSA");
        assertThat(refused(caller, "example.org", "s1", TestKeys.pem(TestKeys.generate("RSA", 512))))
                .contains("512 bits", "1024");
        assertThat(refused(caller, "example.org", "s1", pem.replace("PRIVATE KEY", "PUBLIC KEY")))
                .contains("public key");
        caller.post("/v1/dkim-keys", Map.of("domain", "not a domain", "selector", "s1", "privateKey", pem))
                .expectInvalidField("domain");
        caller.post("/v1/dkim-keys", Map.of("domain", "example.org", "selector", "_bad", "privateKey", pem))
                .expectInvalidField("selector");
        caller.post("/v1/dkim-keys", Map.of("selector", "s1")).expectInvalidField("domain");
        assertThat(caller.get("/v1/dkim-keys").expect(200).data().path("keys")).isEmpty();
    }

    @Test
    void onlyAdminKeysChangeKeysAndEachWorkspaceSeesOnlyItsOwn() {
        Api api = Api.at(port);
        Caller caller = api.newWorkspace();
        Caller other = api.newWorkspace();
        Caller writer = caller.withKey(caller.post("/v1/api-keys", Map.of("name", "writer", "scopes",
                List.of("read", "write", "send"))).expect(201).data().path("key").asString());
        writer.post("/v1/dkim-keys", Map.of("domain", "example.org", "selector", "s1")).expectError(403, "FORBIDDEN");
        String id = caller.post("/v1/dkim-keys", Map.of("domain", "example.org", "selector", "s1",
                "privateKey", TestKeys.rsa2048())).expect(201).data().path("id").asString();
        writer.get("/v1/dkim-keys/" + id).expect(200);
        writer.delete("/v1/dkim-keys/" + id).expectError(403, "FORBIDDEN");

        assertThat(other.get("/v1/dkim-keys").expect(200).data().path("keys")).isEmpty();
        other.get("/v1/dkim-keys/" + id).expectError(404, "DKIM_KEY_NOT_FOUND");
        other.delete("/v1/dkim-keys/" + id).expectError(404, "DKIM_KEY_NOT_FOUND");
        // The same domain may have a key in every workspace.
        other.post("/v1/dkim-keys", Map.of("domain", "example.org", "selector", "s2",
                "privateKey", TestKeys.rsa2048())).expect(201);
        caller.get("/v1/dkim-keys/" + id).expect(200);
    }

    private static String refused(Caller caller, String domain, String selector, String privateKey) {
        return caller.post("/v1/dkim-keys", Map.of("domain", domain, "selector", selector, "privateKey", privateKey))
                .expectInvalidField("privateKey").error().path("details").get(0).path("message").asString();
    }
}
