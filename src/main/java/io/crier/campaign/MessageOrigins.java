package io.crier.campaign;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.crier.content.MessageContent;
import io.crier.content.Templates;

/**
 * What a campaign's messages say of themselves before personalization: the sender, the subject and
 * the template of one step. Events told about a message in AutoSend's format carry them.
 */
@Service
public class MessageOrigins {

    /** One step's sender address, subject (its own, else its template's) and template (null: none). */
    public record Origin(String from, String subject, UUID templateId) {
    }

    private final CampaignRepository repository;
    private final Templates templates;

    MessageOrigins(CampaignRepository repository, Templates templates) {
        this.repository = repository;
        this.templates = templates;
    }

    /** The step's origin, for any campaign of the workspace, transactional ones too; empty for none. */
    public Optional<Origin> of(UUID workspaceId, UUID campaignId, int step) {
        return repository.findAnyKind(workspaceId, campaignId).flatMap(campaign -> {
            CampaignSettings settings = campaign.settings();
            boolean followUp = step > 0 && step <= settings.steps().size();
            String subject = followUp ? settings.steps().get(step - 1).subject() : settings.subject();
            UUID templateId = followUp ? settings.steps().get(step - 1).templateId() : settings.templateId();
            String resolved = templates.content(workspaceId, templateId,
                    new MessageContent(null, null, null, subject, null, null, null))
                    .map(MessageContent::subject).orElse(subject);
            return Optional.of(new Origin(settings.from().email(), resolved, templateId));
        });
    }
}
