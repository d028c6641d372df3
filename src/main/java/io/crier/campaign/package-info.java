/**
 * Campaigns: what to send to which lists and when, and their lifecycle (draft, scheduled, sending,
 * paused, sent, aborted, failed, archived). Every lifecycle rule lives in
 * {@link io.crier.campaign.CampaignStateMachine}. Its counters change only through
 * {@link io.crier.campaign.CampaignCounters}, in the transaction of what they count.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaign")
package io.crier.campaign;
