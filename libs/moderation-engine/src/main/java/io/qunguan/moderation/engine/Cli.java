package io.qunguan.moderation.engine;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar qunguan-moderation-engine.jar [--lexicon DIR]}: one message per line on stdin, one JSON
 * object per line on stdout: {@code {"line": n, "findings": [{"category", "rule", "severity", "start", "end",
 * "term", "text"}]}}. Offsets are UTF-16 offsets into the line. Without {@code --lexicon} the starter lexicon.
 */
public final class Cli {

    private Cli() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)), System.err));
    }

    static int run(String[] args, BufferedReader in, BufferedWriter out, PrintStream err) throws IOException {
        ModerationEngine engine;
        try {
            engine = engine(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("usage: java -jar qunguan-moderation-engine.jar [--lexicon DIR] < messages.txt");
            return 2;
        }
        String line;
        long number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            List<Finding> findings = engine.scan(line);
            out.write(json(number, line, findings));
            out.newLine();
        }
        out.flush();
        return 0;
    }

    private static ModerationEngine engine(String[] args) {
        if (args.length == 0) {
            return ModerationEngine.starter();
        }
        if (args.length == 2 && args[0].equals("--lexicon")) {
            return ModerationEngine.load(Path.of(args[1]));
        }
        throw new IllegalArgumentException("unexpected arguments " + String.join(" ", args));
    }

    static String json(long line, String message, List<Finding> findings) {
        StringBuilder out = new StringBuilder("{\"line\": ").append(line).append(", \"findings\": [");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            out.append(i == 0 ? "" : ", ").append("{\"category\": ");
            string(out, f.category()).append(", \"rule\": ");
            string(out, f.ruleId()).append(", \"severity\": ");
            string(out, f.severity()).append(", \"start\": ").append(f.start()).append(", \"end\": ").append(f.end())
                    .append(", \"term\": ");
            string(out, f.term()).append(", \"text\": ");
            string(out, f.text(message)).append('}');
        }
        return out.append("]}").toString();
    }

    private static StringBuilder string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validPair(value, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static boolean validPair(String value, int i) {
        char c = value.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
