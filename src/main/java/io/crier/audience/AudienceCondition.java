package io.crier.audience;

import java.util.HashMap;
import java.util.Map;

/**
 * A condition on the contact {@code c} as SQL, and the values of its named parameters: values are
 * always bound, never written into the SQL.
 */
public record AudienceCondition(String sql, Map<String, Object> params) {

    public AudienceCondition {
        params = Map.copyOf(params);
    }

    /** This condition, and not {@code other} (whose parameter names differ from this one's). */
    public AudienceCondition andNot(AudienceCondition other) {
        Map<String, Object> both = new HashMap<>(params);
        both.putAll(other.params);
        return new AudienceCondition(sql + " and not " + other.sql, both);
    }
}
