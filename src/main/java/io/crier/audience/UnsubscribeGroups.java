package io.crier.audience;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.shared.ApiException;
import io.crier.shared.Ids;
import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;

/**
 * Unsubscribe groups (AutoSend's suppression groups) on the per-list status: each group is created
 * with a list of its own, of the same name, and a recipient who leaves the group becomes an
 * {@code unsubscribed} member of that list (a contact is made for an address Crier did not know),
 * so the list's page shows who left, an import cannot put them back, and campaigns to the list
 * never mail them. Coming back (unsuppress) makes them {@code subscribed} there again.
 */
@Service
public class UnsubscribeGroups {

    /** The parameter {@link #LEFT_GROUP} binds the group's id to. */
    static final String GROUP_PARAM = "unsubscribeGroupId";

    /** True in SQL when the contact {@code c} left the group {@code :unsubscribeGroupId}. */
    static final String LEFT_GROUP = """
            exists (select 1 from unsubscribe_group g join list_member gm on gm.list_id = g.list_id
                    where g.id = :unsubscribeGroupId and gm.contact_id = c.id and gm.status = 'unsubscribed')""";

    /**
     * True in SQL when the contact (an id expression) left the group (an id expression; never true
     * for null): what the ledger checks before it queues a campaign's next step.
     */
    public static String leftGroup(String contactId, String groupId) {
        return "exists (select 1 from unsubscribe_group g join list_member gm on gm.list_id = g.list_id"
                + " where g.id = " + groupId + " and gm.contact_id = " + contactId
                + " and gm.status = 'unsubscribed')";
    }

    /** A group as the preference page offers it: whether the recipient still gets its mail. */
    public record Choice(UUID groupId, String name, String description, boolean left) {
    }

    private final UnsubscribeGroupRepository groups;
    private final ListService lists;
    private final ContactRepository contacts;
    private final MembershipRepository members;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UnsubscribeGroups(UnsubscribeGroupRepository groups, ListService lists, ContactRepository contacts,
            MembershipRepository members, ApplicationEventPublisher events, Clock clock) {
        this.groups = groups;
        this.lists = lists;
        this.contacts = contacts;
        this.members = members;
        this.events = events;
        this.clock = clock;
    }

    /** Why a group id is refused. */
    public static final String NOT_A_GROUP = "is not a suppression group of this workspace";

    /** The workspace's group this id names. */
    public Optional<UUID> findId(UUID workspaceId, String rawId) {
        return find(workspaceId, rawId).map(UnsubscribeGroup::id);
    }

    /** True in SQL when the contact {@code c} left the group: those a campaign under it does not mail. */
    public AudienceCondition leavers(UUID groupId) {
        return new AudienceCondition(LEFT_GROUP, Map.of(GROUP_PARAM, groupId));
    }

    /** Which of these (stored-form) addresses left the group: a transactional call's suppressed ones. */
    public Set<String> leftAmong(UUID workspaceId, UUID groupId, Collection<String> emails) {
        return groups.leftAmong(workspaceId, groupId, emails);
    }

    /** The workspace's groups, each with whether the address left it: what the preference page offers. */
    public List<Choice> choices(UUID workspaceId, String email) {
        Set<UUID> left = contacts.findByEmail(workspaceId, email).map(contact -> groups.left(contact.id()))
                .orElse(Set.of());
        return groups.all(workspaceId).stream().filter(UnsubscribeGroup::isActive)
                .map(group -> new Choice(group.id(), group.name(), group.description(), left.contains(group.id())))
                .toList();
    }

    /**
     * The address leaves the groups in {@code leaving} and comes back to the others of {@code offered}
     * (the preference page's choices, on a page {@code campaignId}'s mail linked to); groups of another
     * workspace change nothing. Says how many groups it newly left.
     */
    @Transactional
    public int choose(UUID workspaceId, String email, Collection<UUID> offered, Collection<UUID> leaving,
            UUID campaignId) {
        int left = 0;
        for (UUID groupId : offered) {
            Optional<UnsubscribeGroup> group = groups.find(workspaceId, groupId);
            if (group.isPresent() && leaving.contains(groupId)) {
                left += markLeft(group.get(), List.of(email), campaignId);
            } else {
                group.ifPresent(back -> markBack(back, List.of(email), campaignId));
            }
        }
        return left;
    }

