package io.crier.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiContext;

/**
 * A request that waits for a row another transaction holds, until the database gives up, answers
 * 409 and changes nothing; once the row is free, the same request goes through. Runs on H2 only:
 * H2 gives up on a lock after 2 s, where PostgreSQL (no {@code lock_timeout} set) waits as long as
 * the lock is held, and reaches this answer only when it breaks a deadlock.
 */
@CrierApiContext
class LockWaitApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void aRequestThatGivesUpWaitingForARowAnswersConflictAndChangesNothing() throws Exception {
        Caller caller = Api.at(port).newWorkspace();
        String campaign = Audiences.campaign(caller, Map.of("subject", "Before"),
                Audiences.list(caller, List.of("reader@example.com")));
        String path = "/v1/campaigns/" + campaign;

        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select id from campaign where id = ? for update")) {
                lock.setObject(1, UUID.fromString(campaign));
                lock.executeQuery().close();
            }
            caller.patch(path, Map.of("subject", "During")).expectError(409, "CONFLICT");
            holder.rollback();
        }

        assertThat(caller.get(path).expect(200).data().path("subject").asString()).isEqualTo("Before");
        assertThat(caller.patch(path, Map.of("subject", "After")).expect(200).data().path("subject").asString())
                .isEqualTo("After");
    }
}
