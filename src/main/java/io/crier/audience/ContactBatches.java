package io.crier.audience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;

/**
 * What other modules (the vendor dialects) may do with contacts in bulk: check a batch of
 * contacts as a whole, upsert it by email into one list, and make that list. Contacts are the
 * JSON objects {@code POST /v1/contacts} takes; they are written as the bulk import writes them.
 */
@Service
public class ContactBatches {

    /** The most contacts one batch may hold: one import batch, one transaction. */
    public static final int MAX_CONTACTS = ContactImporter.BATCH_SIZE;

    /** One problem of the contact at {@code index} (0-based), with the address as given, if any. */
    public record RowProblem(int index, String email, String field, String message) {
    }

    /**
     * What an upsert did: the contacts of the batch that were in the list before and those that
     * joined it now (ids, distinct), and rows that could not be written after all.
     */
    public record Upserted(List<UUID> alreadyMembers, List<UUID> newMembers, List<RowProblem> failed) {
    }

    private final ContactImporter importer;
    private final ContactRepository contacts;
    private final MembershipRepository members;
    private final ListService lists;

    ContactBatches(ContactImporter importer, ContactRepository contacts, MembershipRepository members,
            ListService lists) {
        this.importer = importer;
        this.contacts = contacts;
        this.members = members;
        this.lists = lists;
    }

    /** A new list of the workspace; returns its id. */
    public UUID createList(UUID workspaceId, String name, String description) {
        return lists.create(workspaceId, name, description).id();
    }

    /** Every problem of every contact of the batch; empty when the batch can be written whole. */
    public List<RowProblem> check(List<JsonNode> batch) {
        List<RowProblem> problems = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            ImportRow row = ImportRow.read(i + 1, batch.get(i));
            for (var problem : row.problems()) {
                problems.add(new RowProblem(i, row.email(), problem.field(), problem.message()));
            }
        }
        return problems;
    }

    /**
     * Creates or updates each contact of a {@linkplain #check checked} batch by email (only the
     * fields given change) and adds it to the workspace's list {@code listId}.
     */
    public Upserted upsertIntoList(UUID workspaceId, UUID listId, List<JsonNode> batch) {
        List<ImportRow> rows = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            rows.add(ImportRow.read(i + 1, batch.get(i)));
        }
        Set<String> emails = new LinkedHashSet<>();
        rows.stream().filter(ImportRow::isValid).forEach(row -> emails.add(row.input().email()));
        Map<UUID, List<Subscription>> before = members.subscriptionsByContact(
                contacts.idsByEmail(workspaceId, emails).values());
        ImportResult result;
        try {
            result = importer.run(workspaceId, List.of(listId), sink -> rows.forEach(sink));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<UUID> alreadyMembers = new ArrayList<>();
        List<UUID> newMembers = new ArrayList<>();
        for (UUID id : contacts.idsByEmail(workspaceId, emails).values()) {
            boolean member = before.getOrDefault(id, List.of()).stream()
                    .anyMatch(subscription -> subscription.listId().equals(listId));
            (member ? alreadyMembers : newMembers).add(id);
        }
        List<RowProblem> failed = result.failures().stream().map(failure -> new RowProblem((int) failure.row() - 1,
                failure.email(), failure.field(), failure.message())).toList();
        return new Upserted(alreadyMembers, newMembers, failed);
    }
}
