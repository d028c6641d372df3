package io.crier.audience;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;
import io.crier.shared.StorableText;
import io.crier.shared.Timestamps;

import tools.jackson.databind.JsonNode;

/**
 * Reads a segment's {@code filterCriteria} (docs/api.md, "Segments") into {@link SegmentRule}s,
 * each value checked against its field and operator. Every problem names the rule's path, such as
 * {@code filterCriteria.rules[2].operator}. Which lists the rules name is checked apart, against
 * the workspace.
 */
final class SegmentFilterReader {

    /** Groups nest at most this deep, the filter itself being the first. */
    static final int MAX_DEPTH = 5;
    /** Rules in the whole filter, groups included: each is a condition in the one query. */
    static final int MAX_RULES = 100;
    /** Values of all its {@code in} rules together: each is a bound parameter. */
    static final int MAX_IN_VALUES = 1000;
    static final int MAX_VALUE_LENGTH = 1000;
    static final int MAX_WITHIN_DAYS = 36_500;

    private static final Set<String> GROUP_KEYS = Set.of("match", "rules");
    private static final Set<String> FIELD_KEYS = Set.of("field", "operator", "value");
    private static final Set<String> EVENT_KEYS = Set.of("event", "campaignId", "withinDays", "negate");
    private static final Set<String> LIST_KEYS = Set.of("inList", "negate");
    private static final Set<FieldOperator> TEXT_OPERATORS = EnumSet.of(FieldOperator.EQUALS,
            FieldOperator.NOT_EQUALS, FieldOperator.CONTAINS, FieldOperator.STARTS_WITH, FieldOperator.EXISTS,
            FieldOperator.NOT_EXISTS, FieldOperator.IN);
    private static final Set<FieldOperator> TIME_OPERATORS = EnumSet.of(FieldOperator.BEFORE, FieldOperator.AFTER);

    private final List<FieldProblem> problems = new ArrayList<>();
    private final Map<String, UUID> listsNamed = new LinkedHashMap<>();
    private int rules;
    private int inValues;

    private SegmentFilterReader() {
    }

    /**
     * The filter and its problems; the filter is only to be used when there are none.
     *
     * @param listsNamed the ids its list rules name, by the path of each rule's {@code inList}
     */
    record Read(SegmentRule.Group filter, List<FieldProblem> problems, Map<String, UUID> listsNamed) {
    }

    static Read read(JsonNode filter, String path) {
        SegmentFilterReader reader = new SegmentFilterReader();
        SegmentRule.Group group = reader.group(filter, path, 1);
        if (reader.rules > MAX_RULES) {
            reader.problems.add(new FieldProblem(path, "must have at most " + MAX_RULES + " rules, groups included"));
        }
        return new Read(group, List.copyOf(reader.problems), Collections.unmodifiableMap(reader.listsNamed));
    }

