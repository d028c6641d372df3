package io.crier.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;

import io.crier.campaign.CampaignStateMachine.Action;
import io.crier.campaign.CampaignStateMachine.Allow;
import io.crier.campaign.CampaignStateMachine.Decision;
import io.crier.campaign.CampaignStateMachine.Move;
import io.crier.campaign.CampaignStateMachine.NoOp;
import io.crier.campaign.CampaignStateMachine.Reject;

/**
 * The whole transition table, every (status × action) pair, for campaigns that are not archived
 * and for archived ones. Cells: a status name = moves there; {@code archived}/{@code unarchived} =
 * keeps its status and sets the flag; {@code noop} = already there (200, current state);
 * {@code paused-archived} = paused and archived in one move; {@code allow} = the edit, delete or enrolment may go ahead; {@code 422} = INVALID_STATE_TRANSITION;
 * {@code 400} = ONLY_DRAFT_CAMPAIGNS_CAN_BE_DELETED.
 *
 * <p>Both tables use an immediate campaign without a future {@code scheduledAt} that has started
 * sending unless it is a draft or scheduled; the tests after them cover how send mode, time and
 * having started change RESUME, DUE and RETRY.
 */
class CampaignStateMachineTest {

    private static final Instant NOW = Instant.parse("2026-03-15T14:30:00Z");

    private static final String ACTIVE = """
            status           SEND       PAUSE   RESUME   ABORT    COMPLETE  FAIL    ARCHIVE   UNARCHIVE  DELETE  EDIT   DUE      RETRY    ENROL    HOLD    STOP_AND_ARCHIVE
            draft            scheduled  noop    422      422      422       422     archived  noop       allow   allow  422      422      noop     noop    archived
            scheduled        noop       paused  noop     aborted  422       failed  422       noop       400     allow  sending  noop     allow    paused  paused-archived
            sending          noop       paused  noop     aborted  sent      failed  422       noop       400     422    noop     noop     allow    paused  paused-archived
            sending_gradual  noop       paused  noop     aborted  sent      failed  422       noop       400     422    noop     noop     allow    paused  paused-archived
            paused           422        noop    sending  aborted  422       422     422       noop       400     allow  422      noop     allow    noop    paused-archived
            sent             422        422     422      422      noop      422     archived  noop       400     422    422      sending  sending  paused  archived
            aborted          422        422     422      noop     422       422     archived  noop       400     422    422      422      422      422     archived
            failed           422        422     422      422      422       noop    archived  noop       400     422    422      422      422      422     archived
            """;

    private static final String ARCHIVED = """
            status           SEND  PAUSE  RESUME  ABORT  COMPLETE  FAIL  ARCHIVE  UNARCHIVE   DELETE  EDIT  DUE  RETRY  ENROL  HOLD  STOP_AND_ARCHIVE
            draft            422   422    422     422    422       422   noop     unarchived  allow   422   422  422    422    422   noop
            scheduled        422   422    422     422    422       422   noop     unarchived  400     422   422  422    422    422   noop
            sending          422   422    422     422    422       422   noop     unarchived  400     422   422  422    422    422   noop
            sending_gradual  422   422    422     422    422       422   noop     unarchived  400     422   422  422    422    422   noop
            paused           422   422    422     422    422       422   noop     unarchived  400     422   422  422    422    422   noop
            sent             422   422    422     422    422       422   noop     unarchived  400     422   422  422    422    422   noop
            aborted          422   422    422     422    422       422   noop     unarchived  400     422   422  422    422    422   noop
            failed           422   422    422     422    422       422   noop     unarchived  400     422   422  422    422    422   noop
            """;

    record Cell(boolean archived, CampaignStatus status, Action action, String expected) {

        @Override
        public String toString() {
            return (archived ? "archived " : "") + status.wire() + " × " + action + " → " + expected;
        }
    }

    static Stream<Cell> everyCell() {
        return Stream.concat(cells(ACTIVE, false).stream(), cells(ARCHIVED, true).stream());
    }

