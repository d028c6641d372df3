package io.crier.compat.leadterra;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /campaigns}, in Leadterra's field names (so the 400s name them as the
 * client wrote them). Other fields are accepted and ignored.
 *
 * @param sequenceSteps the steps in order; may be empty for a draft (start then answers
 *                      {@code no_sequence_steps})
 * @param senderPoolId  the sender pool (GET /sender-pools) the campaign's mail goes through; none:
 *                      the pool its sender's domain, or its workspace, is routed to (a Crier extension)
 */
record CreateCampaignRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 51, message = "holds at most 51 steps") List<@NotNull @Valid SequenceStep> sequenceSteps,
        @Size(max = 200) String senderPoolId) {

    /**
     * One step: sent {@code delayDays} after the step before it was sent to the lead. The first
     * step goes out when the campaign starts or the lead is enrolled, so its delay must be 0.
     */
    record SequenceStep(
            @NotBlank @Size(max = 998) String subject,
            @NotBlank String bodyHtml,
            @Min(0) @Max(365) Integer delayDays) {

        int delay() {
            return delayDays == null ? 0 : delayDays;
        }
    }

    List<SequenceStep> steps() {
        return sequenceSteps == null ? List.of() : sequenceSteps;
    }
}
