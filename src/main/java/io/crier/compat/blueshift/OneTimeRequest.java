package io.crier.compat.blueshift;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.crier.audience.EmailAddress;
import io.crier.shared.HeaderText;

/**
 * The body of {@code POST /api/v1/campaigns/one_time}, in Blueshift's own field names (so the
 * 400s name them as the client wrote them). Blueshift's other fields (author, enddate, tag_data,
 * journey_concurrency, seed lists, UTM and limit settings...) are accepted and ignored.
 *
 * @param startdate when to send; absent: now
 * @param launch    start sending at {@code startdate} (the default) or keep a draft
 */
record OneTimeRequest(
        @NotBlank @Size(max = 200) String name,
        Instant startdate,
        Boolean launch,
        @NotBlank String segment_uuid,
        @NotNull @Size(min = 1, max = 1, message = "must hold exactly one trigger") List<@NotNull @Valid Trigger> triggers) {

    /** The one email trigger: its template, and optionally its sender. */
    record Trigger(
            @NotBlank String template_uuid,
            @EmailAddress @Size(max = 320) String from_address,
            @Size(max = 200) @Pattern(regexp = HeaderText.ONE_LINE, message = HeaderText.NO_LINE_BREAKS) String from_name,
            @EmailAddress @Size(max = 320) String reply_to_address) {
    }

    boolean launches() {
        return launch == null || launch;
    }
}
