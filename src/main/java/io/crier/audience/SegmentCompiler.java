package io.crier.audience;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.crier.shared.Timestamps;

import tools.jackson.databind.json.JsonMapper;

/**
 * Turns lists and segments into one SQL condition on the contact {@code c}: a segment's filter
 * becomes nested {@code and}/{@code or}/{@code exists}, each value a bound parameter
 * ({@code :seg0}, {@code :seg1}, ...), never text in the SQL. A list rule naming a segment, and a
 * sub-segment's parent, are compiled in place, at most {@value #MAX_SEGMENT_DEPTH} deep; a
 * segment that comes back to itself (which writing one refuses), an unreadable filter or a list
 * that is gone match nothing. Event rules are the SQL of the module that records the event
 * ({@link ContactEventSql}). "Within N days" counts back from the clock's now.
 */
@Component
class SegmentCompiler {

    /** Segments named in segments (in list rules or as parents), the outermost being the first. */
    static final int MAX_SEGMENT_DEPTH = 5;
    /** Values one segment's query may bind, with the segments it names; checked when a segment is written. */
    static final int MAX_PARAMETERS = 10_000;
    private static final String NOTHING = "1 = 0";

    private final ListRepository lists;
    private final Map<ContactEvent, ContactEventSql> events = new HashMap<>();
    private final JsonMapper json;
    private final Clock clock;

    SegmentCompiler(ListRepository lists, List<ContactEventSql> eventSql, JsonMapper json, Clock clock) {
        this.lists = lists;
        eventSql.forEach(sql -> sql.events().forEach(event -> events.put(event, sql)));
        this.json = json;
        this.clock = clock;
    }

    /**
     * Members of a list or matches of a segment among {@code included}, and of none among
     * {@code excluded}. Lists alone give the same condition as before segments.
     */
    AudienceCondition audience(UUID workspaceId, List<UUID> included, List<UUID> excluded) {
        Map<UUID, ListDefinition> found = new HashMap<>();
        Set<UUID> all = new LinkedHashSet<>(included);
        all.addAll(excluded);
        lists.definitions(workspaceId, all).forEach(list -> found.put(list.id(), list));
        if (found.values().stream().noneMatch(ListDefinition::isSegment)) {
            return new AudienceCondition(AudienceSql.inLists(!excluded.isEmpty()), excluded.isEmpty()
                    ? Map.of("included", included) : Map.of("included", included, "excluded", excluded));
        }
        Compilation sql = new Compilation(workspaceId);
        String condition = sql.anyOf(included, found, true);
        if (!excluded.isEmpty()) {
            condition += " and not " + sql.anyOf(excluded, found, false);
        }
        return new AudienceCondition(condition, sql.params);
    }

    /** The contacts of one list or segment. */
    AudienceCondition members(ContactList list) {
        Compilation sql = new Compilation(list.workspaceId());
        return new AudienceCondition(sql.of(list.definition()), sql.params);
    }

    /** True when the segment, as it now stands, comes back to itself through its list rules or parents. */
    boolean refersToItself(ContactList segment) {
        Compilation sql = new Compilation(segment.workspaceId());
        sql.of(segment.definition());
        return sql.cyclic;
    }

    /** One compilation: its parameters, and the segments being compiled around the current rule. */
    private final class Compilation {

        private final UUID workspaceId;
        private final Instant now = Timestamps.now(clock);
        private final Map<String, Object> params = new HashMap<>();
        private final Deque<UUID> within = new ArrayDeque<>();
        private boolean cyclic;

        Compilation(UUID workspaceId) {
            this.workspaceId = workspaceId;
        }

        String param(Object value) {
            String name = "seg" + params.size();
            params.put(name, value);
            return ":" + name;
        }

        /**
         * Member of a list (subscribed, if {@code subscribed}: to mail; any, to leave out), or match
         * of a segment, among these.
         */
        String anyOf(Collection<UUID> ids, Map<UUID, ListDefinition> found, boolean subscribed) {
            List<String> parts = new ArrayList<>();
            List<UUID> plain = ids.stream().filter(id -> !found.containsKey(id) || !found.get(id).isSegment()).toList();
            if (!plain.isEmpty()) {
                String param = param(plain);
                parts.add(subscribed ? AudienceSql.subscribedTo(param) : AudienceSql.memberOf(param));
            }
            ids.stream().filter(id -> found.containsKey(id) && found.get(id).isSegment())
                    .forEach(id -> parts.add(of(found.get(id))));
            return "(" + String.join(" or ", parts) + ")";
        }

