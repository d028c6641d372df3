package io.crier;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which tables the SQL in a Java source names, found by a plain scan: every string literal and
 * text block is read (comments are skipped), and a known table after {@code insert into},
 * {@code update}, {@code delete from} or {@code merge into} is a write, after {@code from} or
 * {@code join} a read. A statement built from several literals is seen piece by piece, which is
 * enough as long as each keyword and its table stay in one literal, as Crier's statements do. A
 * table named in {@code WorkspaceRows.of(jdbc, "<table>")} or {@code LeasedQueue.of(jdbc, "<table>")}
 * is a write too: those statements take it as a parameter.
 */
final class SqlTableScan {

    /** One table a literal names; {@code write} when the statement changes it. */
    record Use(String table, boolean write, String literal) {
    }

    private static final Pattern WRITE = Pattern.compile(
            "\\b(?:insert\\s+into|update|delete\\s+from|merge\\s+into)\\s+([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SHARED_STATEMENTS = Pattern.compile("(?:WorkspaceRows|LeasedQueue)\\.of\\(\\s*\\w+\\s*,\\s*\"([a-z_][a-z0-9_]*)\"");
    private static final Pattern READ = Pattern.compile(
            "\\b(?:from|join)\\s+([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);

    private SqlTableScan() {
    }

    /** The known tables each literal of this source writes or reads (a table written is not also listed as read). */
    static List<Use> uses(String source, Set<String> tables) {
        List<Use> uses = new ArrayList<>();
        for (String literal : literals(source)) {
            Set<String> written = new java.util.LinkedHashSet<>();
            collect(WRITE, literal, tables, written);
            Set<String> read = new java.util.LinkedHashSet<>();
            collect(READ, literal, tables, read);
            written.forEach(table -> uses.add(new Use(table, true, literal)));
            read.stream().filter(table -> !written.contains(table))
                    .forEach(table -> uses.add(new Use(table, false, literal)));
        }
        Matcher rows = SHARED_STATEMENTS.matcher(source);
        while (rows.find()) {
            if (tables.contains(rows.group(1))) {
                uses.add(new Use(rows.group(1), true, rows.group()));
            }
        }
        return uses;
    }

    private static void collect(Pattern pattern, String literal, Set<String> tables, Set<String> found) {
        Matcher matcher = pattern.matcher(literal);
        while (matcher.find()) {
            String name = matcher.group(1).toLowerCase(java.util.Locale.ROOT);
            if (tables.contains(name)) {
                found.add(name);
            }
        }
    }

    /** The contents of every string literal and text block, in order; comments and char literals skipped. */
    static List<String> literals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = endOf(source, "\n", i + 2);
            } else if (source.startsWith("/*", i)) {
                i = endOf(source, "*/", i + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                int end = closing(source, "\"\"\"", i + 3);
                literals.add(source.substring(i + 3, end));
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int end = closing(source, String.valueOf(c), i + 1);
                if (c == '"') {
                    literals.add(source.substring(i + 1, end));
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static int endOf(String source, String terminator, int from) {
        int end = source.indexOf(terminator, from);
        return end < 0 ? source.length() : end + terminator.length();
    }

    /** Where the quote that ends a literal begins, skipping escaped characters. */
    private static int closing(String source, String quote, int from) {
        int i = from;
        while (i < source.length() && !source.startsWith(quote, i)) {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, source.length());
    }
}
