package io.crier.compat.blueshift;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Blueshift's response bodies, field for field in its own names. A campaign is always a one-time
 * campaign; what Crier has no notion of (authors, end dates, tags, holdouts, priorities, event
 * triggers) is null or zero.
 */
final class BlueshiftJson {

    private BlueshiftJson() {
    }

    /** {@code {"campaign": {...}}}: create, {@code {uuid}.json} and {@code detail.json}. */
    record CampaignEnvelope(Object campaign) {
    }

    record Campaign(
            UUID uuid,
            String name,
            BlueshiftStatus status,
            boolean archived,
            String exec_term,
            Instant startdate,
            Instant enddate,
            Instant created_at,
            Instant updated_at,
            Instant next_execution_scheduled_at,
            boolean campaign_executing,
            UUID segment_uuid,
            String segment_name,
            UUID template_uuid,
            String author,
            String email,
            int holdout_percentage,
            String prioritization_label,
            String triggering_event_name,
            String journey_concurrency,
            String tag_data) {
    }

    /** A campaign with its counters: {@code detail.json}. */
    record CampaignDetail(@JsonUnwrapped Campaign campaign, Statistics statistics) {
    }

    /** {@code {"campaigns": [...]}}: the performance summary, each campaign with its statistics. */
    record CampaignSummaries(List<CampaignDetail> campaigns) {
    }

    record Statistics(long sends, long deliveries, long opens, long unique_opens, long clicks, long unique_clicks,
            long bounces, long unsubscribes, long spam_reports) {
    }

    /** The answer to launch and pause. */
    record StatusChange(UUID uuid, BlueshiftStatus status, Instant updated_at) {
    }

    record Archived(boolean archived) {
    }

    /** {@code {"success": true}}: update_schedule and test sends. */
    record Success(boolean success) {

        static final Success YES = new Success(true);
    }

    record Named(UUID uuid, String name) {
    }

    record BulkResult(List<Named> successful, List<String> no_change, List<String> blocked, List<String> failed) {
    }
}
