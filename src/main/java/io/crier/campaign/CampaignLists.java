package io.crier.campaign;

import java.util.List;
import java.util.UUID;

/** The lists a campaign sends to and the lists whose members it leaves out. */
public record CampaignLists(List<UUID> included, List<UUID> excluded) {
}
