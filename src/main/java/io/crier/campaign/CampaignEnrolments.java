package io.crier.campaign;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.crier.access.ApiPrincipal;

/**
 * Enrols contacts into a campaign, for the dialects whose campaigns take new recipients while
 * they run (Leadterra's "leads added to a running campaign start at step 1"). The caller first
 * puts the contacts in the campaign's audience (one of its lists): a campaign that has not started
 * takes them with its audience when it starts. One that has started gets their first step queued
 * at once, exactly once per contact however often they are enrolled: a contact already in the
 * campaign keeps its place in the sequence. A sent campaign goes back to sending for them.
 *
 * <p>Every enrolment moves the campaign's version, so a start or a completion racing with it is
 * decided again on the campaign as the enrolment left it: a start then takes the new contacts
 * with its audience, and a completion sees their queued steps.
 */
@Service
public class CampaignEnrolments {

    /**
     * What an enrolment did: how many first steps it queued now, and which of the contacts are
     * suppressed (in the audience, but never mailed).
     */
    public record Enrolment(int queued, Set<UUID> suppressed) {
    }

    private final CampaignLifecycle lifecycle;
    private final LateEnrolments late;

    CampaignEnrolments(CampaignLifecycle lifecycle, LateEnrolments late) {
        this.lifecycle = lifecycle;
        this.late = late;
    }

    /**
     * The check {@link #enrol} makes, for a caller that changes the audience first: a 403 without
     * the {@code send} scope if the campaign has started (404 if it is no campaign of the caller's).
     */
    public void checkMayEnrol(ApiPrincipal caller, String campaignId) {
        SendScope.toEnrol(caller, lifecycle.load(caller.workspaceId(), campaignId));
    }

    /**
     * Enrols these contacts (ids of the caller's contacts, already in the campaign's audience).
     * A 404 for a campaign of another workspace, a 422 for an aborted, failed or archived one, a
     * 403 without the {@code send} scope for one that has started.
     */
    public Enrolment enrol(ApiPrincipal caller, String campaignId, Collection<UUID> contactIds) {
        int queued = lifecycle.enrol(caller, campaignId, contactIds);
        return new Enrolment(queued, late.suppressed(caller.workspaceId(), contactIds));
    }
}