    /**
     * A date ({@code 2026-01-31}, midnight UTC) or an instant with its offset
     * ({@code 2026-01-31T09:30:00Z}); null for any other text.
     */
    static Instant time(String text) {
        try {
            Instant instant = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
            return Timestamps.takes(instant) ? instant : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private SegmentRule.Group group(JsonNode node, String path, int depth) {
        if (!node.isObject()) {
            problems.add(new FieldProblem(path, "must be an object with match and rules"));
            return null;
        }
        rules++;
        unknownKeys(node, path, GROUP_KEYS, "a group");
        boolean all = true;
        JsonNode match = node.get("match");
        if (match != null) {
            if (match.isString() && (match.stringValue().equals("all") || match.stringValue().equals("any"))) {
                all = match.stringValue().equals("all");
            } else {
                problems.add(new FieldProblem(path + ".match", "must be \"all\" or \"any\""));
            }
        }
        JsonNode given = node.get("rules");
        if (given == null || !given.isArray() || given.isEmpty()) {
            problems.add(new FieldProblem(path + ".rules", "must be an array of at least one rule"));
            return new SegmentRule.Group(all, List.of());
        }
        if (depth > MAX_DEPTH) {
            problems.add(new FieldProblem(path, "nests groups deeper than " + MAX_DEPTH + " levels"));
            return new SegmentRule.Group(all, List.of());
        }
        List<SegmentRule> read = new ArrayList<>();
        for (int i = 0; i < given.size() && rules <= MAX_RULES; i++) {
            read.add(rule(given.get(i), path + ".rules[" + i + "]", depth));
        }
        return new SegmentRule.Group(all, read);
    }

    private SegmentRule rule(JsonNode node, String path, int depth) {
        if (!node.isObject()) {
            problems.add(new FieldProblem(path, "must be a rule object"));
            return null;
        }
        if (node.has("rules") || node.has("match")) {
            return group(node, path, depth + 1);
        }
        rules++;
        if (node.has("field")) {
            return field(node, path);
        }
        if (node.has("event")) {
            return event(node, path);
        }
        if (node.has("inList")) {
            return list(node, path);
        }
        problems.add(new FieldProblem(path, "must be a field rule (field), an event rule (event), a list rule"
                + " (inList) or a group (match, rules)"));
        return null;
    }

    private SegmentRule field(JsonNode node, String path) {
        unknownKeys(node, path, FIELD_KEYS, "a field rule");
        JsonNode fieldNode = node.get("field");
        String name = fieldNode.isString() ? fieldNode.stringValue() : "";
        ContactField field = ContactField.fromWire(name).orElse(null);
        String custom = name.startsWith(ContactField.CUSTOM_PREFIX) ? name.substring(ContactField.CUSTOM_PREFIX.length())
                : null;
        if (field == null && (custom == null || custom.isEmpty() || custom.length() > ContactFieldRows.MAX_NAME_LENGTH)) {
            problems.add(new FieldProblem(path + ".field", "must be email, firstName, lastName, createdAt or"
                    + " customFields.<name> (a name of 1 to " + ContactFieldRows.MAX_NAME_LENGTH + " characters)"));
            return null;
        }
        JsonNode operatorNode = node.get("operator");
        FieldOperator operator = operatorNode != null && operatorNode.isString()
                ? FieldOperator.fromWire(operatorNode.stringValue()).orElse(null) : null;
        if (operator == null) {
            problems.add(new FieldProblem(path + ".operator", "must be one of equals, notEquals, contains,"
                    + " startsWith, exists, notExists, gt, lt, before, after, in"));
            return null;
        }
        Set<FieldOperator> allowed = field == null ? EnumSet.allOf(FieldOperator.class)
                : field.isTime() ? TIME_OPERATORS : TEXT_OPERATORS;
        if (!allowed.contains(operator)) {
            problems.add(new FieldProblem(path + ".operator", "does not apply to " + name + "; use one of "
                    + allowed.stream().map(FieldOperator::wire).collect(Collectors.joining(", "))));
            return null;
        }
        JsonNode value = node.get("value");
        if (!operator.takesValue()) {
            if (value != null) {
                problems.add(new FieldProblem(path + ".value", "must be absent: " + operator.wire() + " takes no value"));
            }
            return new SegmentRule.FieldRule(field, custom, operator, null);
        }
        Object checked = value(value, operator, field == null, path + ".value");
        return checked == null ? null : new SegmentRule.FieldRule(field, custom, operator,
                field == ContactField.EMAIL ? lowerCased(checked) : checked);
    }

    /** The value as its operator compares it, or null after adding a problem. */
    private Object value(JsonNode value, FieldOperator operator, boolean custom, String path) {
        if (value == null || value.isNull()) {
            problems.add(new FieldProblem(path, "is required by " + operator.wire()));
            return null;
        }
        return switch (operator) {
            case GT, LT -> number(value, path);
            case BEFORE, AFTER -> time(value, path);
            case CONTAINS, STARTS_WITH -> text(value, path);
            case IN -> values(value, custom, path);
            default -> custom && value.isNumber() ? value.decimalValue()
                    : custom && value.isBoolean() ? value.booleanValue()
                    : text(value, path);
        };
    }

    private Object number(JsonNode value, String path) {
        if (!value.isNumber()) {
            problems.add(new FieldProblem(path, "must be a number"));
            return null;
        }
        return value.decimalValue();
    }

    private Object time(JsonNode value, String path) {
        Instant time = value.isString() ? time(value.stringValue()) : null;
        if (time == null) {
            problems.add(new FieldProblem(path, "must be a date (2026-01-31) or an ISO-8601 instant with its offset"));
        }
        return time;
    }

    private String text(JsonNode value, String path) {
        if (!value.isString()) {
            problems.add(new FieldProblem(path, "must be a string"));
            return null;
        }
        String text = value.stringValue();
        String unstorable = StorableText.problem(text);
        if (unstorable != null || text.length() > MAX_VALUE_LENGTH) {
            problems.add(new FieldProblem(path, unstorable != null ? unstorable
                    : "must be at most " + MAX_VALUE_LENGTH + " characters"));
            return null;
        }
        return text;
    }

    private Object values(JsonNode value, boolean custom, String path) {
        inValues += value.isArray() ? value.size() : 0;
        if (!value.isArray() || value.isEmpty() || inValues > MAX_IN_VALUES) {
            problems.add(new FieldProblem(path, "must be an array of at least one value, and the filter's in rules"
                    + " together have at most " + MAX_IN_VALUES));
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            Object checked = custom && item.isNumber() ? (Object) item.decimalValue() : text(item, path + "[" + i + "]");
            if (checked == null) {
                return null;
            }
            values.add(checked);
        }
        return values;
    }

    private SegmentRule event(JsonNode node, String path) {
        unknownKeys(node, path, EVENT_KEYS, "an event rule");
        JsonNode eventNode = node.get("event");
        ContactEvent event = eventNode.isString() ? ContactEvent.fromWire(eventNode.stringValue()).orElse(null) : null;
        if (event == null) {
            problems.add(new FieldProblem(path + ".event", "must be one of sent, opened, clicked, bounced, unsubscribed"));
        }
        UUID campaignId = null;
        JsonNode campaign = node.get("campaignId");
        if (campaign != null && !campaign.isNull()) {
            campaignId = campaign.isString() ? Ids.parse(campaign.stringValue()).orElse(null) : null;
            if (campaignId == null) {
                problems.add(new FieldProblem(path + ".campaignId", "must be a campaign id"));
            }
        }
        Integer withinDays = null;
        JsonNode within = node.get("withinDays");
        if (within != null && !within.isNull()) {
            if (within.isIntegralNumber() && within.canConvertToInt() && within.intValue() >= 1
                    && within.intValue() <= MAX_WITHIN_DAYS) {
                withinDays = within.intValue();
            } else {
                problems.add(new FieldProblem(path + ".withinDays", "must be a whole number from 1 to " + MAX_WITHIN_DAYS));
            }
        }
        return event == null ? null : new SegmentRule.EventRule(event, campaignId, withinDays, negate(node, path));
    }

    private SegmentRule list(JsonNode node, String path) {
        unknownKeys(node, path, LIST_KEYS, "a list rule");
        JsonNode list = node.get("inList");
        UUID listId = list.isString() ? Ids.parse(list.stringValue()).orElse(null) : null;
        if (listId == null) {
            problems.add(new FieldProblem(path + ".inList", "must be the id of a list or segment"));
        } else {
            listsNamed.put(path + ".inList", listId);
        }
        boolean negate = negate(node, path);
        return listId == null ? null : new SegmentRule.ListRule(listId, negate);
    }

    private boolean negate(JsonNode node, String path) {
        JsonNode negate = node.get("negate");
        if (negate == null || negate.isNull()) {
            return false;
        }
        if (!negate.isBoolean()) {
            problems.add(new FieldProblem(path + ".negate", "must be true or false"));
            return false;
        }
        return negate.booleanValue();
    }

    private void unknownKeys(JsonNode node, String path, Set<String> known, String what) {
        node.propertyNames().stream().filter(key -> !known.contains(key)).sorted().forEach(key ->
                problems.add(new FieldProblem(path + "." + key, "is not a property of " + what)));
    }

    @SuppressWarnings("unchecked")
    private static Object lowerCased(Object value) {
        return value instanceof List<?> list ? ((List<Object>) list).stream().map(SegmentFilterReader::lowerCased).toList()
                : value instanceof String text ? text.toLowerCase(Locale.ROOT) : value;
    }
}
