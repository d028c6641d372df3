package io.crier.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;

/**
 * A campaign's HTML made ready for tracking, once per campaign: jsoup finds each link and the
 * body's end tag with their positions in the source, and only those spots change, so the rest of
 * the source, placeholders included, stays exactly as written. Each tracked link's address becomes
 * a placeholder for the recipient's redirect, and the open pixel goes before the body's end tag;
 * rendering a recipient then stays a placeholder substitution.
 *
 * <p>Tracked links are {@code <a href>} whose address starts with {@code http://} or
 * {@code https://}, placeholders after that included (the redirect renders them for the recipient
 * at click time, see {@link MessageTemplate#linkFor}). Not tracked: other schemes (mailto, tel),
 * anchors, relative addresses, addresses that are a placeholder as a whole or have one before
 * their path (in the host or port: the redirect on Crier's domain would lead wherever a
 * recipient's data says), and the unsubscribe link.
 */
final class TrackedHtml {

    /**
     * The HTML with tracking placeholders, and each tracked link's address as written (HTML entities
     * decoded, placeholders kept) by position.
     */
    record Result(String html, List<String> links) {
    }

    static final String OPEN_VARIABLE = "crier_open";
    static final String LINK_VARIABLE_PREFIX = "crier_link_";

    private TrackedHtml() {
    }

    static Result of(String source, Tracking tracking) {
        Document document = Parser.htmlParser().setTrackPosition(true).parseInput(source, "");
        List<String> links = new ArrayList<>();
        StringBuilder html = new StringBuilder(source.length() + 256);
        int copied = 0;
        if (tracking.clicks()) {
            for (Element anchor : document.select("a[href]")) {
                String href = anchor.attr("href").strip();
                Range value = anchor.attributes().sourceRange("href").valueRange();
                if (tracked(href) && value.isTracked() && value.startPos() >= copied) {
                    html.append(source, copied, value.startPos())
                            .append("{{ ").append(LINK_VARIABLE_PREFIX).append(links.size()).append(" | raw }}");
                    copied = value.endPos();
                    links.add(href);
                }
            }
        }
        int pixelAt = source.length();
        if (tracking.opens()) {
            Range bodyEnd = document.body().endSourceRange();
            if (bodyEnd.isTracked() && !bodyEnd.isImplicit() && bodyEnd.startPos() >= copied) {
                pixelAt = bodyEnd.startPos();
            }
        }
        html.append(source, copied, pixelAt);
        if (tracking.opens()) {
            html.append("<img src=\"{{ ").append(OPEN_VARIABLE).append(" | raw }}\" width=\"1\" height=\"1\" alt=\"\""
                    + " style=\"display:block;width:1px;height:1px;border:0\">");
        }
        html.append(source, pixelAt, source.length());
        return new Result(html.toString(), List.copyOf(links));
    }

    /**
     * A link with placeholders is rendered on its own at click time, so its placeholders must make
     * sense on their own: a block that opens in one address and closes outside it does not.
     */
    static boolean tracked(String href) {
        String lower = href.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://")) || lower.contains("unsubscribeurl")) {
            return false;
        }
        return !href.contains("{") || (!placeholderBeforePath(href) && Placeholders.parses(href));
    }

    /** Whether a placeholder comes before the path (or query, or fragment) of an http(s) link. */
    private static boolean placeholderBeforePath(String href) {
        int path = href.indexOf("//") + 2;
        while (path < href.length() && "/?#\\".indexOf(href.charAt(path)) < 0) {
            path++;
        }
        return href.substring(0, path).contains("{");
    }
}
