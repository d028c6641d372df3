package io.crier.support;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements Crier sends its database, by kind: a test or the benchmark reads
 * {@link #counts()}, or the engine's {@link #hotPath()}, before and after what it measures. It
 * wraps the application's DataSource (datasource-proxy) once registered as a bean
 * ({@link StatementCounting}). A JDBC batch
 * of n counts n: the database plans and runs each of them (H2 one by one; PostgreSQL's driver
 * sends them together, but still as n statements). A {@code with} statement that writes counts as
 * its write; {@code merge}, {@code checkpoint} and the like as {@link Kind#OTHER}.
 */
public final class StatementCounter implements BeanPostProcessor, QueryExecutionListener {

    public enum Kind {
        SELECT, INSERT, UPDATE, DELETE, OTHER
    }

    /** Statements counted so far, by kind. */
    public record Counts(Map<Kind, Long> byKind) {

        public long total() {
            return byKind.values().stream().mapToLong(Long::longValue).sum();
        }

        public long of(Kind kind) {
            return byKind.getOrDefault(kind, 0L);
        }

        /** What was counted since {@code before}. */
        public Counts since(Counts before) {
            Map<Kind, Long> difference = new EnumMap<>(Kind.class);
            byKind.forEach((kind, count) -> difference.put(kind, count - before.of(kind)));
            return new Counts(difference);
        }

        @Override
        public String toString() {
            return total() + " " + byKind;
        }
    }

    /** The write a {@code with} statement makes, in its main statement or in one of its parts. */
    private static final Pattern WRITE_IN_WITH = Pattern.compile(
            "\\b(insert)\\s+into\\b|\\b(update)\\s+\\w+(\\s+\\w+)?\\s+set\\b|\\b(delete)\\s+from\\b");

    /**
     * The threads of the engine's hot path (DeliveryEngine names them): the dispatcher's claims and
     * completion checks, and the recorder's outcome flushes.
     */
    public static final String[] HOT_PATH = {"crier-dispatcher", "crier-recorder"};

    private static final Pattern NUMBERS = Pattern.compile("[0-9]+");

    private static final Pattern LEDGER = Pattern.compile("\\bdelivery\\b", Pattern.CASE_INSENSITIVE);

    /**
     * Statement texts already classified, and threads' names without their numbers: Crier sends the
     * same texts over and over, and the benchmark runs with this counter, whose CPU would otherwise
     * count as the engine's (its regular expressions over each text were 2.6 % of a benchmark's
     * engine samples). Bounded, since a text with an expanded IN list is new for each length.
     */
    private static final int MAX_REMEMBERED = 10_000;

    private final Map<String, Statement> statements = new ConcurrentHashMap<>();
    private final Map<String, String> threads = new ConcurrentHashMap<>();
    private final Map<Sender, Map<Kind, LongAdder>> bySender = new ConcurrentHashMap<>();
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    /** All statements so far. */
    public Counts counts() {
        return sum(sender -> true);
    }

    /** The statements so far of the engine's {@link #HOT_PATH} on the ledger (the {@code delivery} table). */
    public Counts hotPath() {
        return sum(sender -> sender.ledger() && isHotPath(sender.thread()));
    }

    /**
     * Counts, from now until closed, the hot path's statements on the ledger that concern one
     * campaign: those whose parameters name it, and those that name no campaign at all (the outcome
     * flushes, which carry delivery ids). A claim pass for another campaign names that one, so the
     * campaigns other tests left sending in a shared database do not count.
     */
    public Watch watch(UUID campaignId) {
        Watch watch = new Watch(campaignId);
        watches.add(watch);
        return watch;
    }

    /** The hot-path statements of one campaign, counted since {@link #watch}. */
    public final class Watch implements AutoCloseable {

        private final UUID campaignId;
        private final Map<Kind, LongAdder> counts = newCounts();

        private Watch(UUID campaignId) {
            this.campaignId = campaignId;
        }

        public Counts counts() {
            Map<Kind, Long> sum = new EnumMap<>(Kind.class);
            counts.forEach((kind, count) -> sum.put(kind, count.sum()));
            return new Counts(sum);
        }

        private void count(QueryInfo query, Kind kind, int executions) {
            boolean namesACampaign = false;
            for (List<ParameterSetOperation> parameters : query.getParametersList()) {
                for (ParameterSetOperation parameter : parameters) {
                    Object[] args = parameter.getArgs();
                    if (args.length > 1 && args[1] instanceof UUID id) {
                        if (id.equals(campaignId)) {
                            counts.get(kind).add(executions);
                            return;
                        }
                        namesACampaign = true;
                    }
                }
            }
            if (!namesACampaign) {
                counts.get(kind).add(executions);
            }
        }

        @Override
        public void close() {
            watches.remove(this);
        }
    }

    private static boolean isHotPath(String thread) {
        return Stream.of(HOT_PATH).anyMatch(thread::startsWith);
    }

    private Counts sum(Predicate<Sender> senders) {
        Map<Kind, Long> sum = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            sum.put(kind, 0L);
        }
        bySender.forEach((sender, counts) -> {
            if (senders.test(sender)) {
                counts.forEach((kind, count) -> sum.merge(kind, count.sum(), Long::sum));
            }
        });
        return new Counts(sum);
    }

    /**
     * Who sent a statement: the thread, by its name without numbers (so that a pool's many threads
     * count as one), and whether the statement reads or writes the ledger.
     */
    private record Sender(String thread, boolean ledger) {
    }

    /** What a statement's text is: its kind, and whether it reads or writes the ledger. */
    private record Statement(Kind kind, boolean ledger) {
    }

    private Map<Kind, LongAdder> countsOf(String threadName, boolean ledger) {
        String thread = remembered(threads, threadName, name -> NUMBERS.matcher(name).replaceAll("#"));
        return bySender.computeIfAbsent(new Sender(thread, ledger), sender -> newCounts());
    }

    private static Map<Kind, LongAdder> newCounts() {
        Map<Kind, LongAdder> counts = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            counts.put(kind, new LongAdder());
        }
        return counts;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource)) {
            return ProxyDataSourceBuilder.create(dataSource).name(beanName).listener(this).build();
        }
        return bean;
    }

    @Override
    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
    }

    @Override
    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        for (QueryInfo query : queries) {
            // A prepared batch is one query with a row of parameters per execution.
            int executions = execution.isBatch() ? Math.max(1, query.getParametersList().size()) : 1;
            Statement statement = remembered(statements, query.getQuery(),
                    sql -> new Statement(kindOf(sql), LEDGER.matcher(sql).find()));
            String thread = Thread.currentThread().getName();
            countsOf(thread, statement.ledger()).get(statement.kind()).add(executions);
            if (!watches.isEmpty() && statement.ledger() && isHotPath(thread)) {
                watches.forEach(watch -> watch.count(query, statement.kind(), executions));
            }
        }
    }

    private static <T> T remembered(Map<String, T> known, String key, Function<String, T> make) {
        T value = known.get(key);
        if (value == null) {
            value = make.apply(key);
            if (known.size() < MAX_REMEMBERED) {
                known.put(key, value);
            }
        }
        return value;
    }

    static Kind kindOf(String sql) {
        String text = sql.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("with")) {
            var write = WRITE_IN_WITH.matcher(text);
            if (!write.find()) {
                return Kind.SELECT;
            }
            String verb = write.group(1) != null ? write.group(1) : write.group(2) != null ? write.group(2) : write.group(4);
            return Kind.valueOf(verb.toUpperCase(Locale.ROOT));
        }
        int end = 0;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return switch (text.substring(0, end)) {
            case "select" -> Kind.SELECT;
            case "insert" -> Kind.INSERT;
            case "update" -> Kind.UPDATE;
            case "delete" -> Kind.DELETE;
            default -> Kind.OTHER;
        };
    }
}
