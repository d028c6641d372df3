package io.crier.audience;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;
import io.crier.shared.Timestamps;

/**
 * Imports contacts in batches: each batch finds which of its emails exist with one query, then
 * inserts the new contacts, updates the others (merging as an upsert by email does) and adds the
 * memberships, in one transaction with JDBC batches. Memory stays bounded by one batch whatever
 * the size of the import. Invalid rows are reported and skipped; the others go on. A row whose
 * email appeared earlier in the same import counts as an update of that contact.
 */
@Component
class ContactImporter {

    static final int BATCH_SIZE = 1_000;
    static final int MAX_REPORTED_FAILURES = 1_000;

    private final ContactRepository contacts;
    private final MembershipRepository members;
    private final ListService lists;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ContactImporter(ContactRepository contacts, MembershipRepository members, ListService lists,
            TransactionTemplate transaction, Clock clock) {
        this.contacts = contacts;
        this.members = members;
        this.lists = lists;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Imports every row, adding each imported contact to {@code listIds} (lists of the workspace). */
    ImportResult run(UUID workspaceId, List<UUID> listIds, RowSource rows) throws IOException {
        Run run = new Run(workspaceId, listIds);
        rows.forEach(run::accept);
        run.flush();
        return run.result();
    }

    /**
     * One or more valid rows for one email, merged in order, the lists they add the contact to,
     * and the last of those rows, for the report.
     */
    private record Pending(ContactInput input, Set<UUID> listIds, int rows, ImportRow lastRow) {

        Pending then(Pending later) {
            Set<UUID> union = new LinkedHashSet<>(listIds);
            union.addAll(later.listIds);
            return new Pending(input.then(later.input), union, rows + later.rows, later.lastRow);
        }
    }

    /** What a batch did; {@code tooLarge} could not be written: merged, their custom fields grew too long. */
    private record Written(int created, int updated, List<Pending> tooLarge) {
    }

    /** The state of one import: the batch being filled and the counts so far. */
    private final class Run {

        private final UUID workspaceId;
        private final List<UUID> listIds;
        private final ListLookup rowLists;
        private final List<Pending> batch = new ArrayList<>(BATCH_SIZE);
        private final List<ImportResult.Failure> failures = new ArrayList<>();
        private long created;
        private long updated;
        private long failed;

        Run(UUID workspaceId, List<UUID> listIds) {
            this.workspaceId = workspaceId;
            this.listIds = listIds;
            this.rowLists = lists.lookup(workspaceId);
        }

        void accept(ImportRow row) {
            if (!row.isValid()) {
                fail(row, 1, row.problems());
                return;
            }
            ListLookup.Resolved ownLists = rowLists.resolve("listIds", row.input().listIds());
            if (!ownLists.problems().isEmpty()) {
                fail(row, 1, ownLists.problems());
                return;
            }
            batch.add(new Pending(row.input(), new LinkedHashSet<>(ownLists.ids()), 1, row));
            if (batch.size() >= BATCH_SIZE) {
                flush();
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            Written written;
            try {
                written = transaction.execute(status -> write(workspaceId, listIds, batch));
            } catch (DataIntegrityViolationException changedMeanwhile) {
                // Another request created one of these emails after our look-up (now it is an update) or
                // deleted one (now it is new again), so the batch rolled back: look again.
                written = transaction.execute(status -> write(workspaceId, listIds, batch));
            }
            created += written.created();
            updated += written.updated();
            written.tooLarge().forEach(pending -> fail(pending.lastRow(), pending.rows(),
                    List.of(new FieldProblem("customFields", Contact.CUSTOM_FIELDS_TOO_LONG))));
            batch.clear();
        }

        ImportResult result() {
            return new ImportResult(created, updated, failed, List.copyOf(failures));
        }

        /** Counts {@code rows} failed rows, reporting them by {@code row}, the last of them. */
        private void fail(ImportRow row, int rows, List<FieldProblem> problems) {
            failed += rows;
            for (FieldProblem problem : problems) {
                if (failures.size() < MAX_REPORTED_FAILURES) {
                    failures.add(new ImportResult.Failure(row.row(), row.email(), problem.field(), problem.message()));
                }
            }
        }
    }

    private Written write(UUID workspaceId, List<UUID> importLists, List<Pending> batch) {
        Map<String, Pending> byEmail = new LinkedHashMap<>();
        batch.forEach(pending -> byEmail.merge(pending.input().email(), pending, Pending::then));
        Map<String, Contact> existing = contacts.findByEmails(workspaceId, byEmail.keySet());
        Instant now = Timestamps.now(clock);
        List<Contact> inserts = new ArrayList<>();
        List<Contact> updates = new ArrayList<>();
        List<Pending> tooLarge = new ArrayList<>();
        List<MembershipRepository.Membership> memberships = new ArrayList<>();
        for (Pending pending : byEmail.values()) {
            Contact current = existing.get(pending.input().email());
            Contact written = current == null
                    ? pending.input().create(Ids.newId(), workspaceId, now)
                    : pending.input().applyTo(current, now);
            if (!written.customFieldsFit()) {
                tooLarge.add(pending);
                continue;
            }
            (current == null ? inserts : updates).add(written);
            Set<UUID> listIds = new LinkedHashSet<>(importLists);
            listIds.addAll(pending.listIds());
            listIds.forEach(listId -> memberships.add(new MembershipRepository.Membership(listId, written.id())));
        }
        contacts.insertAll(inserts);
        contacts.updateAll(updates);
        members.add(memberships, now);
        int rejectedRows = tooLarge.stream().mapToInt(Pending::rows).sum();
        return new Written(inserts.size(), batch.size() - inserts.size() - rejectedRows, tooLarge);
    }
}
