package io.crier.audience;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import io.crier.shared.ApiException;
import io.crier.shared.FieldProblem;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

/**
 * Reads a bulk import body, either an array of contacts or {@code {"contacts": [...], "listIds": [...]}}
 * with its keys in any order, with Jackson's streaming parser: only one contact is ever bound to a
 * tree. A first pass checks the JSON and finds the list ids; the second hands out the contacts.
 */
@Component
class JsonContactReader {

    private static final String SHAPE = "must be an array of contacts or an object with a contacts array";
    /** Far more than a contact with every field and the largest custom fields has. */
    static final int MAX_CONTACT_TOKENS = 50_000;

    /** Reads one value at a time from a longer stream, so what follows a value is no error. */
    private final ObjectReader values;

    JsonContactReader(JsonMapper json) {
        this.values = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A checked bulk import: the list ids its body names and its contacts. */
    record Bulk(List<String> listIds, RowSource contacts) {
    }

    Bulk read(ImportBody body) throws IOException {
        try (JsonParser parser = values.createParser(body.open())) {
            JsonToken root = parser.nextToken();
            List<String> listIds = List.of();
            if (root == JsonToken.START_ARRAY) {
                checkContacts(parser);
            } else if (root == JsonToken.START_OBJECT) {
                listIds = checkObject(parser);
            } else {
                throw ApiException.invalid("body", SHAPE);
            }
            if (parser.nextToken() != null) {
                throw ApiException.invalid("body", "has more content after the end of its JSON value");
            }
            boolean wrapped = root == JsonToken.START_OBJECT;
            return new Bulk(listIds, sink -> readContacts(body, wrapped, sink));
        } catch (JacksonException e) {
            throw ApiException.invalid("body", "is not well-formed JSON" + where(e.getLocation()));
        }
    }

    /** Checks the wrapper object has one contacts array and reads its list ids, if it has any. */
    private List<String> checkObject(JsonParser parser) {
        boolean hasContacts = false;
        List<String> listIds = List.of();
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "contacts" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw ApiException.invalid("contacts", "must be an array");
                    }
                    if (hasContacts) {
                        throw ApiException.invalid("contacts", "is given twice");
                    }
                    hasContacts = true;
                    checkContacts(parser);
                }
                case "listIds" -> listIds = listIds(shallowArray(parser));
                default -> parser.skipChildren();
            }
        }
        if (!hasContacts) {
            throw ApiException.invalid("contacts", "is required");
        }
        return listIds;
    }

    /**
     * Skips the contacts array, refusing a contact of more than {@value #MAX_CONTACT_TOKENS} JSON
     * tokens: the import holds each contact whole, and no contact needs that many (its custom
     * fields are at most {@value Contact#MAX_CUSTOM_FIELDS_LENGTH} characters).
     */
    private static void checkContacts(JsonParser parser) {
        for (int row = 0; parser.nextToken() != JsonToken.END_ARRAY; row++) {
            int depth = parser.currentToken().isStructStart() ? 1 : 0;
            for (int tokens = 0; depth > 0; tokens++) {
                if (tokens == MAX_CONTACT_TOKENS) {
                    throw ApiException.invalid("contacts[" + row + "]", "is larger than a contact can be");
                }
                JsonToken token = parser.nextToken();
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            }
        }
    }

    /**
     * The list ids array, read element by element so that one longer than any import needs is
     * refused before it is held; an element that is an object or array is kept empty (it is no id).
     */
    private JsonNode shallowArray(JsonParser parser) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            return shallow(parser);
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (array.size() == ContactJson.MAX_LIST_IDS) {
                throw ApiException.invalid("listIds", ContactJson.TOO_MANY_LIST_IDS);
            }
            array.add(shallow(parser));
        }
        return array;
    }

    private JsonNode shallow(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token.isStructStart()) {
            parser.skipChildren();
            return token == JsonToken.START_ARRAY ? JsonNodeFactory.instance.arrayNode()
                    : JsonNodeFactory.instance.objectNode();
        }
        return values.readTree(parser);
    }

    private static List<String> listIds(JsonNode value) {
        List<FieldProblem> problems = new ArrayList<>();
        List<String> ids = ContactJson.listIds(value, problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return ids;
    }

    private void readContacts(ImportBody body, boolean wrapped, Consumer<ImportRow> sink) throws IOException {
        try (JsonParser parser = values.createParser(body.open())) {
            parser.nextToken();
            if (wrapped) {
                while (!"contacts".equals(parser.nextName())) {
                    parser.nextToken();
                    parser.skipChildren();
                }
                parser.nextToken();
            }
            long row = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                JsonNode contact = values.readTree(parser);
                sink.accept(ImportRow.read(++row, contact == null ? NullNode.getInstance() : contact));
            }
        }
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
