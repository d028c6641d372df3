package io.crier.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A campaign another module creates ({@link Campaigns#create}): it sends a template to lists.
 * The caller has checked that the template and the lists are the workspace's own.
 *
 * @param startAt when to start; null or past means at once
 * @param start   start it now (publish) rather than leave it a draft
 */
public record NewCampaign(String name, String fromEmail, String fromName, String replyTo, UUID templateId,
        List<UUID> toLists, Instant startAt, boolean start) {
}
