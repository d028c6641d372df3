package io.crier.compat.blueshift;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.crier.campaign.CampaignFilter;
import io.crier.campaign.CampaignStatus;
import io.crier.shared.ApiException;
import io.crier.shared.FieldProblem;
import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;

/**
 * The query of {@code GET /api/v2/campaigns.json}, read into a campaign filter and a page. Every
 * Crier campaign is a one-time campaign without an author, so {@code exec_term} other than
 * {@code one_time}, or any {@code email}, matches nothing. Without {@code startdate}, Blueshift
 * lists only one-time campaigns starting in the last {@value #DEFAULT_DAYS} days (later ones too,
 * and here also drafts with no start date).
 */
final class CampaignListQuery {

    static final int DEFAULT_DAYS = 30;
    private static final Set<String> EXEC_TERMS = Set.of("one_time", "recurring", "on_going", "transactional",
            "onsite");

    private CampaignListQuery() {
    }

    record Parsed(CampaignFilter filter, PageQuery page) {
    }

    static Parsed parse(String name, String email, String createdAfter, String createdBefore, String startdate,
            String archived, String status, String execTerm, String perPage, String page, Clock clock) {
        List<FieldProblem> problems = new ArrayList<>();
        Instant after = instant("created_after", createdAfter, problems);
        Instant before = instant("created_before", createdBefore, problems);
        Instant startsFrom = instant("startdate", startdate, problems);
        Boolean archivedFlag = flag(archived, problems);
        Set<CampaignStatus> statuses = statuses(status, problems);
        if (execTerm != null && !EXEC_TERMS.contains(execTerm)) {
            problems.add(new FieldProblem("exec_term",
                    "must be one of one_time, recurring, on_going, transactional, onsite"));
        }
        int pageNumber = number("page", page, 1, Integer.MAX_VALUE, 1, problems);
        int size = number("per_page", perPage, 1, PageQuery.MAX_LIMIT, PageQuery.DEFAULT_LIMIT, problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        boolean matchesNothing = email != null || (execTerm != null && !execTerm.equals("one_time"));
        CampaignFilter filter = new CampaignFilter(name, after, before,
                startsFrom != null ? startsFrom : clock.instant().minus(Duration.ofDays(DEFAULT_DAYS)),
                startsFrom == null, null, matchesNothing ? Set.of() : statuses, archivedFlag);
        return new Parsed(filter, new PageQuery(pageNumber, size));
    }

    /**
     * The query of the performance summary, {@code GET /api/v1/campaigns.json}: the campaigns
     * starting from {@code start_time} and before {@code end_time} (each optional), in a Blueshift
     * status. Crier keeps no tags, so any {@code tag_data} matches nothing.
     */
    static Parsed summary(String startTime, String endTime, String status, String tagData, String perPage,
            String page) {
        List<FieldProblem> problems = new ArrayList<>();
        Instant from = instant("start_time", startTime, problems);
        Instant to = instant("end_time", endTime, problems);
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(new FieldProblem("end_time", "must not be before start_time"));
        }
        Set<CampaignStatus> statuses = statuses(status, problems);
        int pageNumber = number("page", page, 1, Integer.MAX_VALUE, 1, problems);
        int size = number("per_page", perPage, 1, PageQuery.MAX_LIMIT, PageQuery.DEFAULT_LIMIT, problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        CampaignFilter filter = new CampaignFilter(null, null, null, from, false, to,
                tagData != null ? Set.of() : statuses, null);
        return new Parsed(filter, new PageQuery(pageNumber, size));
    }

    /** The native statuses of a Blueshift status; null (every status) when none is asked for. */
    private static Set<CampaignStatus> statuses(String status, List<FieldProblem> problems) {
        if (status == null) {
            return null;
        }
        Set<CampaignStatus> statuses = BlueshiftStatus.named(status).map(BlueshiftStatus::nativeStatuses).orElse(null);
        if (statuses == null) {
            problems.add(new FieldProblem("status", "must be one of draft, launched, paused, completed"));
        }
        return statuses;
    }

    /** The ISO-8601 instant of a query parameter; null, with a problem naming the field, if it is none. */
    static Instant instant(String field, String value, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (Timestamps.takes(instant)) {
                return instant;
            }
            problems.add(new FieldProblem(field, Timestamps.YEARS));
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be an ISO-8601 time such as 2024-05-21T07:05:00.000Z"));
        }
        return null;
    }

    private static Boolean flag(String value, List<FieldProblem> problems) {
        if (value == null || value.equals("true") || value.equals("false")) {
            return value == null ? null : Boolean.valueOf(value);
        }
        problems.add(new FieldProblem("archived", "must be true or false"));
        return null;
    }

    private static int number(String field, String value, int min, int max, int absent, List<FieldProblem> problems) {
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below, like a number out of range
        }
        problems.add(new FieldProblem(field, "must be a whole number from " + min + " to " + max));
        return absent;
    }
}
