package io.crier.delivery.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;


class DevInboxTest {

    final UUID mine = UUID.randomUUID();
    final UUID theirs = UUID.randomUUID();

    @Test
    void keepsOnlyTheNewestMaxMessagesOfAllWorkspaces() {
        DevInbox inbox = new DevInbox(new CaptureProperties(0, 3));
        for (long id = 1; id <= 5; id++) {
            inbox.add(mail(id, id == 4 ? theirs : mine));
        }

        assertThat(inbox.list(mine)).extracting(CapturedMail::id).containsExactly(5L, 3L);
        assertThat(inbox.list(theirs)).extracting(CapturedMail::id).containsExactly(4L);
        assertThat(inbox.find(mine, 1)).isEmpty();
        assertThat(inbox.find(theirs, 5)).isEmpty();
        assertThat(inbox.clear(mine)).isEqualTo(2);
        assertThat(inbox.list(theirs)).hasSize(1);
    }

    private static CapturedMail mail(long id, UUID workspace) {
        return new CapturedMail(id, Instant.EPOCH.plusSeconds(id), "from@example.com", List.of("to@example.org"),
                new byte[0], workspace);
    }
}
