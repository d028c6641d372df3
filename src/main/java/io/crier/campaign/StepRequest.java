package io.crier.campaign;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * One follow-up step in a campaign body. Its delay after the step before is the sum of
 * {@code delayDays}, {@code delayHours} and {@code delayMinutes} (each optional, 0 when absent).
 */
record StepRequest(
        @Size(max = 998) String subject,
        @Size(max = 500) String previewText,
        String html,
        String text,
        String templateId,
        @Min(0) @Max(CampaignSteps.MAX_DELAY_DAYS) Integer delayDays,
        @Min(0) @Max(CampaignSteps.MAX_DELAY_DAYS * 24) Integer delayHours,
        @Min(0) @Max(CampaignSteps.MAX_DELAY_DAYS * 24 * 60) Integer delayMinutes) {
}
