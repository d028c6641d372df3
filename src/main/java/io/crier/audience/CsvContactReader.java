package io.crier.audience;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.crier.shared.ApiException;
import io.crier.shared.FieldProblem;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a CSV import (comma-separated, RFC 4180 quoting, UTF-8 unless the request names another
 * charset; a body that is not text in that charset is refused, never patched up) one record at a
 * time. The first row names the columns: {@code email}, {@code firstName}, {@code lastName} and
 * {@code userId} (in any case, with or without {@code _}, {@code -} or spaces), and every other
 * named column becomes a custom field. Empty cells are not given, so they leave existing values
 * alone. Each row becomes the JSON shape of a contact, so it is validated exactly as the JSON API
 * validates.
 */
final class CsvContactReader {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();
    private static final Map<String, String> STANDARD_COLUMNS = Map.of(
            "email", "email", "firstname", "firstName", "lastname", "lastName", "userid", "userId");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private CsvContactReader() {
    }

    /**
     * Checks the whole body (well-formed, with a header naming an email column) before anything
     * is imported; {@code bodyName} is the field a 400 names.
     */
    static RowSource read(ImportBody body, Charset charset, String bodyName) throws IOException {
        Header header;
        try (CSVParser parser = open(body, charset)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw ApiException.invalid(bodyName, "is empty; its first row must name the columns, one of them email");
            }
            header = Header.of(records.next(), bodyName);
            while (records.hasNext()) {
                records.next();
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw ApiException.invalid(bodyName, "is not " + charset.name() + " text; name the file's charset "
                        + "in its Content-Type, e.g. text/csv; charset=windows-1252");
            }
            throw ApiException.invalid(bodyName, "is not well-formed CSV: " + e.getCause().getMessage());
        }
        return sink -> {
            try (CSVParser parser = open(body, charset)) {
                Iterator<CSVRecord> records = parser.iterator();
                records.next();
                long row = 0;
                while (records.hasNext()) {
                    sink.accept(header.row(++row, records.next()));
                }
            }
        };
    }

    private static CSVParser open(ImportBody body, Charset charset) throws IOException {
        // A decoder of its own reports bytes that are no text in the charset; the reader's default replaces them.
        return CSVParser.parse(new InputStreamReader(body.open(), charset.newDecoder()), FORMAT);
    }

    /** A column: a contact field, or a custom field when {@code custom}. */
    private record Column(String name, boolean custom) {
    }

    /** The columns by position; a column without a name is null. */
    private record Header(List<Column> columns) {

        static Header of(CSVRecord names, String bodyName) {
            List<Column> columns = new ArrayList<>();
            Set<Column> seen = new HashSet<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (i == 0 && !name.isEmpty() && name.charAt(0) == BYTE_ORDER_MARK) {
                    name = name.substring(1).trim();
                }
                Column column = name.isEmpty() ? null : column(name);
                if (column != null && !seen.add(column)) {
                    throw ApiException.invalid(bodyName, "names the column " + column.name() + " twice");
                }
                columns.add(column);
            }
            if (!seen.contains(new Column("email", false))) {
                throw ApiException.invalid(bodyName, "needs an email column; its first row must name the columns");
            }
            return new Header(columns);
        }

        private static Column column(String name) {
            String standard = STANDARD_COLUMNS.get(name.toLowerCase(Locale.ROOT).replaceAll("[_\\-\\s]", ""));
            return standard != null ? new Column(standard, false) : new Column(name, true);
        }

        ImportRow row(long row, CSVRecord record) {
            ObjectNode contact = JsonNodeFactory.instance.objectNode();
            ObjectNode customFields = JsonNodeFactory.instance.objectNode();
            int unnamed = -1;
            for (int i = 0; i < record.size(); i++) {
                String value = record.get(i);
                Column column = i < columns.size() ? columns.get(i) : null;
                if (value.isEmpty()) {
                    continue;
                }
                if (column == null) {
                    unnamed = unnamed < 0 ? i : unnamed;
                } else {
                    (column.custom() ? customFields : contact).put(column.name(), value);
                }
            }
            if (unnamed >= 0) {
                return ImportRow.invalid(row, contact.path("email").asString(null),
                        new FieldProblem("column " + (unnamed + 1), "has a value but no name in the first row"));
            }
            if (!customFields.isEmpty()) {
                contact.set("customFields", customFields);
            }
            return ImportRow.read(row, contact);
        }
    }
}
