package io.qunguan.moderation.engine;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * E-mail addresses and links: URLs with or without a scheme, bare domains with a known top-level domain,
 * IP literals, punycode and internationalised names. A link is reported when its host or a parent domain
 * is blocked, or when it cannot be verified: a link shortener, a public IP literal, or a name mixing scripts
 * (a look-alike of a known name). Hosts are compared after folding, so {@code bеt365.com} with a Cyrillic
 * {@code е} meets the blocked {@code bet365.com}. A link whose path names an executable or installer
 * ({@code .exe}, {@code .apk}, {@code .msi}, …) is reported too, on any host, private networks included: a
 * link to an intranet page is work, a program to run from a chat message is not judged from the message.
 */
final class Links {

    private static final Set<String> TOP_LEVEL = Set.of("com", "cn", "net", "org", "io", "co", "cc", "top", "xyz",
            "vip", "me", "info", "biz", "app", "site", "online", "shop", "club", "ly", "gl", "gd", "im", "tk", "ml",
            "ga", "cf", "gq", "tv", "ws", "link", "live", "pro", "work", "ltd", "hk", "tw", "jp", "us", "uk", "de",
            "ru", "win", "bet", "casino", "red", "fun", "icu", "asia", "mobi", "name", "edu", "gov", "中国", "公司",
            "网络");
    /** Names that only resolve inside a private network: links to them are recognised without a scheme. */
    private static final Set<String> PRIVATE_TOP_LEVEL = Set.of("local", "internal", "lan", "corp", "intranet",
            "localdomain", "home");
    /** File extensions of programs, installers and scripts that run when opened. */
    private static final Set<String> EXECUTABLE = Set.of("exe", "msi", "msix", "appx", "bat", "cmd", "scr", "pif",
            "cpl", "hta", "vbs", "vbe", "wsf", "ps1", "jar", "apk", "xapk", "ipa", "dmg", "pkg", "lnk", "reg");

    private final List<String> blocked;
    private final List<String> shorteners;

    Links(List<String> blocked, List<String> shorteners) {
        this.blocked = canonical(blocked);
        this.shorteners = canonical(shorteners);
    }

