package io.qunguan.moderation.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Scans message text for lexicon terms, personal data, links and advertising contacts. Immutable and
 * thread-safe once built; a new lexicon means a new engine, which the caller swaps in atomically.
 *
 * <p>One pass over the text does the lexicon: every UTF-16 unit is looked up in a 64 Ki table that gives
 * its character class after folding (case, width, compatibility forms, look-alikes, Traditional →
 * Simplified) or says it is a gap (spaces, symbols, emoji, zero-width) or needs a second look (digits, which
 * may be leet or personal data; surrogate pairs; dots). Classes drive a double-array Aho–Corasick automaton
 * (see {@link TermAutomaton}). Gaps leave the automaton where it was, so inserted separators cannot split a
 * term; a hit is then walked back over the original text to find its span and to judge the gaps inside it.
 * The detectors for personal data and links run only when the pass saw enough digits, an {@code @} or a dot.
 */
public final class ModerationEngine {

    private static final int SKIP = -1;
    private static final int SECOND_LOOK = -2;
    private static final int ALLOWED = -1;
    private static final int HANDLE = -2;
    private static final int PROMOTION = -3;
    private static final int WORK_WORD = -4;
    /** Roles of a lexicon form's term: a term; a form that stands only beside context. */
    private static final int TERM = 0;
    private static final int IN_CONTEXT = 1;
    /** A high-risk Latin term this long or longer is a hit inside a longer word too ({@code freeporn}). */
    private static final int MIN_GLUED = 4;
    /** More than this many characters between two letters of a term and they are not one term. */
    private static final int MAX_GAP = 8;
    /** A promotion word this close to a number makes it a contact ({@code 兼职日结 QQ 123456}). */
    private static final int CONTACT_DISTANCE = 20;

    /** A term: its text, its category (signals below zero), its role and whether it may be glued to letters. */
    private record Term(String text, int category, int role, boolean glued) {

        Term(String text, int category) {
            this(text, category, TERM, false);
        }
    }

    private final List<Lexicon.Category> categories;
    private final Map<String, Lexicon.Category> detectors;
    private final Term[] terms;
    private final String[] patterns;
    private final int[] patternTerm;
    private final long[] patternFreeGaps;
    private final TermAutomaton automaton;
    private final int[] classes;
    private final Map<Character, String[]> wordsByFirst;
    private final String[] latinWords;
    /** Shopping words and, per category, context words, folded: looked for in the text only when needed. */
    private final String[] shopping;
    private final String[][] context;
    private final Links links;

    private ModerationEngine(Lexicon lexicon, Lexicon.Extras extras) {
        this.categories = lexicon.categories();
        this.detectors = lexicon.detectors();
        Forms forms = new Forms();
        for (Lexicon.Entry entry : lexicon.entries()) {
            String folded = CharFolding.foldTerm(entry.text());
            boolean glued = entry.highRisk() && folded.length() >= MIN_GLUED && folded.chars().allMatch(c -> c >= 'a' && c <= 'z');
            int id = forms.addTerm(new Term(entry.text(), entry.category(), TERM, glued));
            int[] inContext = {-1};
            TermVariants.forEach(entry.text(), entry.highRisk(), lexicon.words(), variant -> {
                int target = id;
                if (variant.inContext()) {
                    if (inContext[0] < 0) {
                        inContext[0] = forms.addTerm(new Term(entry.text(), entry.category(), IN_CONTEXT, false));
                    }
                    target = inContext[0];
                }
                forms.add(target, variant.folded(), variant.freeGaps());
            });
        }
        forms.addPhrases(lexicon.allowed(), ALLOWED);
        forms.addPhrases(lexicon.handles(), HANDLE);
        forms.addPhrases(lexicon.promotions(), PROMOTION);
        forms.addPhrases(lexicon.workWords(), WORK_WORD);
        // longest first: a word inside a longer one found (代购 in 海外代购) is not a second word
        this.shopping = Arrays.stream(folded(extras.shopping()))
                .sorted(Comparator.comparingInt(String::length).reversed()).toArray(String[]::new);
        this.context = new String[categories.size()][];
        Arrays.fill(context, new String[0]);
        extras.context().forEach((name, words) -> {
            int category = -1;
            for (int c = 0; c < categories.size(); c++) {
                if (categories.get(c).name().equals(name)) {
                    category = c;
                }
            }
            if (category < 0) {
                throw new IllegalArgumentException(Lexicon.CONTEXT_FILE + " names '" + name + "', not a category");
            }
            List<String> all = new ArrayList<>(List.of(context[category]));
            all.addAll(List.of(folded(words)));
            context[category] = all.toArray(String[]::new);
        });
        this.terms = forms.terms.toArray(Term[]::new);
        this.patterns = forms.folded.toArray(String[]::new);
        this.patternTerm = forms.term.stream().mapToInt(Integer::intValue).toArray();
        this.patternFreeGaps = forms.freeGaps.stream().mapToLong(Long::longValue).toArray();
        this.automaton = TermAutomaton.build(forms.folded);
        this.classes = new int[65536];
        for (int c = 0; c < 65536; c++) {
            byte kind = CharFolding.kind((char) c);
            classes[c] = switch (kind) {
                case CharFolding.LETTER -> automaton.classOfFolded[CharFolding.folded((char) c)];
                case CharFolding.SEPARATOR, CharFolding.CLAUSE -> SKIP;
                default -> SECOND_LOOK;
            };
        }
        Map<Character, List<String>> words = new HashMap<>();
        for (String word : lexicon.words()) {
            String folded = CharFolding.foldTerm(word);
            if (folded.length() >= 2) {
                words.computeIfAbsent(folded.charAt(0), c -> new ArrayList<>()).add(folded);
            }
        }
        this.wordsByFirst = new HashMap<>();
        words.forEach((first, list) -> wordsByFirst.put(first, list.toArray(String[]::new)));
        this.latinWords = lexicon.words().stream().map(CharFolding::foldTerm)
                .filter(w -> w.length() >= 2 && w.chars().allMatch(c -> c >= 'a' && c <= 'z')).toArray(String[]::new);
        this.links = new Links(lexicon.blockedDomains(), lexicon.shorteners());
    }