    /**
     * The address leaves this group of the workspace through an unsubscribe link of
     * {@code campaignId}'s mail under it; empty if there is no such group, else whether it newly left.
     */
    @Transactional
    public Optional<Boolean> leave(UUID workspaceId, UUID groupId, String email, UUID campaignId) {
        return groups.find(workspaceId, groupId).map(group -> markLeft(group, List.of(email), campaignId) > 0);
    }

    /** The group's name, if the workspace has it. */
    public Optional<String> name(UUID workspaceId, UUID groupId) {
        return groups.find(workspaceId, groupId).map(UnsubscribeGroup::name);
    }

    @Transactional
    UnsubscribeGroup create(UUID workspaceId, GroupRequest request) {
        String name = requiredName(request.name());
        Instant now = Timestamps.now(clock);
        ContactList list = lists.create(workspaceId, name, request.description());
        UnsubscribeGroup group = new UnsubscribeGroup(Ids.newId(), workspaceId, name, blankToNull(request.description()),
                request.isActive() == null || request.isActive(), list.id(), now, now);
        groups.insert(group);
        return group;
    }

    UnsubscribeGroup get(UUID workspaceId, String id) {
        return find(workspaceId, id).orElseThrow(UnsubscribeGroups::notFound);
    }

    List<UnsubscribeGroup> all(UUID workspaceId) {
        return groups.all(workspaceId);
    }

    /** Only the fields given change, as AutoSend's PUT does. */
    @Transactional
    UnsubscribeGroup update(UUID workspaceId, String id, GroupRequest request) {
        UnsubscribeGroup group = get(workspaceId, id);
        UnsubscribeGroup changed = group.changed(request.name() == null ? group.name() : requiredName(request.name()),
                request.description() == null ? group.description() : blankToNull(request.description()),
                request.isActive() == null ? group.isActive() : request.isActive(), Timestamps.now(clock));
        groups.update(changed);
        return changed;
    }

    /** Deletes the group with its list: its leavers get the mail of no group any more. */
    @Transactional
    void delete(UUID workspaceId, String id) {
        UnsubscribeGroup group = get(workspaceId, id);
        lists.find(workspaceId, group.listId().toString()).ifPresent(lists::delete);
    }

    /** The addresses leave the group; says how many left now (the others had left already). */
    @Transactional
    int suppress(UUID workspaceId, GroupEmails request) {
        return markLeft(named(workspaceId, request.groupId()), EmailAddresses.requireAll("emails", request.emails()),
                null);
    }

    /** The addresses that left the group come back to it; says how many changed. */
    @Transactional
    int unsuppress(UUID workspaceId, GroupEmails request) {
        return markBack(named(workspaceId, request.groupId()), EmailAddresses.requireAll("emails", request.emails()),
                null);
    }

    /** A page of the group's leavers, newest first, within the period given. */
    Map<String, Object> entries(UUID workspaceId, EntrySearch search) {
        UnsubscribeGroup group = named(workspaceId, search.groupId());
        PageQuery page = new PageQuery(search.page() == null ? 1 : search.page(),
                search.limit() == null ? PageQuery.DEFAULT_LIMIT : search.limit());
        return page.result("entries", groups.entries(group.id(), search.startDate(), search.endDate(), page.offset(),
                page.limit()).stream().map(EntryView::of).toList(),
                groups.countEntries(group.id(), search.startDate(), search.endDate()));
    }

    /** The groups the address left. */
    List<UnsubscribeGroup> leftBy(UUID workspaceId, String email) {
        String stored = EmailAddresses.normalize(email)
                .orElseThrow(() -> ApiException.invalid("email", "must be a valid email address"));
        Set<UUID> left = contacts.findByEmail(workspaceId, stored)
                .map(contact -> groups.left(contact.id())).orElse(Set.of());
        return groups.all(workspaceId).stream().filter(group -> left.contains(group.id())).toList();
    }

