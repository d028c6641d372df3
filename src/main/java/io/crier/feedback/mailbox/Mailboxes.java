package io.crier.feedback.mailbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.crier.access.WorkspaceCaps;
import io.crier.sender.SenderDirectory;
import io.crier.sender.SenderIdentity;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;
import io.crier.shared.PageQuery;
import io.crier.shared.Patch;
import io.crier.shared.Timestamps;

/** A workspace's mailboxes: saving their settings (checked, the password sealed) and trying a login. */
@Service
class Mailboxes {

    private final MailboxRepository repository;
    private final MailboxHosts hosts;
    private final MailStores stores;
    private final SenderDirectory senders;
    private final WorkspaceCaps caps;
    private final MailboxProperties properties;
    private final Clock clock;

    Mailboxes(MailboxRepository repository, MailboxHosts hosts, MailStores stores, SenderDirectory senders,
            WorkspaceCaps caps, MailboxProperties properties, Clock clock) {
        this.repository = repository;
        this.hosts = hosts;
        this.stores = stores;
        this.senders = senders;
        this.caps = caps;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A new mailbox, due for its first poll at once. A 400 names the field for a missing protocol,
     * host, username or password, a folder POP3 does not have, a sender the workspace does not have,
     * or a host that is internal (unless allowed); a 409 when the workspace has
     * {@code crier.mailboxes.per-workspace} mailboxes already.
     */
    Mailbox create(UUID workspaceId, Patch<MailboxRequest> body) {
        MailboxRequest request = body.values();
        List<FieldProblem> problems = new ArrayList<>();
        required(problems, "protocol", request.protocol());
        required(problems, "host", request.host());
        required(problems, "username", request.username());
        required(problems, "password", request.password());
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        MailSecurity security = request.security() == null ? MailSecurity.SSL : request.security();
        MailboxSettings settings = checked(new MailboxSettings(request.protocol(), request.host(),
                request.port() == null ? request.protocol().defaultPort(security) : request.port(), security,
                request.username(), request.password(),
                request.folder() == null ? MailboxSettings.INBOX : request.folder(), request.tlsCertificate()));
        UUID senderId = sender(workspaceId, request.senderId());
        Mailbox mailbox = new Mailbox(Ids.newId(), settings.protocol(), settings.host(), settings.port(),
                settings.security(), settings.username(), settings.folder(), settings.tlsCertificate(), senderId,
                Timestamps.now(clock), null);
        caps.addWithin(workspaceId, properties.perWorkspace(), () -> repository.count(workspaceId),
                () -> repository.insert(workspaceId, mailbox, settings), this::full);
        return get(workspaceId, mailbox.id().toString());
    }

    /** The body merged into the mailbox's settings, checked as on create; polled again at once. */
    Mailbox update(UUID workspaceId, String id, Patch<MailboxRequest> body) {
        MailboxRepository.Stored stored = stored(workspaceId, id);
        MailboxRequest request = body.values();
        List<FieldProblem> problems = new ArrayList<>();
        for (String field : List.of("protocol", "host", "port", "security", "username", "password", "folder")) {
            if (body.nulled().contains(field)) {
                problems.add(new FieldProblem(field, "must not be null; leave it out to keep it"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        MailboxSettings now = stored.settings();
        MailProtocol protocol = body.pick("protocol", request.protocol(), now.protocol());
        MailSecurity security = body.pick("security", request.security(), now.security());
        boolean defaultPortBefore = now.port() == now.protocol().defaultPort(now.security());
        int port = body.has("port") ? request.port()
                : defaultPortBefore ? protocol.defaultPort(security) : now.port();
        MailboxSettings settings = checked(new MailboxSettings(protocol, body.pick("host", request.host(), now.host()),
                port, security, body.pick("username", request.username(), now.username()),
                body.pick("password", request.password(), now.password()),
                body.pick("folder", request.folder(), now.folder()),
                body.pick("tlsCertificate", request.tlsCertificate(), now.tlsCertificate())));
        UUID senderId = body.has("senderId") ? sender(workspaceId, request.senderId()) : stored.view().senderId();
        repository.update(workspaceId, stored.view().id(), senderId, settings, Timestamps.now(clock));
        return get(workspaceId, id);
    }

    Mailbox get(UUID workspaceId, String id) {
        return stored(workspaceId, id).view();
    }

    Map<String, Object> page(UUID workspaceId, PageQuery query) {
        return query.result("mailboxes", repository.page(workspaceId, query), repository.count(workspaceId));
    }

    void delete(UUID workspaceId, String id) {
        if (!Ids.parse(id).map(mailboxId -> repository.delete(workspaceId, mailboxId)).orElse(false)) {
            throw notFound();
        }
    }

    /** Connects and logs in, as a poll would, and looks for the folder; says whether that worked, and why not. */
    Map<String, Object> test(UUID workspaceId, String id) {
        MailboxSettings settings = stored(workspaceId, id).settings();
        Map<String, Object> result = new LinkedHashMap<>();
        try (Store store = stores.connect(settings)) {
            boolean found = store.getFolder(settings.folder()).exists();
            result.put("ok", found);
            if (!found) {
                result.put("reason", settings.missingFolder());
            }
        } catch (MailStores.Failed e) {
            result.put("ok", false);
            result.put("reason", e.getMessage());
        } catch (MessagingException e) {
            result.put("ok", false);
            result.put("reason", "folder " + settings.folder() + ": " + MailStores.reason(e));
        }
        return result;
    }

    private MailboxSettings checked(MailboxSettings settings) {
        if (settings.protocol() == MailProtocol.POP3 && !settings.folder().equals(MailboxSettings.INBOX)) {
            throw ApiException.invalid("folder", "must be INBOX for pop3, which has no other folder");
        }
        if (settings.tlsCertificate() != null) {
            if (settings.security() == MailSecurity.NONE) {
                throw ApiException.invalid("tlsCertificate", "is for security ssl or starttls; none uses no TLS");
            }
            if (MailboxTrust.certificate(settings.tlsCertificate()).isEmpty()) {
                throw ApiException.invalid("tlsCertificate", "is not an X.509 certificate in PEM"
                        + " (-----BEGIN CERTIFICATE----- ...)");
            }
        }
        hosts.checkSaved(settings.host());
        return settings;
    }

    private UUID sender(UUID workspaceId, String senderId) {
        if (senderId == null) {
            return null;
        }
        return senders.resolve(workspaceId, senderId).map(SenderIdentity::id).orElseThrow(
                () -> ApiException.invalid("senderId", "is no sender of this workspace"));
    }

    private MailboxRepository.Stored stored(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(mailboxId -> repository.find(workspaceId, mailboxId))
                .orElseThrow(Mailboxes::notFound);
    }

    private static void required(List<FieldProblem> problems, String field, Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            problems.add(new FieldProblem(field, "must be given"));
        }
    }

    private ApiException full() {
        return new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, "This workspace has "
                + properties.perWorkspace() + " mailboxes, the most allowed (crier.mailboxes.per-workspace):"
                + " delete one first");
    }

    private static ApiException notFound() {
        return ApiException.notFound("MAILBOX", "Mailbox");
    }
}
