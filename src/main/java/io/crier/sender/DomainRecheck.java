package io.crier.sender;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.crier.sender.DomainRepository.StoredDomain;
import io.crier.shared.BackgroundLoop;
import io.crier.shared.Timestamps;

/**
 * Checks every verified domain again once a day, so a domain whose records were removed or changed
 * stops being verified. The clock decides what is due (a test moves it); each domain's check is
 * claimed by moving its {@code checked_at}, so of several nodes only one checks it.
 */
@Component
class DomainRecheck extends BackgroundLoop {

    static final Duration EVERY = Duration.ofDays(1);
    /** How often the clock is looked at: a test's clock may jump a day at once. */
    private static final Duration LOOK_EVERY = Duration.ofSeconds(1);
    private static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(DomainRecheck.class);

    private final DomainRepository repository;
    private final SendingDomains domains;
    private final Clock clock;

    DomainRecheck(DomainRepository repository, SendingDomains domains, Clock clock) {
        super("crier-domain-recheck", LOOK_EVERY);
        this.repository = repository;
        this.domains = domains;
        this.clock = clock;
    }

    @Override
    protected void step() {
        recheckDue();
    }

    @Override
    protected String roundName() {
        return "Checking verified sending domains again";
    }

    /** Checks the verified domains last checked a day or more ago; how many it checked. */
    int recheckDue() {
        int checked = 0;
        Instant now = Timestamps.now(clock);
        for (StoredDomain domain : repository.verifiedCheckedBefore(now.minus(EVERY), BATCH)) {
            if (repository.claimCheck(domain.id(), domain.checkedAt(), now)) {
                StoredDomain after = domains.check(domain);
                checked++;
                if (!after.status().equals(domain.status())) {
                    log.warn("Sending domain {} of workspace {} is {} now: its DNS records changed", domain.domain(),
                            domain.workspaceId(), after.status());
                }
            }
        }
        return checked;
    }
}