    /** A leaver as AutoSend's entry shows it; the reason is always {@code unsubscribed}. */
    record EntryView(UUID id, String email, UUID groupId, String reason, Instant createdAt, Instant updatedAt) {

        static EntryView of(UnsubscribeGroupRepository.Entry entry) {
            return new EntryView(entry.contactId(), entry.email(), entry.groupId(), "unsubscribed",
                    entry.createdAt(), entry.createdAt());
        }
    }

    /**
     * The addresses leave the group: each becomes an {@code unsubscribed} member of its list, a
     * contact being made for an address the workspace does not know. Each that had not left it
     * already is told of ({@link UnsubscribeGroupChanged}); says how many.
     */
    private int markLeft(UnsubscribeGroup group, List<String> emails, UUID campaignId) {
        Instant now = Timestamps.now(clock);
        Map<String, UUID> ids = contactIds(group.workspaceId(), emails, now);
        Map<UUID, SubscriptionStatus> current = members.statusOn(group.listId(), ids.values());
        ids.values().stream().filter(id -> !current.containsKey(id))
                .forEach(id -> members.join(group.listId(), id, SubscriptionStatus.UNSUBSCRIBED, now));
        members.setStatus(group.listId(), current.keySet(), SubscriptionStatus.UNSUBSCRIBED, now);
        return announce(group, ids, id -> current.get(id) != SubscriptionStatus.UNSUBSCRIBED, campaignId, true, now);
    }

    /**
     * The addresses that left the group get its mail again ({@code subscribed} on its list), and are
     * told of; others are left as they are, so keeping a group never adds anyone to its list. Says
     * how many changed.
     */
    private int markBack(UnsubscribeGroup group, List<String> emails, UUID campaignId) {
        Instant now = Timestamps.now(clock);
        Map<String, UUID> ids = contacts.idsByEmail(group.workspaceId(), emails);
        Map<UUID, SubscriptionStatus> current = members.statusOn(group.listId(), ids.values());
        List<UUID> leavers = ids.values().stream()
                .filter(id -> current.get(id) == SubscriptionStatus.UNSUBSCRIBED).toList();
        members.setStatus(group.listId(), leavers, SubscriptionStatus.SUBSCRIBED, now);
        return announce(group, ids, leavers::contains, campaignId, false, now);
    }

    /** Publishes the change for each address whose contact it changed; says how many. */
    private int announce(UnsubscribeGroup group, Map<String, UUID> ids, Predicate<UUID> changed, UUID campaignId,
            boolean left, Instant now) {
        List<String> changedEmails = ids.entrySet().stream().filter(entry -> changed.test(entry.getValue()))
                .map(Map.Entry::getKey).toList();
        changedEmails.forEach(email -> events.publishEvent(new UnsubscribeGroupChanged(group.workspaceId(),
                group.id(), group.name(), email, campaignId, left, now)));
        return changedEmails.size();
    }

    /** The workspace's contacts with these addresses, by address, made for those it does not have. */
    private Map<String, UUID> contactIds(UUID workspaceId, List<String> emails, Instant now) {
        Map<String, UUID> ids = new HashMap<>(contacts.idsByEmail(workspaceId, emails));
        List<Contact> made = emails.stream().filter(email -> !ids.containsKey(email))
                .map(email -> ContactInput.ofEmail(email).create(Ids.newId(), workspaceId, now)).toList();
        contacts.insertAll(made);
        made.forEach(contact -> ids.put(contact.email(), contact.id()));
        return ids;
    }

    /** The group a body's {@code groupId} names, or a 400 naming that field. */
    private UnsubscribeGroup named(UUID workspaceId, String groupId) {
        return find(workspaceId, groupId).orElseThrow(() -> ApiException.invalid("groupId", NOT_A_GROUP));
    }

    private Optional<UnsubscribeGroup> find(UUID workspaceId, String rawId) {
        return Ids.parse(rawId).flatMap(id -> groups.find(workspaceId, id));
    }

    private static String requiredName(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalid("name", "must not be blank");
        }
        return name.trim();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    static ApiException notFound() {
        return ApiException.notFound("SUPPRESSION_GROUP", "Suppression group");
    }
}
