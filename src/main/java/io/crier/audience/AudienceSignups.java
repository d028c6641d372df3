package io.crier.audience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.shared.Ids;
import io.crier.shared.Timestamps;

/**
 * What the public signup forms may do to the audience: find a list's form, sign an address up
 * (the contact made if new, its consent recorded) and confirm a double opt-in. Whatever a form
 * posts, an existing contact's fields stay as they are: a form only adds memberships and consent.
 */
@Service
public class AudienceSignups {

    /** The form mails an address at most this often, whatever lists it signs up to. */
    static final Duration CONFIRMATION_INTERVAL = Duration.ofDays(1);

    /** A list's form: what it shows, where sign-ups go, and whether it takes any ({@code open}). */
    public record SignupForm(UUID workspaceId, UUID listId, String listName, boolean open, boolean doubleOptIn,
            String consentText) {
    }

    /** One form post, as the form read it: a valid address and what the request said about its sender. */
    public record Signup(String email, String firstName, String source, String ipAddress, String userAgent) {
    }

    /**
     * What a sign-up did: the contact's status on the list now and, when a confirmation mail is
     * due, the instant its link must carry ({@code confirmationStamp}; null: mail nothing).
     */
    public record SignedUp(UUID contactId, SubscriptionStatus status, Instant confirmationStamp) {
    }

    private final ListRepository lists;
    private final ContactRepository contacts;
    private final MembershipRepository members;
    private final ConsentRepository consents;
    private final Clock clock;

    AudienceSignups(ListRepository lists, ContactRepository contacts, MembershipRepository members,
            ConsentRepository consents, Clock clock) {
        this.lists = lists;
        this.contacts = contacts;
        this.members = members;
        this.consents = consents;
        this.clock = clock;
    }

    /** The form of the list with this id, if it is public; empty for any other id. */
    public Optional<SignupForm> form(String listId) {
        return Ids.parse(listId).flatMap(lists::findPublic).map(AudienceSignups::form);
    }

    /** The form of the workspace's list with this id, open or not, for its owner's API. */
    public Optional<SignupForm> form(UUID workspaceId, String listId) {
        return Ids.parse(listId).flatMap(id -> lists.find(workspaceId, id)).map(AudienceSignups::form);
    }

    private static SignupForm form(ContactList list) {
        return new SignupForm(list.workspaceId(), list.id(), list.name(), list.publicForm(), list.doubleOptIn(),
                list.effectiveConsentText());
    }

    /**
     * Signs the address up to the form's list. A subscribed member stays so and nothing is
     * recorded; anyone else becomes unconfirmed (double opt-in) or subscribed, with a consent
     * record. A confirmation is due unless one was mailed to the address in the last day.
     */
    @Transactional
    public SignedUp signUp(SignupForm form, Signup signup) {
        Instant now = Timestamps.now(clock);
        Contact contact = contact(form.workspaceId(), signup, now);
        SubscriptionStatus current = members.statusOn(form.listId(), List.of(contact.id())).get(contact.id());
        if (current == SubscriptionStatus.SUBSCRIBED) {
            return new SignedUp(contact.id(), current, null);
        }
        SubscriptionStatus status = form.doubleOptIn() ? SubscriptionStatus.UNCONFIRMED : SubscriptionStatus.SUBSCRIBED;
        if (current == null) {
            members.join(form.listId(), contact.id(), status, now);
        } else {
            members.setStatus(form.listId(), List.of(contact.id()), status, now);
        }
        consents.insert(form.workspaceId(), contact.id(), new ConsentRecord(Ids.newId(), form.listId(),
                form.listName(), signup.source(), signup.ipAddress(), signup.userAgent(), form.consentText(), now,
                form.doubleOptIn() ? null : now));
        Instant lastMailed = members.lastConfirmationMailed(contact.id());
        if (!form.doubleOptIn() || (lastMailed != null && lastMailed.plus(CONFIRMATION_INTERVAL).isAfter(now))) {
            return new SignedUp(contact.id(), status, null);
        }
        members.confirmationMailed(form.listId(), contact.id(), now);
        return new SignedUp(contact.id(), status, now);
    }

    /**
     * Subscribes the contact to the list if it is unconfirmed there and {@code stamp} is that of
     * the newest confirmation mailed to it; the list's name then. Empty for a link used before, or
     * superseded by a newer one, or one whose contact or list is gone.
     */
    @Transactional
    public Optional<String> confirm(UUID listId, UUID contactId, Instant stamp) {
        Instant now = Timestamps.now(clock);
        if (!members.confirm(listId, contactId, stamp, now)) {
            return Optional.empty();
        }
        consents.confirm(contactId, listId, now);
        return lists.findById(listId).map(ContactList::name);
    }

    private Contact contact(UUID workspaceId, Signup signup, Instant now) {
        return contacts.findByEmail(workspaceId, signup.email()).orElseGet(() -> {
            Contact created = new ContactInput(signup.email(), Change.to(signup.firstName()), Change.keep(),
                    Change.keep(), new LinkedHashMap<>(), List.of()).create(Ids.newId(), workspaceId, now);
            contacts.insert(created);
            return created;
        });
    }
}
