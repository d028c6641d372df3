package io.crier.feedback.mailbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.PageQuery;
import io.crier.shared.SealedColumn;
import io.crier.shared.SecretBox;
import io.crier.shared.Timestamps;
import io.crier.shared.WorkspaceRows;

/**
 * The mailbox table; every API query is scoped to a workspace. Passwords are sealed with the master
 * key at rest; on start, any sealed under an older master key are sealed anew.
 */
@Repository
class MailboxRepository implements SmartInitializingSingleton {

    /** A mailbox with its settings opened, as polling and the API's updates need it. */
    record Stored(Mailbox view, UUID workspaceId, MailboxSettings settings) {
    }

    /** A mailbox a node has leased for one poll; {@code owner} proves the lease when it is given back. */
    record Claimed(Stored mailbox, UUID owner) {
    }

    private final JdbcClient jdbc;
    private final WorkspaceRows rows;
    private final SealedColumn passwords;

    MailboxRepository(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.rows = WorkspaceRows.of(jdbc, "mailbox");
        this.passwords = new SealedColumn(box, jdbc, "mailbox", "password");
    }

    @Override
    public void afterSingletonsInstantiated() {
        passwords.resealAll();
    }

    void insert(UUID workspaceId, Mailbox mailbox, MailboxSettings settings) {
        jdbc.sql("""
                insert into mailbox (id, workspace_id, sender_id, protocol, host, port, security, username,
                                     password, folder, tls_certificate, created_at, next_poll_at)
                values (:id, :workspaceId, :senderId, :protocol, :host, :port, :security, :username,
                        :password, :folder, :tlsCertificate, :createdAt, :createdAt)""")
                .param("id", mailbox.id())
                .param("tlsCertificate", settings.tlsCertificate())
                .param("workspaceId", workspaceId)
                .param("senderId", mailbox.senderId())
                .params(settingsParams(mailbox.id(), settings))
                .param("createdAt", Timestamps.toDb(mailbox.createdAt()))
                .update();
    }

    /** New settings, due for a poll at {@code now} with its failures forgotten: they deserve a fresh try. */
    void update(UUID workspaceId, UUID id, UUID senderId, MailboxSettings settings, Instant now) {
        jdbc.sql("""
                update mailbox set sender_id = :senderId, protocol = :protocol, host = :host, port = :port,
                    security = :security, username = :username, password = :password, folder = :folder,
                    tls_certificate = :tlsCertificate, next_poll_at = :now, failures = 0, last_error = null
                where workspace_id = :workspaceId and id = :id""")
                .param("senderId", senderId)
                .param("tlsCertificate", settings.tlsCertificate())
                .params(settingsParams(id, settings))
                .param("now", Timestamps.toDb(now))
                .param("workspaceId", workspaceId)
                .param("id", id)
                .update();
    }

    Optional<Stored> find(UUID workspaceId, UUID id) {
        return rows.find(workspaceId, id, this::stored);
    }

    List<Mailbox> page(UUID workspaceId, PageQuery query) {
        return rows.page(workspaceId, query, MailboxRepository::mailbox);
    }

    long count(UUID workspaceId) {
        return rows.count(workspaceId);
    }

    boolean delete(UUID workspaceId, UUID id) {
        return rows.delete(workspaceId, id);
    }

    /**
     * Leases the mailbox due longest, which no live lease holds, skipping one another node is
     * locking this moment, until {@code until}. Run in a transaction.
     */
    Optional<Claimed> claimDue(Instant now, Instant until) {
        Optional<UUID> id = jdbc.sql("""
                select id from mailbox
                where next_poll_at <= :now and (poll_until is null or poll_until < :now)
                order by next_poll_at
                limit 1
                for update skip locked""")
                .param("now", Timestamps.toDb(now))
                .query(UUID.class)
                .optional();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        UUID owner = UUID.randomUUID();
        jdbc.sql("update mailbox set poll_owner = :owner, poll_until = :until where id = :id")
                .param("owner", owner)
                .param("until", Timestamps.toDb(until))
                .param("id", id.get())
                .update();
        return jdbc.sql("select * from mailbox where id = :id")
                .param("id", id.get())
                .query(this::stored)
                .optional()
                .map(stored -> new Claimed(stored, owner));
    }

    /**
     * Gives a leased mailbox back after a poll: due again at {@code next}, with the poll's error
     * (null when it succeeded) and the messages it took. A lease another node took over since
     * (this one ran out) changes nothing.
     */
    void release(Claimed claimed, Instant polledAt, Instant next, String error, int taken) {
        jdbc.sql("""
                update mailbox set poll_owner = null, poll_until = null, last_poll_at = :polledAt,
                    next_poll_at = :next, last_error = :error,
                    failures = case when :failed then failures + 1 else 0 end, fetched = fetched + :taken
                where id = :id and poll_owner = :owner""")
                .param("polledAt", Timestamps.toDb(polledAt))
                .param("next", Timestamps.toDb(next))
                .param("error", error)
                .param("failed", error != null)
                .param("taken", taken)
                .param("id", claimed.mailbox().view().id())
                .param("owner", claimed.owner())
                .update();
    }

    private Map<String, Object> settingsParams(UUID id, MailboxSettings settings) {
        return Map.of(
                "protocol", settings.protocol().wire(),
                "host", settings.host(),
                "port", settings.port(),
                "security", settings.security().wire(),
                "username", settings.username(),
                "password", passwords.seal(settings.password(), id),
                "folder", settings.folder());
    }

    private Stored stored(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Mailbox view = mailbox(rs, row);
        return new Stored(view, rs.getObject("workspace_id", UUID.class), new MailboxSettings(view.protocol(),
                view.host(), view.port(), view.security(), view.username(),
                passwords.open(rs.getString("password"), id), view.folder(), view.tlsCertificate()));
    }

    private static Mailbox mailbox(ResultSet rs, int row) throws SQLException {
        return new Mailbox(rs.getObject("id", UUID.class), MailProtocol.of(rs.getString("protocol")),
                rs.getString("host"), rs.getInt("port"), MailSecurity.of(rs.getString("security")),
                rs.getString("username"), rs.getString("folder"), rs.getString("tls_certificate"),
                rs.getObject("sender_id", UUID.class),
                Timestamps.read(rs, "created_at"),
                new Mailbox.Polling(Timestamps.read(rs, "last_poll_at"), Timestamps.read(rs, "next_poll_at"),
                        rs.getString("last_error"), rs.getInt("failures"), rs.getLong("fetched")));
    }
}
