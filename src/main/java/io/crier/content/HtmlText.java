package io.crier.content;

import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The plain-text part of a message that has only HTML: the HTML source (placeholders and all)
 * read by jsoup and written as text once per campaign, so each recipient's text part is then one
 * more placeholder substitution. Blocks become lines, paragraphs and headings are set apart,
 * list items get a dash, and a link keeps its address after its text.
 */
final class HtmlText implements NodeVisitor {

    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "center", "dd",
            "div", "dl", "dt", "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
            "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead",
            "tr", "ul");
    private static final Set<String> SEPARATED = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
            "table", "ul", "ol", "pre", "hr");
    private static final Set<String> UNSEEN = Set.of("head", "script", "style", "template", "title", "noscript");

    private final StringBuilder out = new StringBuilder();
    private int preDepth;

    private HtmlText() {
    }

    static String of(String html) {
        HtmlText text = new HtmlText();
        Element body = Jsoup.parse(html).body();
        body.traverse(text);
        return text.result();
    }

    @Override
    public void head(Node node, int depth) {
        if (node instanceof TextNode textNode) {
            if (!hidden(node)) {
                appendText(preDepth > 0 ? textNode.getWholeText() : collapse(textNode.getWholeText()));
            }
            return;
        }
        if (!(node instanceof Element element) || hidden(node)) {
            return;
        }
        String tag = element.normalName();
        if (tag.equals("pre")) {
            preDepth++;
        }
        if (tag.equals("br")) {
            out.append('\n');
        } else if (BLOCKS.contains(tag)) {
            endLine(SEPARATED.contains(tag));
            if (tag.equals("li")) {
                out.append("- ");
            } else if (tag.equals("hr")) {
                out.append("----");
            }
        }
    }

    @Override
    public void tail(Node node, int depth) {
        if (!(node instanceof Element element) || hidden(node)) {
            return;
        }
        String tag = element.normalName();
        if (tag.equals("pre")) {
            preDepth--;
        }
        if (tag.equals("a")) {
            String href = element.attr("href").trim();
            if (!href.isEmpty() && !href.startsWith("#") && !href.equals(element.text().trim())) {
                appendText(" (" + href + ")");
            }
        } else if (tag.equals("td") || tag.equals("th")) {
            out.append(' ');
        } else if (BLOCKS.contains(tag)) {
            endLine(SEPARATED.contains(tag));
        }
    }

    /** Inside an element a reader never sees (head, style, script) or that hides itself. */
    private static boolean hidden(Node node) {
        for (Node at = node; at != null; at = at.parent()) {
            if (at instanceof Element element && (UNSEEN.contains(element.normalName())
                    || element.attr("style").replace(" ", "").toLowerCase(java.util.Locale.ROOT)
                            .contains("display:none"))) {
                return true;
            }
        }
        return false;
    }

    private void appendText(String text) {
        boolean lineStart = out.isEmpty() || out.charAt(out.length() - 1) == '\n';
        out.append(lineStart ? text.stripLeading() : text);
    }

    /** Ends the current line, if any; with {@code blankLine}, leaves an empty line after it. */
    private void endLine(boolean blankLine) {
        trimTrailingSpaces();
        if (out.isEmpty()) {
            return;
        }
        if (out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        if (blankLine && (out.length() < 2 || out.charAt(out.length() - 2) != '\n')) {
            out.append('\n');
        }
    }

    private void trimTrailingSpaces() {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
    }

    private String result() {
        return out.toString().strip().replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n") + "\n";
    }

    private static String collapse(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
