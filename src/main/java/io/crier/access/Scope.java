package io.crier.access;

import java.util.EnumSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import org.springframework.http.HttpStatus;

import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.WireValue;

/** What an API key may do. Each scope stands alone: {@code admin} does not imply {@code write}. */
public enum Scope implements WireValue {
    /** Read any object of the workspace. */
    READ("read"),
    /** Create, change and delete contacts, lists, templates and campaigns. */
    WRITE("write"),
    /**
     * Start, pause, resume and abort campaigns, and whatever else makes mail go out or changes what
     * a campaign that is no longer a draft sends.
     */
    SEND("send"),
    /** Manage the workspace's API keys, DKIM keys, webhooks and suppressions. */
    ADMIN("admin"),
    /**
     * Create workspaces: the installation's, not a workspace's. Held by the bootstrap key and the
     * keys it grants it to; never by the first key of a new workspace.
     */
    INSTALLATION("installation");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Scope of(String value) {
        return WireValue.parse(Scope.class, value);
    }

    public static Set<Scope> all() {
        return EnumSet.allOf(Scope.class);
    }

    /** Every scope within one workspace: what the first key of a new workspace holds. */
    public static Set<Scope> ofWorkspace() {
        return EnumSet.complementOf(EnumSet.of(INSTALLATION));
    }

    /**
     * The 403 for a key without this scope. {@code purpose} says what the call needs it for (e.g.
     * "to start sending"), or is empty when the call itself is the purpose.
     */
    public ApiException lacking(String purpose) {
        return new ApiException(HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "This API key lacks the '" + wire
                + "' scope this call needs" + (purpose.isEmpty() ? "" : " " + purpose));
    }
}
