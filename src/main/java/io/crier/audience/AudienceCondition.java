package io.crier.audience;

import java.util.Map;

/**
 * A condition on the contact {@code c} as SQL, and the values of its named parameters: values are
 * always bound, never written into the SQL.
 */
public record AudienceCondition(String sql, Map<String, Object> params) {

    public AudienceCondition {
        params = Map.copyOf(params);
    }
}
