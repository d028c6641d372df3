package io.crier.campaign;

import io.crier.access.ApiPrincipal;
import io.crier.access.Scope;

/**
 * When a call on campaigns needs the {@code send} scope beyond what its path asks for: when it
 * starts sending, changes what a campaign that is no longer a draft sends or to whom, or mails
 * contacts enrolled into a campaign that has started. The path rules of every API give
 * {@code send} to the verbs that only move a campaign (send, pause, launch...); the calls that
 * carry a body (create, update, enrol) can do either, so the services decide here, for the native
 * API and every dialect alike.
 */
final class SendScope {

    private SendScope() {
    }

    static void toStart(ApiPrincipal caller) {
        caller.require(Scope.SEND, "to start sending the campaign");
    }

    /** A draft is the caller's own to edit; once scheduled, someone with {@code send} approved what it sends. */
    static void toEdit(ApiPrincipal caller, Campaign campaign) {
        if (campaign.status() != CampaignStatus.DRAFT) {
            caller.require(Scope.SEND, "to change a campaign that is " + campaign.status().wire());
        }
    }

    /** Contacts enrolled into a campaign that has started are mailed at once; before, they only join its audience. */
    static void toEnrol(ApiPrincipal caller, Campaign campaign) {
        if (campaign.startedAt() != null) {
            caller.require(Scope.SEND, "to enrol contacts into a campaign that has started, which mails them");
        }
    }
}