        String of(ListDefinition list) {
            if (!list.isSegment()) {
                return AudienceSql.subscribedTo(param(list.id()));
            }
            if (within.contains(list.id()) || within.size() >= MAX_SEGMENT_DEPTH) {
                cyclic |= within.contains(list.id());
                return NOTHING;
            }
            SegmentFilterReader.Read read = SegmentFilterReader.read(json.readTree(list.filterCriteria()), "filterCriteria");
            if (!read.problems().isEmpty()) {
                return NOTHING;
            }
            within.push(list.id());
            String condition = rule(read.filter());
            if (list.parentListId() != null) {
                condition = "(" + condition + " and " + named(list.parentListId()) + ")";
            }
            within.pop();
            return condition;
        }

        private String named(UUID listId) {
            return lists.definition(workspaceId, listId).map(this::of).orElse(NOTHING);
        }

        private String rule(SegmentRule rule) {
            return switch (rule) {
                case SegmentRule.Group group -> "(" + group.rules().stream().map(this::rule)
                        .collect(Collectors.joining(group.all() ? " and " : " or ")) + ")";
                case SegmentRule.ListRule list -> (list.negate() ? "not " : "") + named(list.listId());
                case SegmentRule.EventRule event -> event(event);
                case SegmentRule.FieldRule field -> field.field() != null ? ownField(field) : customField(field);
            };
        }

        private String event(SegmentRule.EventRule rule) {
            ContactEventSql sql = Optional.ofNullable(events.get(rule.event())).orElseThrow(() ->
                    new IllegalStateException("No module records " + rule.event().wire() + " events"));
            String campaign = rule.campaignId() == null ? null : param(rule.campaignId());
            String since = rule.withinDays() == null ? null
                    : param(Timestamps.toDb(now.minus(Duration.ofDays(rule.withinDays()))));
            return (rule.negate() ? "not " : "") + sql.happened(rule.event(), campaign, since);
        }

        private String ownField(SegmentRule.FieldRule rule) {
            String column = rule.field().column();
            return switch (rule.operator()) {
                case EQUALS -> column + " = " + param(rule.value());
                case NOT_EQUALS -> "(" + column + " is null or " + column + " <> " + param(rule.value()) + ")";
                case CONTAINS, STARTS_WITH -> like("lower(" + column + ")", rule);
                case EXISTS -> column + " is not null";
                case NOT_EXISTS -> column + " is null";
                case IN -> column + " in (" + param(rule.value()) + ")";
                case BEFORE -> column + " < " + param(Timestamps.toDb((Instant) rule.value()));
                case AFTER -> column + " > " + param(Timestamps.toDb((Instant) rule.value()));
                case GT, LT -> throw new IllegalArgumentException(rule.operator() + " on " + rule.field());
            };
        }

        private String customField(SegmentRule.FieldRule rule) {
            Function<String, String> field = value -> "exists (select 1 from contact_field f where f.contact_id = c.id"
                    + " and f.name = " + param(rule.customField()) + (value.isEmpty() ? "" : " and " + value) + ")";
            return switch (rule.operator()) {
                case EQUALS -> field.apply(equalTo(rule.value()));
                case NOT_EQUALS -> "not " + field.apply(equalTo(rule.value()));
                case CONTAINS, STARTS_WITH -> field.apply(like("lower(f.text_value)", rule));
                case EXISTS -> field.apply("");
                case NOT_EXISTS -> "not " + field.apply("");
                case GT -> field.apply("f.number_value > " + param(rule.value()));
                case LT -> field.apply("f.number_value < " + param(rule.value()));
                case BEFORE -> field.apply("f.time_value < " + param(Timestamps.toDb((Instant) rule.value())));
                case AFTER -> field.apply("f.time_value > " + param(Timestamps.toDb((Instant) rule.value())));
                case IN -> field.apply(oneOf((List<?>) rule.value()));
            };
        }

        private String equalTo(Object value) {
            return value instanceof BigDecimal ? "f.number_value = " + param(value)
                    : "f.text_value = " + param(value.toString());
        }

        private String oneOf(List<?> values) {
            List<String> texts = values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
            List<?> numbers = values.stream().filter(value -> !(value instanceof String)).toList();
            List<String> parts = new ArrayList<>();
            if (!texts.isEmpty()) {
                parts.add("f.text_value in (" + param(texts) + ")");
            }
            if (!numbers.isEmpty()) {
                parts.add("f.number_value in (" + param(numbers) + ")");
            }
            return "(" + String.join(" or ", parts) + ")";
        }

        /** Contains or starts with the value, ignoring case, its own % and _ taken literally. */
        private String like(String lowered, SegmentRule.FieldRule rule) {
            String text = ContactRepository.escapeLike(((String) rule.value()).toLowerCase(Locale.ROOT));
            return lowered + " like " + param((rule.operator() == FieldOperator.CONTAINS ? "%" : "") + text + "%")
                    + " escape '\\'";
        }
    }
}
