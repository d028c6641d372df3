package io.crier.suppression;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.crier.audience.PersonalData;
import io.crier.shared.Timestamps;

/**
 * The address's suppression entry, its own or the hash an earlier erasure left. Erasing replaces
 * the entry by the hash ({@link ErasedAddresses}), so the person is never mailed again.
 */
@Component
class SuppressionPersonalData implements PersonalData {

    private final SuppressionRepository repository;
    private final ErasedAddresses erased;
    private final Clock clock;

    SuppressionPersonalData(SuppressionRepository repository, ErasedAddresses erased, Clock clock) {
        this.repository = repository;
        this.erased = erased;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> export(UUID workspaceId, String email) {
        List<Suppression> entries = List.of(email, erased.entry(workspaceId, email)).stream()
                .flatMap(entry -> repository.list(workspaceId, null, entry, 0, 1).stream())
                .toList();
        return Map.of("suppressions", entries);
    }

    @Override
    public void erase(UUID workspaceId, String email) {
        repository.delete(workspaceId, email);
        repository.add(workspaceId, erased.entry(workspaceId, email), SuppressionReason.ERASED, null,
                Timestamps.now(clock));
    }
}
