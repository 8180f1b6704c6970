package io.qunguan.moderation.domain.lexicon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.qunguan.eventing.Outbox;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.LexiconApproved;
import io.qunguan.moderation.domain.refusal.Refused;
import io.qunguan.moderation.engine.Finding;
import io.qunguan.moderation.engine.ModerationEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lexicon as managed policy (CT-*, SV-9). Every version is stored whole. HR proposes a change (terms added to or
 * taken from a file, or a whole file) against the version in use; the proposal must build, is dry-run on a sample of
 * messages the company supplies (which would be flagged differently), and is approved or rejected with a reason by a
 * second person of HR. An approved version is announced by {@link LexiconApproved}, on which every instance swaps its
 * engine. The starter lexicon is version 1.
 */
@ApplicationScoped
public class LexiconVersions {

    static final String SOURCE = "/moderation-service";
    static final int MAX_REASON = 1000;
    static final int MAX_SAMPLE = 10_000;
    static final int MAX_SHOWN = 200;
    private static final TypeReference<Map<String, String>> FILES = new TypeReference<>() {
    };

    /** Who is asking: an employee with their roles. */
    public record Caller(String employeeId, Collection<String> roles) {
    }

    /**
     * One change to a file: terms (lines) added and taken out, or the whole file's new {@code content}.
     */
    public record Change(String file, List<String> add, List<String> remove, String content) {
    }

    /** A version as people see it: its files' names and sizes, not their content. */
    public record View(int version, Integer basedOn, String status, String summary, String description,
            Map<String, Integer> fileLines, String proposedBy, OffsetDateTime proposedAt, Map<String, Object> dryRun,
            String decidedBy, OffsetDateTime decidedAt, String decisionReason) {
    }

    /** What a finding is for comparing two lexicons' verdicts on one message. */
    public record Flag(String category, String term) {
    }

    /** A message of the sample that the proposal flags differently: by its position in the sample. */
    public record Difference(int index, Set<Flag> before, Set<Flag> after) {
    }

    /** The dry run's outcome; {@code differences} lists at most {@link #MAX_SHOWN}. */
    public record DryRun(int version, int basedOn, int sampleSize, int flaggedBefore, int flaggedAfter, int changed,
            List<Difference> differences) {
    }

    /** The version in use and its files. */
    public record Approved(int version, Map<String, String> files) {
    }

    private final EntityManager entities;
    private final Outbox outbox;

    public LexiconVersions(EntityManager entities, Outbox outbox) {
        this.entities = entities;
        this.outbox = outbox;
    }

