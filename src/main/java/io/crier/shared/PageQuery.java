package io.crier.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A page of a listing: {@code page} counts from 1, {@code limit} is at most {@value #MAX_LIMIT}. */
public record PageQuery(int page, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public PageQuery {
        if (page < 1) {
            throw ApiException.invalid("page", "must be 1 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    public long offset() {
        return (long) (page - 1) * limit;
    }

    /**
     * AutoSend's listing shapes, both: {@code {"<itemsName>": [...], "pagination": {page, limit, total, pages}}}
     * as its campaign listing answers, and the flat {@code total, page, limit, totalPages} its webhook
     * listing answers, so a client written against either page reads its own.
     */
    public Map<String, Object> result(String itemsName, List<?> items, long total) {
        long pages = (total + limit - 1) / limit;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(itemsName, items);
        body.put("total", total);
        body.put("page", page);
        body.put("limit", limit);
        body.put("totalPages", pages);
        body.put("pagination", new Pagination(page, limit, total, pages));
        return body;
    }

    public record Pagination(int page, int limit, long total, long pages) {
    }
}
