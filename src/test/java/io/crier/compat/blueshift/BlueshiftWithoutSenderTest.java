package io.crier.compat.blueshift;

import static io.crier.compat.blueshift.BlueshiftApiTest.expectMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;

/** A context with no default Blueshift sender: a one_time campaign must then name its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crier.bootstrap-api-key=" + Api.BOOTSTRAP_KEY,
        "crier.data-dir=target/test-data/${random.uuid}",
        "crier.blueshift.from-address=",
        "crier.blueshift.from-name="})
class BlueshiftWithoutSenderTest {

    @LocalServerPort
    int port;

    @Test
    void aTriggerWithoutFromAddressIsRefusedWhenNoDefaultSenderIsConfigured() {
        Caller crier = Api.at(port).newWorkspace();
        String template = crier.post("/v1/templates", "{\"name\": \"T\", \"subject\": \"S\", \"html\": \"<p>H</p>\"}")
                .expect(201).data().path("id").asString();
        String segment = Audiences.list(crier, List.of("nobody@example.org"));
        Map<String, Object> body = Map.of("name", "No sender", "launch", false, "segment_uuid", segment,
                "triggers", List.of(Map.of("template_uuid", template)));

        expectMessage(crier.basic().post("/blueshift/api/v1/campaigns/one_time", body), 400,
                "triggers[0].from_address ");
        assertThat(crier.get("/v1/campaigns").expect(200).data().path("pagination").path("total").asInt()).isZero();

        String uuid = crier.basic().post("/blueshift/api/v1/campaigns/one_time", Map.of("name", "Own sender",
                "launch", false, "segment_uuid", segment, "triggers", List.of(Map.of("template_uuid", template,
                        "from_address", "own@crier.test")))).expect(200).json().path("campaign").path("uuid").asString();
        assertThat(crier.get("/v1/campaigns/" + uuid).expect(200).data().path("from").path("email").asString())
                .isEqualTo("own@crier.test");
    }
}
