package io.crier.sender;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.crier.dkim.DomainKeys;
import io.crier.sender.DomainComplaints.Figures;
import io.crier.sender.DomainRepository.StoredDomain;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;
import io.crier.shared.Timestamps;

/**
 * A workspace's sending domains: made with a DKIM key and the records to publish, then checked
 * against DNS. A domain is verified when every required record passes; a domain may be verified
 * in one workspace at a time. A lookup without an answer never changes the status.
 */
@Service
class SendingDomains {

    /** Domains a workspace may claim: far more than any sender needs, few enough to list at once. */
    static final int MAX_PER_WORKSPACE = 100;
    private static final String UNCHECKED = "unchecked";

    private final DomainRepository repository;
    private final DomainKeys keys;
    private final DomainRecords records;
    private final DnsLookup dns;
    private final DomainComplaints complaints;
    private final Clock clock;

    SendingDomains(DomainRepository repository, DomainKeys keys, DomainRecords records, DnsProperties properties,
            DomainComplaints complaints, Clock clock) {
        this.repository = repository;
        this.complaints = complaints;
        this.keys = keys;
        this.records = records;
        this.dns = new DnsLookup(servers(properties.servers()), properties.timeout());
        this.clock = clock;
    }

    SendingDomain create(UUID workspaceId, String name) {
        String domain = DomainKeys.normalize(name).filter(d -> d.contains("."))
                .orElseThrow(() -> ApiException.invalid("domain", "must be a domain name, such as example.com"));
        if (repository.count(workspaceId) >= MAX_PER_WORKSPACE) {
            throw new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, "The workspace has " + MAX_PER_WORKSPACE
                    + " sending domains, the most it may have: delete one first",
                    List.of(new FieldProblem("domain", "would be sending domain number " + (MAX_PER_WORKSPACE + 1))));
        }
        if (repository.verifiedElsewhere(workspaceId, domain)) {
            throw ApiException.invalid("domain", "is verified by another workspace");
        }
        StoredDomain stored = new StoredDomain(Ids.newId(), workspaceId, domain, SendingDomain.PENDING, Map.of(),
                null, Timestamps.now(clock));
        try {
            repository.insert(stored);
            keys.keyOf(workspaceId, domain);
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, "The workspace has the domain " + domain
                    + " already", List.of(new FieldProblem("domain", "is one of the workspace's domains already")));
        }
        return view(stored);
    }

    List<SendingDomain> list(UUID workspaceId) {
        Map<String, Figures> figures = complaints.byDomain(workspaceId);
        return repository.all(workspaceId).stream().map(domain -> view(domain, figures)).toList();
    }

    SendingDomain get(UUID workspaceId, String id) {
        return view(find(workspaceId, id));
    }

    /** Deletes the domain; its DKIM key stays (DELETE /v1/dkim-keys/{id} removes it). */
    void delete(UUID workspaceId, String id) {
        repository.delete(workspaceId, find(workspaceId, id).id());
    }

    /** Looks the domain's records up now and stores what was found. */
    SendingDomain verify(UUID workspaceId, String id) {
        StoredDomain checked = check(find(workspaceId, id));
        return view(checked);
    }

    /** The workspace's domain of that name is verified. */
    boolean isVerified(UUID workspaceId, String domain) {
        return repository.byName(workspaceId, domain).filter(d -> SendingDomain.VERIFIED.equals(d.status()))
                .isPresent();
    }

    /**
     * The return-path domain ({@code bounces.<domain>}) of the workspace's domain of that name when
     * return paths are published and its last check found the return path's MX record, so bounces
     * to it reach Crier; empty otherwise.
     */
    Optional<String> returnPathOf(UUID workspaceId, String domain) {
        if (!records.publishesReturnPaths()) {
            return Optional.empty();
        }
        return repository.byName(workspaceId, domain)
                .filter(stored -> {
                    RecordCheck mx = stored.checks().get(DomainRecords.RETURN_PATH_MX);
                    return mx != null && mx.passed();
                })
                .map(stored -> DomainRecords.returnPath(stored.domain()));
    }

    boolean verifiedElsewhere(UUID workspaceId, String domain) {
        return repository.verifiedElsewhere(workspaceId, domain);
    }

    /** Checks the domain again (making it a DKIM key if its own was deleted) and stores the outcome. */
    StoredDomain check(StoredDomain domain) {
        Map<String, RecordCheck> checks = new LinkedHashMap<>();
        String status = SendingDomain.VERIFIED;
        DomainKeys.PublishedKey key = keys.keyOf(domain.workspaceId(), domain.domain());
        for (DnsRecord record : records.of(domain.domain(), Optional.of(key))) {
            RecordCheck check = record.check(dns);
            checks.put(record.purpose(), check);
            if (record.required() && !check.passed()) {
                status = nextStatus(domain.status(), status, check);
            }
        }
        Instant now = Timestamps.now(clock);
        try {
            repository.recordCheck(domain.id(), status, checks, now);
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, "The domain " + domain.domain()
                    + " is verified by another workspace",
                    List.of(new FieldProblem("domain", "is verified by another workspace")));
        }
        return new StoredDomain(domain.id(), domain.workspaceId(), domain.domain(), status, checks, now,
                domain.createdAt());
    }

    /**
     * The status after a required record did not pass: an unanswered lookup keeps what the domain
     * had; a wrong record fails it, as does a missing one on a domain that was verified; otherwise
     * it is pending. The worst of the required records decides.
     */
    private static String nextStatus(String before, String soFar, RecordCheck check) {
        String after;
        if (check.unknown()) {
            after = SendingDomain.VERIFIED.equals(before) ? SendingDomain.VERIFIED : SendingDomain.PENDING;
        } else if (RecordCheck.WRONG.equals(check.result()) || SendingDomain.VERIFIED.equals(before)) {
            after = SendingDomain.FAILED;
        } else {
            after = SendingDomain.PENDING;
        }
        return rank(after) > rank(soFar) ? after : soFar;
    }

    private static int rank(String status) {
        return switch (status) {
            case SendingDomain.FAILED -> 2;
            case SendingDomain.PENDING -> 1;
            default -> 0;
        };
    }

    private SendingDomain view(StoredDomain domain) {
        return view(domain, complaints.byDomain(domain.workspaceId()));
    }

    private SendingDomain view(StoredDomain domain, Map<String, Figures> figures) {
        return view(domain, figures.getOrDefault(domain.domain(), Figures.NONE));
    }

    private SendingDomain view(StoredDomain domain, Figures figures) {
        List<SendingDomain.Published> published = new ArrayList<>();
        String reason = null;
        for (DnsRecord record : records.of(domain.domain(), keys.find(domain.workspaceId(), domain.domain()))) {
            RecordCheck check = domain.checks().get(record.purpose());
            published.add(new SendingDomain.Published(record.purpose(), record.type(), record.name(), record.value(),
                    record.required(), check == null ? UNCHECKED : check.result(),
                    check == null ? List.of() : check.found(), check == null ? null : check.reason()));
            if (reason == null && record.required() && check != null && !check.passed()) {
                reason = record.purpose() + ": " + check.reason();
            }
        }
        if (reason == null && !SendingDomain.VERIFIED.equals(domain.status())) {
            reason = "not verified yet: publish the records, then POST /v1/domains/" + domain.id() + "/verify";
        }
        return new SendingDomain(domain.id(), domain.domain(), domain.status(),
                DomainRecords.returnPath(domain.domain()), published, reason, domain.checkedAt(), domain.createdAt(),
                figures.delivered(), figures.spamReported(), figures.delivered() == 0 ? 0
                        : Math.round(10_000.0 * figures.spamReported() / figures.delivered()) / 10_000.0);
    }

    private StoredDomain find(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(domainId -> repository.find(workspaceId, domainId))
                .orElseThrow(() -> ApiException.notFound("DOMAIN", "Domain"));
    }

    private static List<InetSocketAddress> servers(List<String> configured) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String server : configured) {
            int colon = server.lastIndexOf(':');
            boolean hasPort = colon > 0 && server.indexOf(':') == colon;
            String host = hasPort ? server.substring(0, colon) : server;
            int port = hasPort ? Integer.parseInt(server.substring(colon + 1)) : 53;
            servers.add(new InetSocketAddress(host.strip(), port));
        }
        return servers;
    }
}
