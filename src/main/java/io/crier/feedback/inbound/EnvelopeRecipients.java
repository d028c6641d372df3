package io.crier.feedback.inbound;

import java.util.Arrays;
import java.util.List;

/**
 * A message's envelope recipients in one column: space-separated (no address holds an unquoted
 * space, and the listener takes none that does), clipped to what the column holds.
 */
final class EnvelopeRecipients {

    static final int COLUMN_LENGTH = 4000;

    private EnvelopeRecipients() {
    }

    static String join(List<String> recipients) {
        StringBuilder joined = new StringBuilder();
        for (String recipient : recipients) {
            String address = recipient.strip().replace(' ', '_');
            if (joined.length() + address.length() + 1 > COLUMN_LENGTH) {
                break;
            }
            joined.append(joined.isEmpty() ? "" : " ").append(address);
        }
        return joined.toString();
    }

    static List<String> split(String column) {
        return column.isBlank() ? List.of() : Arrays.asList(column.split(" "));
    }
}
