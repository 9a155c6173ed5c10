package scrim.packages.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the man page scrim(1) from the text {@code scrim --help} prints (bundles/scrim.cli/.../help.txt), so
 * the two never differ. The help text's shape: a title line "Scrim: what it is", a "Usage:" block of commands
 * (two-space indented "scrim ..." lines, deeper indented continuations and descriptions), an "Options:" block
 * ("  --name ARG   what it does", continuations indented further), then paragraphs that start with a
 * heading such as "Plugins:" or "Exit status:". Build-time tool: run by exec-maven-plugin.
 */
public final class ManPage {
    private static final Pattern COMMAND = Pattern.compile("^  (scrim\\b.*)$");
    private static final Pattern OPTION = Pattern.compile("^  (-\\S.*?)(?: {2,}(\\S.*))?$");
    private static final Pattern HEADING = Pattern.compile("^([A-Z][a-z]+(?: [a-z]+)?):(?: (.*))?$");

    private final StringBuilder out = new StringBuilder();

    /** Arguments: help.txt, the man page to write (.gz), the version, the date (YYYY-MM-DD). */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: ManPage HELP.txt OUT.1.gz VERSION DATE");
        }
        List<String> help = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        String page = new ManPage().convert(help, args[2], args[3]);
        Path target = Path.of(args[1]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (OutputStream o = Files.newOutputStream(target)) {
            o.write(Gzip.best(page.getBytes(StandardCharsets.UTF_8)));
        }
    }

    String convert(List<String> help, String version, String date) {
        if (help.isEmpty() || !help.get(0).startsWith("Scrim: ")) {
            throw new IllegalArgumentException("help.txt must start with \"Scrim: WHAT IT IS\", not: "
                    + (help.isEmpty() ? "(empty)" : help.get(0)));
        }
        out.append(".\\\" Generated from bundles/scrim.cli/src/scrim/cli/internal/help.txt: edit that file.\n");
        out.append(".TH SCRIM 1 \"").append(date).append("\" \"Scrim ").append(text(version))
                .append("\" \"User Commands\"\n");
        out.append(".nh\n.ad l\n"); // options must not be hyphenated or stretched
        String what = help.get(0).substring("Scrim: ".length()).replaceFirst("\\.$", "");
        out.append(".SH NAME\nscrim \\- ").append(text(what)).append('\n');
        String section = "";
        List<String> item = new ArrayList<>();
        for (String line : help.subList(1, help.size())) {
            Matcher heading = HEADING.matcher(line);
            if (line.equals("Usage:") || line.equals("Options:")) {
                flush(section, item);
                section = line;
                out.append(".SH ").append(line.equals("Usage:") ? "COMMANDS" : "OPTIONS").append('\n');
            } else if (heading.matches()) {
                flush(section, item);
                section = "text";
                out.append(".SH ").append(heading.group(1).toUpperCase()).append('\n');
                if (heading.group(2) != null) {
                    item.add(heading.group(2));
                }
            } else if (line.isBlank()) {
                flush(section, item);
            } else if (section.equals("Usage:") && COMMAND.matcher(line).matches()
                    || section.equals("Options:") && OPTION.matcher(line).matches()) {
                flush(section, item);
                item.add(line);
            } else {
                item.add(line);
            }
        }
        flush(section, item);
        return out.toString();
    }

    /** Writes one command, option or paragraph: a tagged paragraph whose tag is the synopsis, in bold. */
    private void flush(String section, List<String> item) {
        if (item.isEmpty()) {
            return;
        }
        if (section.equals("Usage:")) {
            // the synopsis: the "scrim ..." line and its continuations ("[--option ...]")
            int n = 1;
            while (n < item.size() && item.get(n).trim().startsWith("[")) {
                n++;
            }
            tagged(joined(item.subList(0, n)), item.subList(n, item.size()));
        } else if (section.equals("Options:")) {
            Matcher m = OPTION.matcher(item.get(0));
            if (!m.matches()) {
                throw new IllegalStateException("not an option line: " + item.get(0));
            }
            List<String> body = new ArrayList<>();
            if (m.group(2) != null) {
                body.add(m.group(2));
            }
            body.addAll(item.subList(1, item.size()));
            tagged(m.group(1), body);
        } else {
            out.append(".PP\n");
            lines(item);
        }
        item.clear();
    }

    private void tagged(String tag, List<String> body) {
        // every dash a minus in a synopsis: "--wait-for-plugins" must not break at its hyphens
        out.append(".TP\n.B ").append(text(tag).replaceAll("(?<!\\\\)-", "\\\\-")).append('\n');
        lines(body);
    }

    private void lines(List<String> body) {
        for (String line : body) {
            out.append(text(line.strip())).append('\n');
        }
    }

    private static String joined(List<String> lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(b.length() == 0 ? "" : " ").append(l.strip());
        }
        return b.toString();
    }

    /** Escapes a line of text for roff: backslashes, a leading dot or quote, and dashes that start a word. */
    static String text(String s) {
        String t = s.replace("\\", "\\e").replaceAll("(^|[\\s\\[(|,=])-", "$1\\\\-").replace("\\--", "\\-\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}
