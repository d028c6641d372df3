package io.crier.delivery;

/** One claimed delivery on its way to a sender. */
record SendJob(ClaimedDelivery delivery, RunningCampaign campaign) {
}
