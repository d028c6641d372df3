package io.crier.suppression;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.shared.Timestamps;

/** What other modules may ask of the suppression list. */
@Service
public class Suppressions {

    private final SuppressionRepository repository;
    private final Clock clock;

    Suppressions(SuppressionRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Which of these (stored-form) addresses the workspace suppresses. */
    public Set<String> suppressed(UUID workspaceId, Collection<String> emails) {
        return repository.suppressed(workspaceId, emails);
    }

    @Transactional
    AddSuppressions.Added add(UUID workspaceId, Collection<String> emails, SuppressionReason reason, String detail) {
        Instant now = Timestamps.now(clock);
        int added = 0;
        for (String email : emails) {
            if (repository.add(workspaceId, email, reason, detail, now)) {
                added++;
            }
        }
        return new AddSuppressions.Added(added, emails.size() - added);
    }
}
