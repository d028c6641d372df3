package io.crier.audience;

import java.util.List;

import io.crier.shared.FieldProblem;

import tools.jackson.databind.JsonNode;

/**
 * One contact of a bulk import: its 1-based position among the imported contacts (a CSV header
 * row is not counted), the email as given (for the report), and the contact or why it is invalid.
 */
record ImportRow(long row, String email, ContactInput input, List<FieldProblem> problems) {

    static ImportRow read(long row, JsonNode contact) {
        ContactJson.Parsed parsed = ContactJson.read(contact, "contact", true);
        return new ImportRow(row, ContactJson.rawEmail(contact), parsed.input(), parsed.problems());
    }

    static ImportRow invalid(long row, String email, FieldProblem problem) {
        return new ImportRow(row, email, null, List.of(problem));
    }

    boolean isValid() {
        return problems.isEmpty();
    }
}