    @Test
    void bothTablesCoverEveryStatusAndEveryAction() {
        for (boolean archived : new boolean[] {false, true}) {
            List<Cell> cells = cells(archived ? ARCHIVED : ACTIVE, archived);
            assertThat(cells).hasSize(CampaignStatus.values().length * Action.values().length);
            for (CampaignStatus status : CampaignStatus.values()) {
                Set<Action> actions = EnumSet.noneOf(Action.class);
                cells.stream().filter(cell -> cell.status() == status).forEach(cell -> actions.add(cell.action()));
                assertThat(actions).as("actions of %s", status).containsExactlyInAnyOrder(Action.values());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCell")
    void transitionTable(Cell cell) {
        boolean started = cell.status() != CampaignStatus.DRAFT && cell.status() != CampaignStatus.SCHEDULED;
        CampaignState state = new CampaignState(cell.status(), cell.archived(), SendMode.IMMEDIATE, null, started);
        Decision decision = CampaignStateMachine.decide(state, cell.action(), NOW);

        switch (cell.expected()) {
            case "noop" -> assertThat(decision).isInstanceOf(NoOp.class);
            case "allow" -> assertThat(decision).isInstanceOf(Allow.class);
            case "archived" -> assertThat(decision).isEqualTo(new Move(cell.status(), true));
            case "unarchived" -> assertThat(decision).isEqualTo(new Move(cell.status(), false));
            case "paused-archived" -> assertThat(decision).isEqualTo(new Move(CampaignStatus.PAUSED, true));
            case "422" -> {
                Reject reject = (Reject) decision;
                assertThat(reject.error().status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                assertThat(reject.error().code()).isEqualTo("INVALID_STATE_TRANSITION");
                assertThat(reject.error().getMessage()).contains(cell.status().wire());
                if (cell.archived()) {
                    assertThat(reject.error().getMessage()).contains("archived");
                }
            }
            case "400" -> {
                Reject reject = (Reject) decision;
                assertThat(reject.error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(reject.error().code()).isEqualTo("ONLY_DRAFT_CAMPAIGNS_CAN_BE_DELETED");
                assertThat(reject.error().getMessage()).isEqualTo("Only draft campaigns can be deleted");
            }
            default -> assertThat(decision).isEqualTo(new Move(CampaignStatus.of(cell.expected()), false));
        }
    }

    @ParameterizedTest(name = "resume of a paused {0} campaign scheduled at {1}, started: {2} → {3}")
    @CsvSource({
            "immediate, ,                     true,  sending",
            "scheduled, 2026-03-15T14:00:00Z, true,  sending",
            "gradual,   ,                     true,  sending_gradual",
            "gradual,   2026-03-15T14:30:00Z, true,  sending_gradual",
            "scheduled, 2026-03-16T09:00:00Z, true,  sending",
            "immediate, 2026-03-16T09:00:00Z, false, scheduled",
            "scheduled, 2026-03-16T09:00:00Z, false, scheduled",
            "gradual,   2026-03-16T09:00:00Z, false, scheduled",
            "scheduled, 2026-03-15T14:00:00Z, false, scheduled"})
    void resumeGoesBackBySendModeOrToScheduledWhenItNeverStarted(String mode, Instant scheduledAt, boolean started,
            String expected) {
        CampaignState paused = new CampaignState(CampaignStatus.PAUSED, false, SendMode.of(mode), scheduledAt, started);

        assertThat(CampaignStateMachine.decide(paused, Action.RESUME, NOW))
                .isEqualTo(new Move(CampaignStatus.of(expected), false));
    }

    @ParameterizedTest(name = "retry-failed of a sent {0} campaign → {1}")
    @CsvSource({"immediate, sending", "scheduled, sending", "gradual, sending_gradual"})
    void retryFailedSendsASentCampaignAgainBySendMode(String mode, String expected) {
        CampaignState sent = new CampaignState(CampaignStatus.SENT, false, SendMode.of(mode), null, true);

        assertThat(CampaignStateMachine.decide(sent, Action.RETRY, NOW))
                .isEqualTo(new Move(CampaignStatus.of(expected), false));
    }

    @ParameterizedTest(name = "a due {0} campaign scheduled at {1} → {2}")
    @CsvSource({
            "immediate, 2026-03-15T14:30:00Z, sending",
            "scheduled, 2026-03-15T14:00:00Z, sending",
            "gradual,   2026-03-15T14:00:00Z, sending_gradual",
            "immediate, ,                     sending"})
    void aDueCampaignStartsSendingBySendMode(String mode, Instant scheduledAt, String expected) {
        CampaignState scheduled = new CampaignState(CampaignStatus.SCHEDULED, false, SendMode.of(mode), scheduledAt,
                false);

        assertThat(CampaignStateMachine.decide(scheduled, Action.DUE, NOW))
                .isEqualTo(new Move(CampaignStatus.of(expected), false));
    }

    @Test
    void aScheduledCampaignIsNotDueBeforeItsTime() {
        CampaignState scheduled = new CampaignState(CampaignStatus.SCHEDULED, false, SendMode.SCHEDULED,
                NOW.plusMillis(1), false);

        assertThat(CampaignStateMachine.decide(scheduled, Action.DUE, NOW)).isInstanceOf(NoOp.class);
    }

    private static List<Cell> cells(String table, boolean archived) {
        List<String> lines = table.lines().filter(line -> !line.isBlank()).toList();
        List<Action> actions = Arrays.stream(lines.getFirst().trim().split("\\s+")).skip(1).map(Action::valueOf).toList();
        List<Cell> cells = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.trim().split("\\s+");
            assertThat(columns).as("cells of row %s", line).hasSize(actions.size() + 1);
            CampaignStatus status = CampaignStatus.of(columns[0]);
            for (int i = 0; i < actions.size(); i++) {
                cells.add(new Cell(archived, status, actions.get(i), columns[i + 1]));
            }
        }
        return cells;
    }
}
