package io.crier.delivery.engine;

import io.crier.campaign.LaunchedCampaign;

/** One claimed delivery on its way to a sender. */
record SendJob(ClaimedDelivery delivery, LaunchedCampaign campaign) {
}