    private static String[] folded(List<String> words) {
        return words.stream().map(CharFolding::foldTerm).filter(w -> !w.isEmpty()).distinct().toArray(String[]::new);
    }

    /** The forms the automaton matches, each pointing at its term. */
    private static final class Forms {
        final List<Term> terms = new ArrayList<>();
        final List<String> folded = new ArrayList<>();
        final List<Integer> term = new ArrayList<>();
        final List<Long> freeGaps = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();

        int addTerm(Term added) {
            terms.add(added);
            return terms.size() - 1;
        }

        void add(int termId, String form, long gaps) {
            // the same form in one category once; in another category it is a second output
            if (!form.isEmpty() && seen.add(form + '\u0000' + terms.get(termId).category())) {
                folded.add(form);
                term.add(termId);
                freeGaps.add(gaps);
            }
        }

        /** Allowed phrases, handles and promotion words: matched as written (folded), no variants. */
        void addPhrases(List<String> phrases, int category) {
            for (String phrase : phrases) {
                add(addTerm(new Term(phrase, category)), CharFolding.foldTerm(phrase), 0);
            }
        }
    }

    /** Loads a lexicon directory (see the module README for its files). */
    public static ModerationEngine load(Path lexiconDir) {
        if (!Files.isDirectory(lexiconDir)) {
            throw new IllegalArgumentException(lexiconDir + " is not a directory");
        }
        return build(name -> {
            try {
                Path file = lexiconDir.resolve(name);
                return Files.exists(file) ? Files.newInputStream(file) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static ModerationEngine build(Function<String, InputStream> files) {
        return new ModerationEngine(Lexicon.read(files), Lexicon.readExtras(files));
    }

    /**
     * Builds an engine from a lexicon's files held in memory (name → content, the names of a lexicon
     * directory): a lexicon version kept in a database. Fails with {@link IllegalArgumentException} saying
     * what is wrong, as {@link #load(Path)} does.
     */
    public static ModerationEngine load(Map<String, String> files) {
        return build(name -> files.containsKey(name)
                ? new ByteArrayInputStream(files.get(name).getBytes(StandardCharsets.UTF_8)) : null);
    }

    /** The starter lexicon shipped with the engine. */
    public static ModerationEngine starter() {
        return build(ModerationEngine::starterFile);
    }

    /** The starter lexicon's files (name → content), ordered by name: the seed of a managed lexicon. */
    public static Map<String, String> starterFiles() {
        Map<String, String> files = new TreeMap<>();
        for (String name : Lexicon.fileNames(ModerationEngine::starterFile)) {
            try (InputStream in = starterFile(name)) {
                if (in != null) {
                    files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    static InputStream starterFile(String name) {
        return ModerationEngine.class.getResourceAsStream("lexicon/" + name);
    }

    /** Lexicon forms in the automaton (terms and their variants) and its heap, for operators and benchmarks. */
    public String describe() {
        return patterns.length + " forms of " + terms.length + " terms, " + automaton.classCount + " characters, "
                + automaton.stateCapacity() + " slots, " + (automaton.footprint() + 4L * 65536) / 1024 + " KiB";
    }

    /** Every finding in {@code text}, ordered by position; an empty immutable list (no allocation) when clean. */
    public List<Finding> scan(CharSequence text) {
        final int[] classes = this.classes;
        final int[] base = automaton.base;
        final int[] check = automaton.check;
        final int n = text.length();
        int state = 0;
        int word = base[0];
        int previous = 0;
        int digits = 0;
        boolean at = false;
        boolean dot = false;
        Hits hits = null;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int k = classes[c];
            int end = i + 1;
            if (k < 0) {
                if (k == SKIP) {
                    continue;
                }
                byte kind = CharFolding.kind(c);
                if (kind == CharFolding.DIGIT) {
                    digits++;
                } else if (kind == CharFolding.DOT) {
                    dot = true;
                    continue;
                } else if (kind == CharFolding.LEET_SYMBOL && CharFolding.folded(c) == '@') {
                    at = true;
                }
                char folded = CharFolding.foldedAt(text, i);
                if (kind == CharFolding.HIGH_SURROGATE && end < n && Character.isLowSurrogate(text.charAt(end))) {
                    i++;
                    end++;
                }
                if (!CharFolding.isLetter(folded)) {
                    continue;
                }
                k = folded == CharFolding.UNKNOWN_LETTER ? 0 : automaton.classOfFolded[folded];
            }
            if (k == 0) {
                state = 0;
                word = base[0];
                previous = 0;
                continue;
            }
            int next = (word & TermAutomaton.BASE_MASK) + k;
            if (check[next] == state) {
                state = next;
            } else if ((word & TermAutomaton.DEEP_FAILURE) == 0) {
                // fails to the root; a repeated character (赌赌博) stays
                if (k != previous || state == 0) {
                    state = check[k] == 0 ? k : 0;
                }
            } else {
                state = automaton.fallback(state, k, previous);
            }
            previous = k;
            word = base[state];
            if (word < 0) {
                hits = report(text, state, end, hits);
            }
        }
        if (digits >= 5) {
            hits = PersonalData.scan(text, hits);
        }
        if (at || dot) {
            hits = links.scan(text, at, dot, hits);
        }
        return hits == null ? List.of() : resolve(text, hits);
    }

    private Hits report(CharSequence text, int state, int end, Hits hits) {
        for (int o = automaton.outputFrom(state); o < automaton.outputTo(state); o++) {
            int pattern = automaton.output(o);
            int start = spanStart(text, end, pattern);
            if (start >= 0) {
                hits = Hits.add(hits, patternTerm[pattern], start, end);
            }
        }
        return hits;
    }

    /**
     * Walks a hit ending at {@code end} back over the original text: where it starts, or -1 when the text
     * does not make it a term: a single clause mark inside ({@code 赌，博士}), a long gap, a Latin word
     * spaced out only in part, a Latin term inside a longer word ({@code grass}), or a last character that
     * begins an ordinary word ({@code 路口交通}).
     */
    private int spanStart(CharSequence text, int end, int pattern) {
        String form = patterns[pattern];
        long freeGaps = patternFreeGaps[pattern];
        int j = form.length() - 1;
        int p = end - 1;
        int start = -1;
        int gapChars = 0;
        int gapClauses = 0;
        int gapMarks = 0;
        int latinPairs = 0;
        int latinGaps = 0;
        while (j >= 0 && p >= 0) {
            int q = p;
            if (Character.isLowSurrogate(text.charAt(p)) && p > 0 && Character.isHighSurrogate(text.charAt(p - 1))) {
                q = p - 1;
            }
            char folded = CharFolding.foldedAt(text, q);
            if (folded == form.charAt(j)) {
                if (j < form.length() - 1) {
                    if (gapChars > MAX_GAP || gapChars > 0 && gapClauses == 1 && gapMarks == 0) {
                        return -1;
                    }
                    if (CharFolding.isLatin(folded) && CharFolding.isLatin(form.charAt(j + 1))
                            && (j + 1 >= 64 || (freeGaps & 1L << (j + 1)) == 0)) {
                        latinPairs++;
                        if (gapChars > 0) {
                            latinGaps++;
                        }
                    }
                }
                gapChars = 0;
                gapClauses = 0;
                gapMarks = 0;
                start = q;
                j--;
            } else if (!CharFolding.isLetter(folded)) {
                if (j < form.length() - 1) {
                    gapChars += p - q + 1;
                    if (folded == CharFolding.CLAUSE_GAP) {
                        gapClauses++;
                    } else if (!Character.isWhitespace(text.charAt(q))) {
                        gapMarks++;
                    }
                }
            } else if (j + 1 >= form.length() || folded != form.charAt(j + 1)) {
                return -1;
            }
            p = q - 1;
        }
        if (j >= 0 || latinGaps > 0 && latinGaps < latinPairs) {
            return -1;
        }
        char first = form.charAt(0);
        char last = form.charAt(form.length() - 1);
        // the first character repeated (KKK粉, 赌赌赌博) belongs to the span
        while (start > 0 && !Character.isLowSurrogate(text.charAt(start - 1))
                && CharFolding.foldedAt(text, start - 1) == first) {
            start--;
        }
        boolean gluedBefore = CharFolding.isLatin(first) && start > 0 && latinBefore(text, start);
        boolean gluedAfter = CharFolding.isLatin(last) && end < text.length()
                && CharFolding.isLatin(CharFolding.foldedAt(text, end));
        // inside a longer Latin word: only a high-risk term (freeporn), and not inside an ordinary word (heroine)
        if ((gluedBefore || gluedAfter)
                && (!terms[patternTerm[pattern]].glued() || insideOrdinaryWord(text, start, end))) {
            return -1;
        }
        if (Character.isIdeographic(last) && terms[patternTerm[pattern]].category() != ALLOWED
                && beginsWord(text, last, end)) {
            return -1;
        }
        return start;
    }

    private static boolean latinBefore(CharSequence text, int start) {
        int q = start - 1;
        if (Character.isLowSurrogate(text.charAt(q)) && q > 0 && Character.isHighSurrogate(text.charAt(q - 1))) {
            q--;
        }
        return CharFolding.isLatin(CharFolding.foldedAt(text, q));
    }

    /** Whether a Latin word of {@code words.txt} in the run of Latin letters around a hit covers it. */
    private boolean insideOrdinaryWord(CharSequence text, int start, int end) {
        int from = start;
        while (from > 0 && !Character.isSurrogate(text.charAt(from - 1))
                && CharFolding.isLatin(CharFolding.foldedAt(text, from - 1))) {
            from--;
        }
        int to = end;
        while (to < text.length() && !Character.isSurrogate(text.charAt(to))
                && CharFolding.isLatin(CharFolding.foldedAt(text, to))) {
            to++;
        }
        for (String word : latinWords) {
            for (int at = Math.max(from, end - word.length()); at <= start && at + word.length() <= to; at++) {
                boolean same = true;
                for (int w = 0; same && w < word.length(); w++) {
                    same = CharFolding.foldedAt(text, at + w) == word.charAt(w);
                }
                if (same) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code last} and the text right after it form an ordinary word from {@code words.txt}; spaces
     * between them do not part them ({@code 黄片 区域}: a space is no evidence that the term ends there).
     */
    private boolean beginsWord(CharSequence text, char last, int end) {
        String[] candidates = wordsByFirst.get(last);
        if (candidates == null) {
            return false;
        }
        int next = end;
        while (next < text.length() && next - end < 3 && Character.isWhitespace(text.charAt(next))) {
            next++;
        }
        for (String word : candidates) {
            if (next + word.length() - 1 > text.length()) {
                continue;
            }
            boolean same = true;
            for (int w = 1; same && w < word.length(); w++) {
                same = CharFolding.foldedAt(text, next + w - 1) == word.charAt(w);
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    /**
     * Allowed phrases cancel the hits they cover; handles and promotion words combine (shopping words count as
     * promotion words when two are there, or one beside a promotion word); a form that needs context stands
     * only beside it; overlaps merge.
     */
    private List<Finding> resolve(CharSequence text, Hits hits) {
        List<int[]> allowed = new ArrayList<>();
        List<int[]> promotions = new ArrayList<>();
        boolean work = false;
        boolean contact = false;
        for (int h = 0; h < hits.size; h++) {
            int id = hits.ids[h];
            if (id >= 0 && terms[id].category() == ALLOWED) {
                allowed.add(new int[] {hits.starts[h], hits.ends[h]});
            } else if (id >= 0 && terms[id].category() == PROMOTION) {
                promotions.add(new int[] {hits.starts[h], hits.ends[h]});
            } else if (id >= 0 && terms[id].category() == WORK_WORD) {
                work = true;
            } else if (id == Hits.NUMBER || id == Hits.PHONE || id >= 0 && terms[id].category() == HANDLE) {
                contact = true;
            }
        }
        if (contact && shopping.length > 0) {
            addShopping(text, promotions);
        }
        List<Finding> findings = new ArrayList<>();
        for (int h = 0; h < hits.size; h++) {
            int id = hits.ids[h];
            int start = hits.starts[h];
            int end = hits.ends[h];
            if (covered(allowed, start, end)) {
                continue;
            }
            if (id >= 0) {
                Term term = terms[id];
                if (term.category() >= 0) {
                    if (term.role() == IN_CONTEXT && !inContext(text, hits, h, allowed, promotions)) {
                        continue;
                    }
                    Lexicon.Category category = categories.get(term.category());
                    // chit-chat in a message that also carries work is not off-topic (CT-1)
                    if (work && Lexicon.WORK_FOCUS.equals(category.ruleId())) {
                        continue;
                    }
                    findings.add(new Finding(category.name(), category.ruleId(), category.severity(), start, end,
                            term.text()));
                } else if (term.category() == HANDLE) {
                    int account = accountAfter(text, end);
                    if (account > end || !promotions.isEmpty()) {
                        findings.add(contact(start, Math.max(end, account)));
                    }
                }
            } else if (id == Hits.NUMBER) {
                if (near(promotions, start, end)) {
                    findings.add(contact(start, end));
                }
            } else {
                findings.add(detector(id, start, end));
                if (id == Hits.PHONE && near(promotions, start, end)) {
                    findings.add(contact(start, end));
                }
            }
        }
        return mergeOverlaps(findings);
    }

    /**
     * Whether a form that needs context (a two-syllable pinyin, {@code dubo}) has it: not written as a name
     * ({@code Du Bo}, {@code Dubo}), and beside a context word of its category, or in a message with a term of
     * its category; for the contacts' category, a promotion word or a handle counts too.
     */
    private boolean inContext(CharSequence text, Hits hits, int hit, List<int[]> allowed, List<int[]> promotions) {
        int start = hits.starts[hit];
        int end = hits.ends[hit];
        if (Character.isUpperCase(text.charAt(start)) && start + 1 < end && Character.isLowerCase(text.charAt(start + 1))) {
            return false;
        }
        int category = terms[hits.ids[hit]].category();
        boolean contacts = categories.get(category).name().equals(detectors.get(Lexicon.CONTACT).name());
        for (int h = 0; h < hits.size; h++) {
            int id = hits.ids[h];
            if (h == hit || id < 0 || covered(allowed, hits.starts[h], hits.ends[h])) {
                continue;
            }
            Term term = terms[id];
            boolean close = hits.starts[h] <= end + CONTACT_DISTANCE && start <= hits.ends[h] + CONTACT_DISTANCE;
            if (term.category() == category && term.role() == TERM || contacts && term.category() == HANDLE && close) {
                return true;
            }
        }
        if (contacts && near(promotions, start, end)) {
            return true;
        }
        int from = Math.max(0, start - CONTACT_DISTANCE);
        int to = Math.min(text.length(), end + CONTACT_DISTANCE);
        for (String word : context[category]) {
            if (find(text, word, from, to, 0) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Shopping words in a message with a handle or a number: two of them, or one beside a promotion word, count
     * as promotion words ({@code 海外代购，正品保证，加vx}); one alone does not ({@code 是正品吗？加我微信确认}).
     */
    private void addShopping(CharSequence text, List<int[]> promotions) {
        List<int[]> found = new ArrayList<>();
        int kinds = 0;
        for (String word : shopping) {
            boolean seen = false;
            for (int at = find(text, word, 0, text.length(), 0); at >= 0;
                    at = find(text, word, 0, text.length(), at + 1)) {
                if (!covered(found, at, at + word.length())) {
                    found.add(new int[] {at, at + word.length()});
                    seen = true;
                }
            }
            kinds += seen ? 1 : 0;
        }
        if (kinds >= 2 || kinds == 1 && !promotions.isEmpty()) {
            promotions.addAll(found);
        }
    }

    /** Where {@code word} (folded) is written, folded and contiguous, between {@code from} and {@code to}, at or after {@code at}; or -1. */
    private static int find(CharSequence text, String word, int from, int to, int at) {
        for (int p = Math.max(from, at); p + word.length() <= to; p++) {
            boolean same = true;
            for (int w = 0; same && w < word.length(); w++) {
                same = CharFolding.foldedAt(text, p + w) == word.charAt(w);
            }
            if (same) {
                return p;
            }
        }
        return -1;
    }

    private Finding contact(int start, int end) {
        Lexicon.Category contact = detectors.get(Lexicon.CONTACT);
        return new Finding(contact.name(), contact.ruleId(), contact.severity(), start, end, "contact-handle");
    }

    private Finding detector(int id, int start, int end) {
        String name = switch (id) {
            case Hits.RESIDENT_ID -> Lexicon.RESIDENT_ID;
            case Hits.PHONE -> Lexicon.PHONE;
            case Hits.BANK_CARD -> Lexicon.BANK_CARD;
            case Hits.EMAIL -> Lexicon.EMAIL;
            case Hits.LINK_BLOCKED -> Lexicon.LINK_BLOCKED;
            case Hits.LINK_EXECUTABLE -> Lexicon.LINK_EXECUTABLE;
            default -> Lexicon.LINK_UNVERIFIABLE;
        };
        Lexicon.Category rule = detectors.get(name);
        return new Finding(rule.name(), rule.ruleId(), rule.severity(), start, end, name);
    }

    /**
     * The end of an account name right after a handle ({@code vx: abc12345}, {@code vx（abc 123 45）},
     * {@code v信 a b c 1 2 3}), or -1. Up to four marks may stand between them (spaces, {@code :}, brackets,
     * quotes, arrows, {@code 号码}); the account, folded (full width, look-alikes), is 5–20 letters, digits,
     * {@code _} or {@code -}, which spaces may split where a digit meets a letter or between single characters.
     * Letters alone are an account only after an explicit mark ({@code vx: zhangsan}, not {@code tg group}).
     */
    private static int accountAfter(CharSequence text, int from) {
        int n = text.length();
        int i = from;
        boolean explicit = false;
        for (int skipped = 0; i < n && skipped < 4; i++, skipped++) {
            char c = text.charAt(i);
            if (":：=号码是为".indexOf(c) >= 0) {
                explicit = true;
            } else if (!Character.isWhitespace(c) && CharFolding.kind(c) != CharFolding.SEPARATOR) {
                break;
            }
        }
        int last = -1;
        int count = 0;
        boolean digit = false;
        int pieceStart = i;
        int previousPiece = 0;
        while (i < n && count < 20) {
            char c = CharFolding.folded(text.charAt(i));
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                digit |= c >= '0' && c <= '9' || c == '_';
                count++;
                i++;
                last = i;
                continue;
            }
            // a single space inside the account: digits meeting letters, or characters spelled one by one
            if (c == ' ' && last == i && i + 1 < n) {
                char before = CharFolding.folded(text.charAt(i - 1));
                char after = CharFolding.folded(text.charAt(i + 1));
                int piece = i - pieceStart;
                boolean digits = Character.isDigit(before) || Character.isDigit(after);
                boolean single = piece == 1 && (i + 2 >= n || !Character.isLetterOrDigit(CharFolding.folded(text.charAt(i + 2))));
                if (after < 128 && Character.isLetterOrDigit(after) && (digits || single && previousPiece <= 1)) {
                    previousPiece = piece;
                    i++;
                    pieceStart = i;
                    continue;
                }
            }
            break;
        }
        return count >= 5 && (digit || explicit) ? last : -1;
    }

    private static boolean covered(List<int[]> spans, int start, int end) {
        for (int[] span : spans) {
            if (span[0] <= start && end <= span[1]) {
                return true;
            }
        }
        return false;
    }

    private static boolean near(List<int[]> spans, int start, int end) {
        for (int[] span : spans) {
            if (span[1] + CONTACT_DISTANCE >= start && end + CONTACT_DISTANCE >= span[0]) {
                return true;
            }
        }
        return false;
    }

    /** Within one category a hit inside another one's span adds nothing. */
    private static List<Finding> mergeOverlaps(List<Finding> findings) {
        findings.sort(Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingInt(Finding::end).reversed()));
        List<Finding> kept = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            boolean inside = false;
            for (Finding other : kept) {
                if (other.category().equals(finding.category()) && other.start() <= finding.start()
                        && finding.end() <= other.end()) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                kept.add(finding);
            }
        }
        return kept.isEmpty() ? List.of() : List.copyOf(kept);
    }
}
