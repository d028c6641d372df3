package io.crier.campaign;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.crier.audience.ListDeleting;
import io.crier.content.TemplateDeleting;
import io.crier.sender.SenderDeleting;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;


/**
 * A campaign that is scheduled, sending or paused sends what was approved when it started (with
 * the {@code send} scope), to the lists it names. Deleting one of those lists or its template
 * (or the sender whose address it sends From) would change that, and leave a campaign that has not taken its audience yet with none, so it
 * is refused (409) for every caller: abort the campaign, or change its lists or template first.
 */
@Component
class CampaignsUnderWay {

    private static final Set<CampaignStatus> UNDER_WAY = EnumSet.of(CampaignStatus.SCHEDULED,
            CampaignStatus.SENDING, CampaignStatus.SENDING_GRADUAL, CampaignStatus.PAUSED);

    private final CampaignRepository repository;

    CampaignsUnderWay(CampaignRepository repository) {
        this.repository = repository;
    }

    @EventListener
    void keepTheirLists(ListDeleting deleting) {
        refuseIfUsed("list", repository.usingList(deleting.workspaceId(), deleting.listId(), UNDER_WAY));
    }

    /** A sender is in use by the campaigns under way that send From its address. */
    @EventListener
    void keepTheirSenders(SenderDeleting deleting) {
        refuseIfUsed("sender", repository.sendingFrom(deleting.workspaceId(), deleting.email(), UNDER_WAY));
    }

    @EventListener
    void keepTheirTemplates(TemplateDeleting deleting) {
        refuseIfUsed("template", repository.usingTemplate(deleting.workspaceId(), deleting.templateId(), UNDER_WAY));
    }

    private static void refuseIfUsed(String what, List<String> campaigns) {
        if (!campaigns.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, "The " + what + " is used by "
                    + campaigns.size() + " campaign(s) that are scheduled, sending or paused (" + String.join(", ",
                    campaigns.subList(0, Math.min(3, campaigns.size()))) + "): abort them or change their " + what
                    + " first");
        }
    }
}
