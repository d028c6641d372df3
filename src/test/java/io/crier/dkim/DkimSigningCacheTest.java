package io.crier.dkim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;
import io.micrometer.core.instrument.MeterRegistry;

/** Mail from ever new From domains keeps at most {@link DkimSigning#MAX_CACHED} signers in memory. */
@CrierApiTest
class DkimSigningCacheTest {

    @Autowired
    DkimSigning signing;

    @Autowired
    MeterRegistry meters;

    @Test
    void keepsAtMostItsCapOfSignersHoweverManyFromDomainsMailUses() {
        UUID workspace = UUID.randomUUID();
        byte[] message = "Subject: hello\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < DkimSigning.MAX_CACHED + 500; i++) {
            signing.sign(workspace, "news@d" + i + ".example.org", message);
        }

        Eventually.await("the signer cache back within its cap", Duration.ofSeconds(10),
                () -> meters.get("cache.size").tag("cache", DkimSigning.CACHE_NAME).gauge().value(),
                size -> size <= DkimSigning.MAX_CACHED);
    }
}
