package io.crier.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.crier.shared.WireValue;

/**
 * The {@code allowedActions} of a campaign's view for every status, as the state machine decides
 * them: one row per status, then the actions of a campaign that is not archived, of one that is
 * not archived but has failed deliveries, and of an archived one, each in the order the API lists
 * them.
 */
class CampaignAllowedActionsTest {

    private static final Instant NOW = Instant.parse("2026-03-15T14:30:00Z");

    private static final String TABLE = """
            draft           | send archive duplicate update delete | send archive duplicate update delete | unarchive duplicate delete
            scheduled       | pause abort duplicate update | pause abort retry-failed duplicate update | unarchive duplicate
            sending         | pause abort duplicate | pause abort retry-failed duplicate | unarchive duplicate
            sending_gradual | pause abort duplicate | pause abort retry-failed duplicate | unarchive duplicate
            paused          | resume abort duplicate update | resume abort retry-failed duplicate update | unarchive duplicate
            sent            | archive duplicate | retry-failed archive duplicate | unarchive duplicate
            aborted         | archive duplicate | archive duplicate | unarchive duplicate
            failed          | archive duplicate | archive duplicate | unarchive duplicate
            """;

    record Row(CampaignStatus status, List<String> active, List<String> withFailures, List<String> archived) {

        @Override
        public String toString() {
            return status.wire();
        }
    }

    static Stream<Row> rows() {
        return TABLE.lines().map(line -> line.split("\\|")).map(cells -> new Row(
                WireValue.parse(CampaignStatus.class, cells[0].strip()), words(cells[1]), words(cells[2]),
                words(cells[3])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachStatusAllowsWhatTheStateMachineLetsThrough(Row row) {
        assertThat(wires(allowed(row.status(), false, false))).as("active").isEqualTo(row.active());
        assertThat(wires(allowed(row.status(), false, true))).as("with failed deliveries")
                .isEqualTo(row.withFailures());
        assertThat(wires(allowed(row.status(), true, true))).as("archived").isEqualTo(row.archived());
    }

    @Test
    void theTableCoversEveryStatusOnce() {
        assertThat(rows().map(Row::status)).containsExactlyInAnyOrder(CampaignStatus.values());
    }

    /** A campaign that has started sending unless it is a draft or scheduled, as in the transition table. */
    private static List<CampaignAction> allowed(CampaignStatus status, boolean archived, boolean failedDeliveries) {
        boolean started = status != CampaignStatus.DRAFT && status != CampaignStatus.SCHEDULED;
        return CampaignStateMachine.allowedActions(new CampaignState(status, archived, SendMode.IMMEDIATE, null,
                started), failedDeliveries, NOW);
    }

    private static List<String> wires(List<CampaignAction> actions) {
        return actions.stream().map(CampaignAction::wire).toList();
    }

    private static List<String> words(String cell) {
        return Arrays.asList(cell.strip().split(" +"));
    }
}
