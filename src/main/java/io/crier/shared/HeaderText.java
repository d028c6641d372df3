package io.crier.shared;

/** Text that goes into a mail header as it is, such as a display name: a line break there would start a header of its own. */
public final class HeaderText {

    public static final String ONE_LINE = "[^\\r\\n]*";
    public static final String NO_LINE_BREAKS = "must not contain line breaks";

    private HeaderText() {
    }
}
