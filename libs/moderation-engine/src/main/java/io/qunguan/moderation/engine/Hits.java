package io.qunguan.moderation.engine;

import java.util.Arrays;

/** Raw hits of one scan, before allowed phrases, combinations and overlaps are resolved. Created on the first hit. */
final class Hits {

    /** Ids below zero are built-in detectors and signals; ids from zero up are lexicon terms. */
    static final int RESIDENT_ID = -1;
    static final int PHONE = -2;
    static final int BANK_CARD = -3;
    static final int EMAIL = -4;
    static final int LINK_BLOCKED = -5;
    static final int LINK_UNVERIFIABLE = -6;
    /** A run of 5–11 digits: a QQ number if a promotion word is near. */
    static final int NUMBER = -7;
    /** A link to an executable or installer ({@code …/setup.exe}, {@code …/app.apk}). */
    static final int LINK_EXECUTABLE = -8;

    int size;
    int[] ids = new int[8];
    int[] starts = new int[8];
    int[] ends = new int[8];

    static Hits add(Hits hits, int id, int start, int end) {
        Hits target = hits == null ? new Hits() : hits;
        if (target.size == target.ids.length) {
            target.ids = Arrays.copyOf(target.ids, target.size * 2);
            target.starts = Arrays.copyOf(target.starts, target.size * 2);
            target.ends = Arrays.copyOf(target.ends, target.size * 2);
        }
        target.ids[target.size] = id;
        target.starts[target.size] = start;
        target.ends[target.size] = end;
        target.size++;
        return target;
    }
}
