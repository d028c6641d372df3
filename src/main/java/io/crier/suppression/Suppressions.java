package io.crier.suppression;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.audience.EmailAddresses;
import io.crier.shared.ApiException;
import io.crier.shared.FieldProblem;
import io.crier.shared.Timestamps;

/** What other modules may ask of the suppression list. */
@Service
public class Suppressions {

    private final SuppressionRepository repository;
    private final ErasedAddresses erased;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Suppressions(SuppressionRepository repository, ErasedAddresses erased, ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.erased = erased;
        this.events = events;
        this.clock = clock;
    }

    /** Which of these (stored-form) addresses the workspace suppresses, themselves or as erased contacts. */
    public Set<String> suppressed(UUID workspaceId, Collection<String> emails) {
        Set<String> suppressed = new HashSet<>(repository.suppressed(workspaceId, emails));
        suppressed.addAll(erasedAmong(workspaceId, emails));
        return suppressed;
    }

    /**
     * Which of these addresses the workspace suppresses for good: hard bounces and spam
     * complaints, which no call may bypass, as mail would only bounce again or be reported again,
     * at the cost of the sender's reputation; and erased contacts, who asked to be forgotten.
     */
    public Set<String> suppressedForGood(UUID workspaceId, Collection<String> emails) {
        Set<String> suppressed = new HashSet<>(repository.suppressed(workspaceId, emails,
                EnumSet.of(SuppressionReason.BOUNCED, SuppressionReason.COMPLAINED)));
        suppressed.addAll(erasedAmong(workspaceId, emails));
        return suppressed;
    }

    /** The workspace's erasure key, which a statement with {@link SuppressionSql#isSuppressed} binds. */
    public String erasureKey(UUID workspaceId) {
        return erased.key(workspaceId);
    }

    private Set<String> erasedAmong(UUID workspaceId, Collection<String> emails) {
        String key = erased.key(workspaceId);
        Map<String, String> byEntry = new HashMap<>();
        emails.forEach(email -> byEntry.put(ErasedAddresses.entry(key, email), email));
        return repository.suppressed(workspaceId, byEntry.keySet()).stream().map(byEntry::get)
                .collect(Collectors.toSet());
    }

    /** An address its relay rejected for good, with the relay's reply. */
    public record HardBounce(UUID workspaceId, String email, String reply) {
    }

    /**
     * Adds hard-bounced addresses (kept if already there, or added by a request at the same
     * moment), in the caller's transaction: the engine records the bounce and withdraws the
     * address's waiting mail in that same transaction, so no {@link AddressesSuppressed} is sent.
     */
    public void addHardBounces(List<HardBounce> bounces, Instant now) {
        repository.addBounced(bounces, now);
    }

    /**
     * Adds one (stored-form) address for what a receiver reported after a message left (a hard
     * bounce, a complaint, repeated soft bounces), and withdraws its waiting mail like any other
     * addition; false, changing nothing, when the address is suppressed already.
     */
    @Transactional
    public boolean suppress(UUID workspaceId, String email, SuppressionReason reason, String detail) {
        return add(workspaceId, List.of(email), reason, detail).added() == 1;
    }

    /**
     * Adds the addresses of a request (native or a dialect's): a 400 naming each field that holds
     * no address, or the reason {@code erased}; those already suppressed keep the reason they have.
     */
    @Transactional
    public AddSuppressions.Added add(UUID workspaceId, AddSuppressions request) {
        if (request.reason() == SuppressionReason.ERASED) {
            // Only erasing a contact makes one: its entry is a hash, never an address.
            throw ApiException.invalid("reason", "erased is set by DELETE /v1/contacts/{id}?erase=true");
        }
        return add(workspaceId, addresses(request), request.reason(), request.detail());
    }

    /**
     * Adds the (stored-form) addresses not suppressed already, and tells the engine to withdraw the
     * mail still waiting for them ({@link AddressesSuppressed}).
     */
    @Transactional
    AddSuppressions.Added add(UUID workspaceId, Collection<String> emails, SuppressionReason reason, String detail) {
        Instant now = Timestamps.now(clock);
        List<String> added = emails.stream()
                .filter(email -> repository.add(workspaceId, email, reason, detail, now))
                .toList();
        if (!added.isEmpty()) {
            events.publishEvent(new AddressesSuppressed(workspaceId, added, reason));
        }
        return new AddSuppressions.Added(added.size(), emails.size() - added.size());
    }

    /** The addresses of the request in their stored form; every one that is no address is a problem. */
    private static Set<String> addresses(AddSuppressions request) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> addresses = new LinkedHashSet<>();
        if (request.email() != null) {
            EmailAddresses.normalize(request.email()).ifPresentOrElse(addresses::add,
                    () -> problems.add(new FieldProblem("email", "is not a valid email address")));
        }
        for (int i = 0; i < request.emails().size(); i++) {
            int index = i;
            EmailAddresses.normalize(request.emails().get(i)).ifPresentOrElse(addresses::add,
                    () -> problems.add(new FieldProblem("emails[" + index + "]", "is not a valid email address")));
        }
        if (request.email() == null && request.emails().isEmpty()) {
            problems.add(new FieldProblem("emails", "needs at least one address (or give email)"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return addresses;
    }
}
