package io.crier.campaign;

import java.util.UUID;

/** A campaign's id with its workspace, which every campaign lookup is scoped by. */
public record CampaignRef(UUID id, UUID workspaceId) {
}