    Hits scan(CharSequence text, boolean at, boolean dot, Hits hits) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (at && (c == '@' || c == '＠')) {
                hits = email(text, i, hits);
            } else if (dot && (c == '.' || c == '．') && i > 0 && i + 1 < n && hostChar(text.charAt(i + 1))
                    && hostChar(text.charAt(i - 1))) {
                int start = i;
                while (start > 0 && (hostChar(text.charAt(start - 1)) || dotChar(text.charAt(start - 1)))) {
                    start--;
                }
                int end = i + 1;
                while (end < n && (hostChar(text.charAt(end)) || dotChar(text.charAt(end)) && end + 1 < n
                        && hostChar(text.charAt(end + 1)))) {
                    end++;
                }
                if (start == 0 || text.charAt(start - 1) != '@' && text.charAt(start - 1) != '＠') {
                    hits = host(text, start, end, hits);
                }
                i = end - 1;
            }
        }
        return hits;
    }

    private Hits host(CharSequence text, int start, int end, Hits hits) {
        boolean scheme = start >= 3 && text.charAt(start - 1) == '/' && text.charAt(start - 2) == '/'
                && text.charAt(start - 3) == ':';
        String unicode = unicode(text.subSequence(start, end).toString());
        String host = unicode == null ? null : canonicalHost(unicode);
        if (host == null) {
            return hits;
        }
        String[] labels = host.split("\\.");
        String top = labels[labels.length - 1];
        boolean ip = labels.length == 4 && host.matches("[0-9.]+");
        if (!ip && !scheme && !TOP_LEVEL.contains(top) && !PRIVATE_TOP_LEVEL.contains(top) && !top.startsWith("xn--")) {
            return hits;
        }
        if (ip && !validIp(labels)) {
            return hits;
        }
        int from = start;
        if (scheme) {
            from = start - 3;
            while (from > 0 && Character.isLetter(text.charAt(from - 1)) && text.charAt(from - 1) < 128) {
                from--;
            }
        }
        int to = end;
        while (to < text.length() && pathChar(text.charAt(to))) {
            to++;
        }
        if (executable(text, end, to)) {
            hits = Hits.add(hits, Hits.LINK_EXECUTABLE, from, to);
        }
        if (matchesAny(host, blocked)) {
            return Hits.add(hits, Hits.LINK_BLOCKED, from, to);
        }
        if (matchesAny(host, shorteners) || ip && publicIp(labels) || mixedScripts(unicode)) {
            return Hits.add(hits, Hits.LINK_UNVERIFIABLE, from, to);
        }
        return hits;
    }

    /** Whether the path between {@code from} and {@code to} (query and fragment aside) names an executable file. */
    private static boolean executable(CharSequence text, int from, int to) {
        int stop = from;
        while (stop < to && text.charAt(stop) != '?' && text.charAt(stop) != '#') {
            stop++;
        }
        if (stop == from || text.charAt(from) != '/' && text.charAt(from) != ':') {
            return false;
        }
        int dot = stop - 1;
        while (dot > from && text.charAt(dot) != '.' && text.charAt(dot) != '/') {
            dot--;
        }
        if (text.charAt(dot) != '.' || stop - dot - 1 > 5 || text.charAt(dot - 1) == '/') {
            return false;
        }
        return EXECUTABLE.contains(text.subSequence(dot + 1, stop).toString().toLowerCase(Locale.ROOT));
    }

    private static boolean matchesAny(String host, List<String> domains) {
        for (String domain : domains) {
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> canonical(List<String> domains) {
        return domains.stream().map(Links::unicode).filter(Objects::nonNull).map(Links::canonicalHost)
                .filter(Objects::nonNull).toList();
    }

    /** The host with punycode decoded, or null when it is not a valid name. */
    private static String unicode(String raw) {
        try {
            return IDN.toUnicode(raw.replace('．', '.'), IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Lower-case, look-alikes folded: the form hosts are compared in; null if not a host. */
    private static String canonicalHost(String unicode) {
        StringBuilder folded = new StringBuilder(unicode.length());
        for (int i = 0; i < unicode.length(); i++) {
            char c = unicode.charAt(i);
            if (c == '.' || c == '-') {
                folded.append(c);
            } else {
                char f = CharFolding.foldedAt(unicode, i);
                folded.append(CharFolding.isLetter(f) ? f : c);
            }
        }
        String host = folded.toString().toLowerCase(Locale.ROOT);
        return host.isEmpty() || host.startsWith(".") || host.endsWith(".") || !host.contains(".") ? null : host;
    }

    /** Latin letters beside letters of another alphabet: a look-alike of a known name. */
    private static boolean mixedScripts(String unicode) {
        boolean latin = false;
        boolean other = false;
        for (int i = 0; i < unicode.length(); i++) {
            char c = unicode.charAt(i);
            if (c < 128) {
                latin |= Character.isLetter(c);
            } else if (Character.isLetter(c) && !Character.isIdeographic(c)) {
                other = true;
            }
        }
        return latin && other;
    }

    private static boolean validIp(String[] labels) {
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 3 || Integer.parseInt(label) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean publicIp(String[] labels) {
        int a = Integer.parseInt(labels[0]);
        int b = Integer.parseInt(labels[1]);
        return !(a == 10 || a == 127 || a == 0 || a == 192 && b == 168 || a == 172 && b >= 16 && b <= 31
                || a == 169 && b == 254 || a == 100 && b >= 64 && b <= 127);
    }

    private Hits email(CharSequence text, int at, Hits hits) {
        int start = at;
        while (start > 0 && localChar(text.charAt(start - 1))) {
            start--;
        }
        int end = at + 1;
        int lastDot = -1;
        while (end < text.length() && (asciiHostChar(text.charAt(end)) || text.charAt(end) == '.'
                && end + 1 < text.length() && asciiHostChar(text.charAt(end + 1)))) {
            if (text.charAt(end) == '.') {
                lastDot = end;
            }
            end++;
        }
        if (start == at || lastDot < 0 || end - lastDot - 1 < 2) {
            return hits;
        }
        for (int i = lastDot + 1; i < end; i++) {
            if (!Character.isLetter(text.charAt(i))) {
                return hits;
            }
        }
        return Hits.add(hits, Hits.EMAIL, start, end);
    }

    private static boolean localChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-');
    }

    private static boolean asciiHostChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '-');
    }

    /** Letters, digits and hyphens of a host name; letters of other scripts for internationalised names. */
    private static boolean hostChar(char c) {
        return c < 128 ? Character.isLetterOrDigit(c) || c == '-' : Character.isLetter(c) && c < 0xFF00
                && !Character.isIdeographic(c) || c >= 0xFF10 && c <= 0xFF5A && Character.isLetterOrDigit(c);
    }

    private static boolean dotChar(char c) {
        return c == '.' || c == '．';
    }

    private static boolean pathChar(char c) {
        return c > ' ' && c < 127 && c != '"' && c != '<' && c != '>';
    }
}
