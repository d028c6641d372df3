package io.crier.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A campaign another module creates ({@link Campaigns#create}): it sends its own message, a
 * template, or both, then any follow-ups, to lists. The caller has checked that the template and
 * the lists are the workspace's own. Null leaves a property as a new campaign has it.
 *
 * @param followUps sent after the campaign's own message, each its delay after the one before
 * @param startAt   when to start; null or past means at once
 * @param start     start it now (publish) rather than leave it a draft
 */
public record NewCampaign(String name, String fromEmail, String fromName, String replyTo, UUID templateId,
        String subject, String html, List<FollowUp> followUps, List<UUID> toLists, Instant startAt, boolean start) {

    public record FollowUp(String subject, String html, int delayDays) {
    }
}
