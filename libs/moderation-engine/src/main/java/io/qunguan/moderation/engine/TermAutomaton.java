package io.qunguan.moderation.engine;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * An Aho–Corasick automaton over folded characters, stored as a double array: the child of state
 * {@code s} on class {@code k} is {@code t = base(s) + k} when {@code check[t] == s}. Character classes are
 * numbered by frequency in the lexicon, so the common transitions sit close together.
 *
 * <p>Two flags ride in the base word, read in the same cache line as the transition itself: the state ends
 * at least one term ({@link #OUTPUT}) and its failure link goes somewhere other than the root
 * ({@link #DEEP_FAILURE}). Most states fail straight to the root, so the scan loop resolves a missing
 * transition with one extra load and follows failure links only for the rest.
 */
final class TermAutomaton {

    static final int OUTPUT = 0x8000_0000;
    static final int DEEP_FAILURE = 0x4000_0000;
    static final int BASE_MASK = 0x3FFF_FFFF;
    private static final int EMPTY = -1;

    /** Class of each folded character; 0 for characters no term uses. */
    final int[] classOfFolded;
    final int[] base;
    final int[] check;
    private final int[] failure;
    private final byte[] depth;
    private final int[] outputStart;
    private final int[] outputs;
    final int classCount;

    private TermAutomaton(int[] classOfFolded, int[] base, int[] check, int[] failure, byte[] depth,
            int[] outputStart, int[] outputs, int classCount) {
        this.classOfFolded = classOfFolded;
        this.base = base;
        this.check = check;
        this.failure = failure;
        this.depth = depth;
        this.outputStart = outputStart;
        this.outputs = outputs;
        this.classCount = classCount;
    }

    /** The state after {@code state} on class {@code k} when {@code state} has no child on it. */
    int fallback(int state, int k, int previousClass) {
        int next = 0;
        int at = state;
        while (at != 0) {
            at = failure[at];
            int t = (base[at] & BASE_MASK) + k;
            if (check[t] == at) {
                next = t;
                break;
            }
        }
        if (next == 0 && check[k] == 0) {
            next = k;
        }
        // a repeated character (赌赌博) stays where it was, unless the failure path reaches further
        if (k == previousClass && depth[next] <= 1) {
            return state;
        }
        return next;
    }

    /** Terms (indices into the variant list) ending in {@code state}, including those of its suffixes. */
    int outputFrom(int state) {
        return outputStart[state];
    }

    int outputTo(int state) {
        return outputStart[state + 1];
    }

    int output(int index) {
        return outputs[index];
    }

    /** Heap held by the arrays, in bytes. */
    long footprint() {
        return 4L * (classOfFolded.length + base.length + check.length + failure.length + outputStart.length
                + outputs.length) + depth.length;
    }

    int stateCapacity() {
        return base.length;
    }

    /** Builds the automaton of {@code terms}: folded character sequences, the index is the term's id. */
    static TermAutomaton build(List<String> terms) {
        int[] frequency = new int[65536];
        for (String term : terms) {
            for (int i = 0; i < term.length(); i++) {
                frequency[term.charAt(i)]++;
            }
        }
        Integer[] used = java.util.stream.IntStream.range(0, 65536).filter(c -> frequency[c] > 0).boxed()
                .toArray(Integer[]::new);
        Arrays.sort(used, (a, b) -> Integer.compare(frequency[b], frequency[a]));
        int[] classOfFolded = new int[65536];
        for (int i = 0; i < used.length; i++) {
            classOfFolded[used[i]] = i + 1;
        }
        int classCount = used.length;

        int[][] sequences = new int[terms.size()][];
        Integer[] order = new Integer[terms.size()];
        for (int i = 0; i < sequences.length; i++) {
            String term = terms.get(i);
            int[] sequence = new int[term.length()];
            for (int j = 0; j < sequence.length; j++) {
                sequence[j] = classOfFolded[term.charAt(j)];
            }
            sequences[i] = sequence;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compare(sequences[a], sequences[b]));
        int[] sorted = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = order[i];
        }
        return new Builder(sequences, sorted, classCount, classOfFolded).build();
    }

    /** Places the trie into the double array, then links failures and merges outputs breadth first. */
    private static final class Builder {
        private final int[][] sequences;
        private final int[] sorted;
        private final int classCount;
        private final int[] classOfFolded;
        private int[] base;
        private int[] check;
        private int[] childClasses = new int[1024];
        private int childClassesSize;
        private int[] childrenStart;
        private int[] childrenCount;
        private int[] ownOutputStart;
        private int[] ownOutputCount;
        private int[] emptyFrom;
        private int nextCheckPosition = 1;
        private int highest;

        Builder(int[][] sequences, int[] sorted, int classCount, int[] classOfFolded) {
            this.sequences = sequences;
            this.sorted = sorted;
            this.classCount = classCount;
            this.classOfFolded = classOfFolded;
            int capacity = Math.max(1024, 2 * Arrays.stream(sequences).mapToInt(s -> s.length).sum() + classCount + 2);
            base = new int[capacity];
            check = new int[capacity];
            Arrays.fill(check, EMPTY);
            childrenStart = new int[capacity];
            childrenCount = new int[capacity];
            ownOutputStart = new int[capacity];
            ownOutputCount = new int[capacity];
            emptyFrom = new int[capacity + 1];
            for (int i = 0; i < emptyFrom.length; i++) {
                emptyFrom[i] = i;
            }
        }

        TermAutomaton build() {
            take(0, -2);
            place(0, sorted.length, 0, 0);
            int size = highest + classCount + 2;
            ensure(size);
            int[] failure = new int[size];
            byte[] depth = new byte[size];
            int[] mergedStart = new int[size + 1];
            // outputs merged along failure links, built in BFS order then laid out by state
            int[][] merged = new int[size][];
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            merged[0] = ownOutputs(0);
            queue.add(0);
            while (!queue.isEmpty()) {
                int state = queue.poll();
                for (int c = 0; c < childrenCount[state]; c++) {
                    int k = childClasses[childrenStart[state] + c];
                    int child = base[state] + k;
                    depth[child] = (byte) Math.min(127, depth[state] + 1);
                    int fail = 0;
                    if (state != 0) {
                        int at = failure[state];
                        while (true) {
                            int t = base[at] + k;
                            if (check[t] == at) {
                                fail = t;
                                break;
                            }
                            if (at == 0) {
                                break;
                            }
                            at = failure[at];
                        }
                    }
                    failure[child] = fail;
                    int[] own = ownOutputs(child);
                    int[] inherited = merged[fail];
                    if (inherited.length == 0) {
                        merged[child] = own;
                    } else {
                        int[] all = Arrays.copyOf(own, own.length + inherited.length);
                        System.arraycopy(inherited, 0, all, own.length, inherited.length);
                        merged[child] = all;
                    }
                    queue.add(child);
                }
            }
            int total = 0;
            for (int s = 0; s < size; s++) {
                mergedStart[s] = total;
                total += merged[s] == null ? 0 : merged[s].length;
            }
            mergedStart[size] = total;
            int[] outputs = new int[total];
            int[] finalBase = Arrays.copyOf(base, size);
            for (int s = 0; s < size; s++) {
                if (merged[s] != null && merged[s].length > 0) {
                    System.arraycopy(merged[s], 0, outputs, mergedStart[s], merged[s].length);
                    finalBase[s] |= OUTPUT;
                }
                if (check[s] >= 0 && failure[s] != 0) {
                    finalBase[s] |= DEEP_FAILURE;
                }
            }
            return new TermAutomaton(classOfFolded, finalBase, Arrays.copyOf(check, size), failure, depth,
                    mergedStart, outputs, classCount);
        }

        private int[] ownOutputs(int state) {
            int[] own = new int[ownOutputCount[state]];
            for (int i = 0; i < own.length; i++) {
                own[i] = sorted[ownOutputStart[state] + i];
            }
            return own;
        }

        /** Places the children of {@code state}: the sorted terms {@code [from, to)} share its prefix of length {@code depth}. */
        private void place(int from, int to, int depth, int state) {
            int at = from;
            while (at < to && sequences[sorted[at]].length == depth) {
                at++;
            }
            ownOutputStart[state] = from;
            ownOutputCount[state] = at - from;
            if (at == to) {
                return;
            }
            // distinct next classes and their ranges
            int siblings = 0;
            int[] classes = new int[8];
            int[] starts = new int[9];
            int previous = -1;
            for (int i = at; i < to; i++) {
                int k = sequences[sorted[i]][depth];
                if (k != previous) {
                    if (siblings == classes.length) {
                        classes = Arrays.copyOf(classes, siblings * 2);
                        starts = Arrays.copyOf(starts, siblings * 2 + 1);
                    }
                    classes[siblings] = k;
                    starts[siblings] = i;
                    siblings++;
                    previous = k;
                }
            }
            starts[siblings] = to;
            // the root's children sit at their class numbers: the scan loop finds them without a base lookup
            int chosen = state == 0 ? 0 : findBase(classes, siblings);
            highest = Math.max(highest, chosen + classes[siblings - 1]);
            base[state] = chosen;
            childrenStart[state] = childClassesSize;
            childrenCount[state] = siblings;
            for (int i = 0; i < siblings; i++) {
                if (childClassesSize == childClasses.length) {
                    childClasses = Arrays.copyOf(childClasses, childClassesSize * 2);
                }
                childClasses[childClassesSize++] = classes[i];
                take(chosen + classes[i], state);
            }
            for (int i = 0; i < siblings; i++) {
                place(starts[i], starts[i + 1], depth + 1, chosen + classes[i]);
            }
        }

        private int findBase(int[] classes, int siblings) {
            int first = classes[0];
            int position = firstEmptyFrom(Math.max(nextCheckPosition, first + 1));
            if (first + 1 <= nextCheckPosition) {
                // every slot before this one is taken: later searches start here
                nextCheckPosition = position;
            }
            while (true) {
                int candidate = position - first;
                ensure(candidate + classes[siblings - 1] + classCount + 2);
                boolean fits = true;
                for (int i = 1; fits && i < siblings; i++) {
                    fits = check[candidate + classes[i]] == EMPTY;
                }
                if (fits) {
                    return candidate;
                }
                position = firstEmptyFrom(position + 1);
            }
        }

        /** The first empty slot at or after {@code position}: taken slots point past themselves, paths halve. */
        private int firstEmptyFrom(int position) {
            ensure(position + classCount + 2);
            int at = position;
            while (emptyFrom[at] != at) {
                emptyFrom[at] = emptyFrom[emptyFrom[at]];
                at = emptyFrom[at];
                ensure(at + classCount + 2);
            }
            return at;
        }

        private void take(int slot, int state) {
            check[slot] = state;
            emptyFrom[slot] = slot + 1;
        }

        private void ensure(int size) {
            if (size <= base.length) {
                return;
            }
            int capacity = Math.max(size, base.length + (base.length >> 1));
            base = Arrays.copyOf(base, capacity);
            int old = check.length;
            check = Arrays.copyOf(check, capacity);
            Arrays.fill(check, old, capacity, EMPTY);
            childrenStart = Arrays.copyOf(childrenStart, capacity);
            childrenCount = Arrays.copyOf(childrenCount, capacity);
            ownOutputStart = Arrays.copyOf(ownOutputStart, capacity);
            ownOutputCount = Arrays.copyOf(ownOutputCount, capacity);
            int oldEmpty = emptyFrom.length;
            emptyFrom = Arrays.copyOf(emptyFrom, capacity + 1);
            for (int i = oldEmpty; i < emptyFrom.length; i++) {
                emptyFrom[i] = i;
            }
        }
    }
}
