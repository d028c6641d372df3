package io.crier.delivery.fence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A pause call closes its own node's gate at its change's control version and does not wait for
 * that node's watcher, which may be applying what it read before the change committed: what it
 * read then must not open the gate again, and what it reads afterwards (a resume) must.
 */
class CampaignGateTest {

    private final CampaignGate gate = new CampaignGate(() -> false);

    @Test
    void aGateClosedByAPauseStaysShutForAStateReadBeforeItsVersion() {
        gate.closeAt(7);

        gate.open(6);

        assertThat(gate.isOpen()).as("opened on a read made at version 6").isFalse();
    }

    @Test
    void aStateReadAtThePausesVersionOrLaterOpensIt() {
        gate.closeAt(7);
        gate.open(7);
        assertThat(gate.isOpen()).as("opened on a read made at version 7").isTrue();

        gate.closeAt(9);
        gate.closeAt(8);
        gate.open(8);
        assertThat(gate.isOpen()).as("an older pause does not lower the version: opened at 8 after one at 9").isFalse();
        gate.open(10);
        assertThat(gate.isOpen()).as("opened on a read made at version 10").isTrue();
    }
}
