package io.crier.compat.leadterra;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.crier.compat.leadterra.CreateCampaignRequest.SequenceStep;

/** Leadterra's response bodies. Ids are Crier's campaign ids; times are ISO-8601 UTC. */
final class LeadterraJson {

    private LeadterraJson() {
    }

    /** A step as Leadterra shows it. */
    record Step(String subject, String bodyHtml, int delayDays) {

        static Step of(SequenceStep step) {
            return new Step(step.subject(), step.bodyHtml(), step.delay());
        }
    }

    /** The created campaign's fields. */
    record CampaignFields(UUID id, String name, String status, List<Step> sequenceSteps, Instant createdAt) {
    }

    /**
     * The create answer: the campaign's fields at the top level, as the API reference shows them,
     * and the same object under {@code campaign}, as the quickstart reads it.
     */
    record Created(UUID id, String name, String status, List<Step> sequenceSteps, Instant createdAt,
            CampaignFields campaign) {

        static Created of(CampaignFields fields) {
            return new Created(fields.id(), fields.name(), fields.status(), fields.sequenceSteps(),
                    fields.createdAt(), fields);
        }
    }

    record Started(UUID id, String status, Instant startedAt) {
    }

    record Paused(UUID id, String status, Instant pausedAt) {
    }

    /** The enrolment counts: {@code total} = {@code enrolled} + {@code updated}; suppressed leads are {@code skipped}. */
    record Enrolled(int enrolled, int updated, int total, int skipped) {
    }

    /** Rates are fractions from 0 to 1. */
    record Stats(UUID campaignId, long totalEnrolled, long sent, long delivered, long bounced, long replied,
            long queued, double openRate, double replyRate) {
    }
}
