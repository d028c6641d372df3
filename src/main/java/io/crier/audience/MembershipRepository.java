package io.crier.audience;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;

/**
 * Which contacts belong to which lists, and each list's member count, changed in the same
 * transaction as its members (a count(*) per list read made every answer that shows a list slow in
 * proportion to it). Callers pass only ids they have already found in the caller's workspace, so
 * these statements need no workspace of their own.
 */
@Repository
class MembershipRepository {

    /** One contact in one list. */
    record Membership(UUID listId, UUID contactId) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    MembershipRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Adds the memberships that do not exist yet, subscribed, and says how many that were (an existing
     * member keeps its status: an import never subscribes again someone who left the list or has not
     * confirmed yet): one statement per
     * list, joining an array of contact ids, so a batch of an import costs a statement, not a row each.
     * The lists are taken in the order of their ids, so two imports into the same lists wait for each
     * other's count instead of deadlocking; each list's contacts in the order of theirs, as a delete
     * locks them ({@link ContactRepository#deleteAll}).
     */
    int add(Collection<Membership> memberships, Instant at) {
        Map<UUID, Set<UUID>> contactsByList = new TreeMap<>();
        memberships.forEach(m -> contactsByList.computeIfAbsent(m.listId(), id -> new TreeSet<>())
                .add(m.contactId()));
        int added = 0;
        for (Map.Entry<UUID, Set<UUID>> list : contactsByList.entrySet()) {
            int joined = jdbc.sql("""
                    insert into list_member (list_id, contact_id, added_at, status, status_at)
                    select :listId, given.id, :addedAt, 'subscribed', :addedAt from unnest(:contactIds) given(id)
                    on conflict do nothing""")
                    .param("listId", list.getKey())
                    .param("addedAt", Timestamps.toDb(at))
                    .param("contactIds", new SqlArrayValue("uuid", list.getValue().toArray()))
                    .update();
            count(list.getKey(), joined);
            added += joined;
        }
        return added;
    }

    /** Adds each contact to each list. */
    int add(Collection<UUID> listIds, Collection<UUID> contactIds, Instant at) {
        List<Membership> memberships = new ArrayList<>();
        for (UUID listId : listIds) {
            contactIds.forEach(contactId -> memberships.add(new Membership(listId, contactId)));
        }
        return add(memberships, at);
    }

    /** Removes these contacts from the list and says how many were members. */
    int remove(UUID listId, Collection<UUID> contactIds) {
        SqlParameterSource[] rows = contactIds.stream()
                .map(contactId -> new MapSqlParameterSource().addValue("listId", listId).addValue("contactId", contactId))
                .toArray(SqlParameterSource[]::new);
        int removed = sum(batch.batchUpdate("delete from list_member where list_id = :listId and contact_id = :contactId",
                rows));
        count(listId, -removed);
        return removed;
    }

    /** Each contact's memberships, in the order it joined its lists. Contacts in no list are absent. */
    Map<UUID, List<Subscription>> subscriptionsByContact(Collection<UUID> contactIds) {
        Map<UUID, List<Subscription>> lists = new HashMap<>();
        if (contactIds.isEmpty()) {
            return lists;
        }
        jdbc.sql("""
                select contact_id, list_id, status, status_at from list_member where contact_id in (:contactIds)
                order by added_at, list_id""")
                .param("contactIds", contactIds)
                .query((rs, row) -> Map.entry(rs.getObject("contact_id", UUID.class),
                        new Subscription(rs.getObject("list_id", UUID.class),
                                SubscriptionStatus.of(rs.getString("status")), Timestamps.read(rs, "status_at"))))
                .list()
                .forEach(m -> lists.computeIfAbsent(m.getKey(), id -> new ArrayList<>()).add(m.getValue()));
        return lists;
    }

    /** The status on the list of each of these contacts that is a member. */
    Map<UUID, SubscriptionStatus> statusOn(UUID listId, Collection<UUID> contactIds) {
        Map<UUID, SubscriptionStatus> statuses = new HashMap<>();
        if (contactIds.isEmpty()) {
            return statuses;
        }
        jdbc.sql("select contact_id, status from list_member where list_id = :listId and contact_id in (:contactIds)")
                .param("listId", listId)
                .param("contactIds", contactIds)
                .query((rs, row) -> statuses.put(rs.getObject("contact_id", UUID.class),
                        SubscriptionStatus.of(rs.getString("status"))))
                .list();
        return statuses;
    }

    /**
     * Sets these members' status on the list, and says how many it changed. Leaving a list keeps
     * the row, so the contact stays out of the list's campaigns and an import cannot put them back.
     */
    int setStatus(UUID listId, Collection<UUID> contactIds, SubscriptionStatus status, Instant at) {
        if (contactIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                update list_member set status = :status, status_at = :at
                where list_id = :listId and contact_id in (:contactIds) and status <> :status""")
                .param("status", status.wire())
                .param("at", Timestamps.toDb(at))
                .param("listId", listId)
                .param("contactIds", contactIds)
                .update();
    }

    /** Sets the contact's status on each of these lists it is a member of; says on how many it changed. */
    int setStatus(UUID contactId, SubscriptionStatus status, Collection<UUID> listIds, Instant at) {
        int changed = 0;
        for (UUID listId : listIds) {
            changed += setStatus(listId, List.of(contactId), status, at);
        }
        return changed;
    }

    /** Makes the contact a member of the list with this status (as {@link #add}, a new member only). */
    void join(UUID listId, UUID contactId, SubscriptionStatus status, Instant at) {
        jdbc.sql("""
                insert into list_member (list_id, contact_id, added_at, status, status_at)
                values (:listId, :contactId, :at, :status, :at)""")
                .param("listId", listId)
                .param("contactId", contactId)
                .param("at", Timestamps.toDb(at))
                .param("status", status.wire())
                .update();
        count(listId, 1);
    }

    /**
     * Takes the contacts, about to be deleted, off the member counts of their lists, in the order of
     * the lists' ids as {@link #add} counts; the delete's cascade removes the memberships themselves.
     */
    void leaveAll(Collection<UUID> contactIds) {
        Map<UUID, Integer> leaving = new TreeMap<>();
        jdbc.sql("select list_id, count(*) from list_member where contact_id in (:contactIds) group by list_id")
                .param("contactIds", contactIds)
                .query((rs, row) -> leaving.put(rs.getObject(1, UUID.class), rs.getInt(2)))
                .list();
        leaving.forEach((listId, members) -> count(listId, -members));
    }

    private void count(UUID listId, int change) {
        if (change != 0) {
            jdbc.sql("update contact_list set member_count = member_count + :change where id = :listId")
                    .param("change", change)
                    .param("listId", listId)
                    .update();
        }
    }

    /** The last time a confirmation was mailed to the contact, for any list; null if never. */
    Instant lastConfirmationMailed(UUID contactId) {
        return jdbc.sql("""
                select confirmation_sent_at from list_member
                where contact_id = :contactId and confirmation_sent_at is not null
                order by confirmation_sent_at desc limit 1""")
                .param("contactId", contactId)
                .query((rs, row) -> Timestamps.read(rs, "confirmation_sent_at"))
                .optional().orElse(null);
    }

    void confirmationMailed(UUID listId, UUID contactId, Instant at) {
        jdbc.sql("update list_member set confirmation_sent_at = :at where list_id = :listId and contact_id = :contactId")
                .param("at", Timestamps.toDb(at))
                .param("listId", listId)
                .param("contactId", contactId)
                .update();
    }

    /** Subscribes an unconfirmed member whose newest confirmation mail was the one stamped {@code mailedAt}. */
    boolean confirm(UUID listId, UUID contactId, Instant mailedAt, Instant now) {
        return jdbc.sql("""
                update list_member set status = 'subscribed', status_at = :now
                where list_id = :listId and contact_id = :contactId and status = 'unconfirmed'
                  and confirmation_sent_at = :mailedAt""")
                .param("now", Timestamps.toDb(now))
                .param("listId", listId)
                .param("contactId", contactId)
                .param("mailedAt", Timestamps.toDb(mailedAt))
                .update() == 1;
    }

    private static int sum(int[] counts) {
        int total = 0;
        for (int count : counts) {
            total += count;
        }
        return total;
    }
}
