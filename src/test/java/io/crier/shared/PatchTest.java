package io.crier.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class PatchTest {

    @Test
    void aPropertyIsSetWhenTheBodyNamedItOrNulledAnEnclosingObject() {
        Patch<String> patch = new Patch<>("body", Set.of("name", "from", "gradual", "gradual.perHour"), Set.of("from"));

        assertThat(patch.has("name")).isTrue();
        assertThat(patch.has("from.email")).as("from: null clears everything in it").isTrue();
        assertThat(patch.has("gradual.perHour")).isTrue();
        assertThat(patch.has("gradual.emailsPerDay")).as("a partial object keeps what it leaves out").isFalse();
        assertThat(patch.has("subject")).isFalse();
        assertThat(patch.has("names")).isFalse();
    }

    @Test
    void pickTakesTheBodysValueOnlyWhereTheBodySetTheProperty() {
        Patch<String> patch = new Patch<>("body", Set.of("subject"), Set.of("subject"));

        assertThat(patch.pick("subject", null, "old")).isNull();
        assertThat(patch.pick("html", null, "<p>kept</p>")).isEqualTo("<p>kept</p>");
    }
}