    /** Writes the starter lexicon as version 1 when there is none; replicas starting together write it once. */
    public void seedIfEmpty() {
        QuarkusTransaction.requiringNew().run(() -> {
            lock();
            if (!entities.createNativeQuery("SELECT 1 FROM lexicon_version LIMIT 1").getResultList().isEmpty()) {
                return;
            }
            Map<String, String> starter = ModerationEngine.starterFiles();
            entities.createNativeQuery("""
                            INSERT INTO lexicon_version (version, status, files, summary, description, proposed_by,
                                proposed_at, decided_by, decided_at, decision_reason)
                            VALUES (1, 'APPROVED', CAST(?1 AS jsonb), 'the starter lexicon', ?2, 'qunguan', ?3,
                                'qunguan', ?3, 'shipped with the product')""")
                    .setParameter(1, json(starter)).setParameter(2, ModerationEngine.load(starter).describe())
                    .setParameter(3, OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate();
        });
    }

    /** The newest approved version; empty before the seed. */
    public Optional<Approved> latestApproved() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entities.createNativeQuery("""
                            SELECT version, CAST(files AS text) FROM lexicon_version WHERE status = 'APPROVED'
                            ORDER BY version DESC LIMIT 1""").getResultList();
            return rows.stream().findFirst().map(row -> new Approved(((Number) row[0]).intValue(),
                    files((String) row[1])));
        });
    }

    /** Serialises changes to the lexicon across instances until the transaction ends. */
    private void lock() {
        entities.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('qunguan.lexicon'))").getSingleResult();
    }

    /** Only HR manages the lexicon; auditors read it. */
    private static void requireHr(Caller caller) {
        if (!caller.roles().contains("hr")) {
            throw new Refused(Refused.Kind.FORBIDDEN, "the lexicon is changed by HR");
        }
    }

    /** Proposes the changes against the version in use; refused (422) when they do not build, saying why. */
    @Transactional
    public View propose(String reason, List<Change> changes, Caller caller, OffsetDateTime now) {
        requireHr(caller);
        String summary = Refused.requiredText(reason, "reason", MAX_REASON);
        if (changes == null || changes.isEmpty()) {
            throw new Refused(Refused.Kind.UNPROCESSABLE, "changes are required: {file, add, remove} or {file, content}");
        }
        lock();
        Approved current = latestApprovedInThisTransaction();
        Map<String, String> files = new TreeMap<>(current.files());
        for (Change change : changes) {
            apply(files, change);
        }
        if (files.equals(current.files())) {
            throw new Refused(Refused.Kind.UNPROCESSABLE, "the changes leave version " + current.version()
                    + " as it is");
        }
        return view(insert(current.version(), files, summary, caller.employeeId(), now));
    }

    /**
     * Proposes {@code phrase} for the allow list of the version in use, in the caller's transaction: what an appeal
     * upheld as a false positive asks for. Proposed in the decider's name, so someone else of HR approves it.
     *
     * @return the proposal's version; empty when the phrase is allowed already
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Integer> proposeAllowance(String phrase, String summary, String proposedBy, OffsetDateTime now) {
        lock();
        Approved current = latestApprovedInThisTransaction();
        Map<String, String> files = new TreeMap<>(current.files());
        apply(files, new Change("allow.txt", List.of(phrase), null, null));
        if (files.equals(current.files())) {
            return Optional.empty();
        }
        return Optional.of(insert(current.version(), files, summary, proposedBy, now));
    }

    private int insert(int basedOn, Map<String, String> files, String summary, String proposedBy,
            OffsetDateTime now) {
        String description;
        try {
            description = ModerationEngine.load(files).describe();
        } catch (IllegalArgumentException e) {
            throw new Refused(Refused.Kind.UNPROCESSABLE, "the lexicon would not build: " + e.getMessage());
        }
        int version = ((Number) entities.createNativeQuery("SELECT COALESCE(max(version), 0) + 1 FROM lexicon_version")
                .getSingleResult()).intValue();
        entities.createNativeQuery("""
                        INSERT INTO lexicon_version (version, based_on, status, files, summary, description,
                            proposed_by, proposed_at)
                        VALUES (?1, ?2, 'PROPOSED', CAST(?3 AS jsonb), ?4, ?5, ?6, ?7)""")
                .setParameter(1, version).setParameter(2, basedOn).setParameter(3, json(files))
                .setParameter(4, summary).setParameter(5, description).setParameter(6, proposedBy)
                .setParameter(7, now).executeUpdate();
        return version;
    }

    private static void apply(Map<String, String> files, Change change) {
        if (change == null || change.file() == null || !change.file().matches("[a-z0-9-]{1,60}\\.(txt|properties)")) {
            throw new Refused(Refused.Kind.UNPROCESSABLE, "each change names a lexicon file (a-z, 0-9, '-', "
                    + ".txt or .properties)");
        }
        boolean terms = change.add() != null && !change.add().isEmpty()
                || change.remove() != null && !change.remove().isEmpty();
        if (terms == (change.content() != null)) {
            throw new Refused(Refused.Kind.UNPROCESSABLE, change.file() + ": either terms to add and remove, or the "
                    + "whole content");
        }
        if (change.content() != null) {
            files.put(change.file(), change.content());
            return;
        }
        List<String> lines = new ArrayList<>(files.getOrDefault(change.file(), "").lines().toList());
        for (String removed : change.remove() == null ? List.<String>of() : change.remove()) {
            String term = removed == null ? "" : removed.strip();
            if (!lines.removeIf(line -> line.strip().equals(term))) {
                throw new Refused(Refused.Kind.UNPROCESSABLE, change.file() + " has no line " + term);
            }
        }
        Set<String> present = new LinkedHashSet<>(lines.stream().map(String::strip).toList());
        for (String added : change.add() == null ? List.<String>of() : change.add()) {
            String term = added == null ? "" : added.strip();
            if (term.isEmpty() || term.contains("\n")) {
                throw new Refused(Refused.Kind.UNPROCESSABLE, change.file() + ": a term is one non-blank line");
            }
            if (present.add(term)) {
                lines.add(term);
            }
        }
        files.put(change.file(), String.join("\n", lines) + "\n");
    }

    /**
     * Scans the sample with the version the proposal changes and with the proposal: the messages flagged
     * differently, by position. The outcome is kept with the proposal for whoever decides it.
     */
    @Transactional
    public DryRun dryRun(int version, List<String> sample, Caller caller, OffsetDateTime now) {
        requireHr(caller);
        if (sample == null || sample.isEmpty() || sample.size() > MAX_SAMPLE) {
            throw new Refused(Refused.Kind.UNPROCESSABLE, "messages: a sample of 1 to " + MAX_SAMPLE + " messages");
        }
        Object[] row = proposal(version);
        int basedOn = ((Number) row[1]).intValue();
        ModerationEngine before = ModerationEngine.load(filesOf(basedOn));
        ModerationEngine after = ModerationEngine.load(files((String) row[2]));
        int flaggedBefore = 0;
        int flaggedAfter = 0;
        int changed = 0;
        List<Difference> differences = new ArrayList<>();
        for (int i = 0; i < sample.size(); i++) {
            String message = sample.get(i) == null ? "" : sample.get(i);
            Set<Flag> was = flags(before.scan(message));
            Set<Flag> proposed = flags(after.scan(message));
            flaggedBefore += was.isEmpty() ? 0 : 1;
            flaggedAfter += proposed.isEmpty() ? 0 : 1;
            if (!was.equals(proposed)) {
                changed++;
                if (differences.size() < MAX_SHOWN) {
                    differences.add(new Difference(i, was, proposed));
                }
            }
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("sampleSize", sample.size());
        kept.put("flaggedBefore", flaggedBefore);
        kept.put("flaggedAfter", flaggedAfter);
        kept.put("changed", changed);
        kept.put("by", caller.employeeId());
        kept.put("at", now.toString());
        entities.createNativeQuery("UPDATE lexicon_version SET dry_run = CAST(?2 AS jsonb) WHERE version = ?1")
                .setParameter(1, version).setParameter(2, json(kept)).executeUpdate();
        return new DryRun(version, basedOn, sample.size(), flaggedBefore, flaggedAfter, changed, differences);
    }

    private static Set<Flag> flags(List<Finding> findings) {
        Set<Flag> flags = new TreeSet<>((a, b) -> (a.category() + '\u0000' + a.term())
                .compareTo(b.category() + '\u0000' + b.term()));
        findings.forEach(finding -> flags.add(new Flag(finding.category(), finding.term())));
        return flags;
    }

    /**
     * Approves or rejects a proposal with a reason: HR, never its proposer; approving needs a dry run and the version
     * it changed still in use (otherwise it is proposed again on the newer one).
     */
    @Transactional
    public View decide(int version, boolean approve, String reason, Caller caller, OffsetDateTime now) {
        requireHr(caller);
        String why = Refused.requiredText(reason, "reason", MAX_REASON);
        lock();
        Object[] row = proposal(version);
        if (caller.employeeId().equals(row[3])) {
            throw new Refused(Refused.Kind.FORBIDDEN, "a proposal is decided by someone other than its proposer");
        }
        int basedOn = ((Number) row[1]).intValue();
        if (approve) {
            if (row[4] == null) {
                throw new Refused(Refused.Kind.CONFLICT, "run the proposal on a sample first (dry-run)");
            }
            int inUse = latestApprovedInThisTransaction().version();
            if (inUse != basedOn) {
                throw new Refused(Refused.Kind.CONFLICT, "version " + version + " changes version " + basedOn
                        + ", and version " + inUse + " is in use now: propose the change again");
            }
        }
        entities.createNativeQuery("""
                        UPDATE lexicon_version SET status = ?2, decided_by = ?3, decided_at = ?4, decision_reason = ?5
                        WHERE version = ?1""")
                .setParameter(1, version).setParameter(2, approve ? "APPROVED" : "REJECTED")
                .setParameter(3, caller.employeeId()).setParameter(4, now).setParameter(5, why).executeUpdate();
        if (approve) {
            outbox.add(EventEnvelope.fresh(SOURCE, new LexiconApproved(version, basedOn, (String) row[5],
                    (String) row[3], caller.employeeId(), now)));
        }
        return view(version);
    }

    /** Every version, newest first. */
    @Transactional
    public List<View> list(int limit) {
        @SuppressWarnings("unchecked")
        List<Number> versions = entities.createNativeQuery(
                "SELECT version FROM lexicon_version ORDER BY version DESC LIMIT ?1").setParameter(1, limit)
                .getResultList();
        return versions.stream().map(version -> view(version.intValue())).toList();
    }

    /** One version's files, name → content. */
    @Transactional
    public Map<String, String> filesOf(int version) {
        @SuppressWarnings("unchecked")
        List<String> found = entities.createNativeQuery(
                "SELECT CAST(files AS text) FROM lexicon_version WHERE version = ?1").setParameter(1, version)
                .getResultList();
        if (found.isEmpty()) {
            throw new Refused(Refused.Kind.NOT_FOUND, "no lexicon version " + version);
        }
        return files(found.getFirst());
    }

    @Transactional
    public View view(int version) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT version, based_on, status, summary, description, CAST(files AS text), proposed_by,
                               proposed_at, CAST(dry_run AS text), decided_by, decided_at, decision_reason
                        FROM lexicon_version WHERE version = ?1""").setParameter(1, version).getResultList();
        if (rows.isEmpty()) {
            throw new Refused(Refused.Kind.NOT_FOUND, "no lexicon version " + version);
        }
        Object[] row = rows.getFirst();
        Map<String, Integer> lines = new TreeMap<>();
        files((String) row[5]).forEach((name, content) -> lines.put(name, (int) content.lines().count()));
        return new View(((Number) row[0]).intValue(), row[1] == null ? null : ((Number) row[1]).intValue(),
                (String) row[2], (String) row[3], (String) row[4], lines, (String) row[6], time(row[7]),
                row[8] == null ? null : map((String) row[8]), (String) row[9], row[10] == null ? null : time(row[10]),
                (String) row[11]);
    }

    /** version, based_on, files, proposed_by, dry_run, summary of a proposal still to be decided. */
    private Object[] proposal(int version) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT version, based_on, CAST(files AS text), proposed_by, CAST(dry_run AS text), summary,
                               status
                        FROM lexicon_version WHERE version = ?1 FOR UPDATE""").setParameter(1, version)
                .getResultList();
        if (rows.isEmpty()) {
            throw new Refused(Refused.Kind.NOT_FOUND, "no lexicon version " + version);
        }
        if (!"PROPOSED".equals(rows.getFirst()[6])) {
            throw new Refused(Refused.Kind.CONFLICT, "version " + version + " is " + rows.getFirst()[6]
                    + ", not a proposal");
        }
        return rows.getFirst();
    }

    private Approved latestApprovedInThisTransaction() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT version, CAST(files AS text) FROM lexicon_version WHERE status = 'APPROVED'
                        ORDER BY version DESC LIMIT 1""").getResultList();
        Object[] row = rows.stream().findFirst().orElseThrow(() -> new IllegalStateException(
                "no approved lexicon version: the starter lexicon is seeded at start-up"));
        return new Approved(((Number) row[0]).intValue(), files((String) row[1]));
    }

    private static Map<String, String> files(String json) {
        try {
            return new TreeMap<>(EventJson.MAPPER.readValue(json, FILES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lexicon files unreadable", e);
        }
    }

    private static Map<String, Object> map(String json) {
        try {
            return EventJson.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dry run unreadable", e);
        }
    }

    private static String json(Object value) {
        try {
            return EventJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime time(Object value) {
        return switch (value) {
            case OffsetDateTime offset -> offset;
            case Instant instant -> instant.atOffset(ZoneOffset.UTC);
            case Timestamp timestamp -> timestamp.toInstant().atOffset(ZoneOffset.UTC);
            default -> throw new IllegalStateException("not a time: " + value.getClass());
        };
    }
}
