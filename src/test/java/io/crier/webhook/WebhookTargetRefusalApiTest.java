package io.crier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.Reply;
import io.crier.support.VerifyingRelayTest;

/**
 * As in a default installation ({@code crier.webhooks.allow-private-targets} off), webhooks must not
 * point at internal addresses. It runs in the {@link VerifyingRelayTest} context, which keeps that
 * default; the API tests' shared context allows loopback for the receivers its tests listen on.
 */
@VerifyingRelayTest
class WebhookTargetRefusalApiTest {

    @LocalServerPort
    int port;

    @Test
    void loopbackPrivateLinkLocalAndOtherInternalTargetsAreRefused() {
        Caller caller = Api.at(port).newWorkspace();
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook",
                "http://172.16.5.4/hook", "http://192.168.1.10/hook", "http://169.254.169.254/latest/meta-data",
                "http://100.64.0.1/hook", "http://0.0.0.0/hook", "http://[::1]/hook", "http://[fd00::1]/hook",
                "http://[fe80::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://2130706433/hook")) {
            Reply refused = caller.post("/v1/webhooks", Map.of("url", url, "events", List.of("delivery.sent")))
                    .expectInvalidField("url");
            assertThat(refused.body()).as(url).contains("internal address")
                    .contains("crier.webhooks.allow-private-targets");
        }
        assertThat(caller.get("/v1/webhooks").expect(200).data().path("webhooks").isEmpty()).isTrue();
    }
}
