package io.qunguan.moderation.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Toneless readings of the GB 2312 characters and, for sound-alike evasions, the common characters
 * (GB 2312 level 1) that share a reading. Loaded once per JVM from {@code tables/pinyin.txt}.
 */
final class Pinyin {

    private static final Map<Character, String[]> READINGS = new HashMap<>();
    private static final Map<String, List<Character>> COMMON_BY_READING = new HashMap<>();

    static {
        try (InputStream in = Pinyin.class.getResourceAsStream("tables/pinyin.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t");
                char character = fields[0].charAt(0);
                String[] readings = fields[1].split(",");
                READINGS.put(character, readings);
                if (fields[2].equals("1")) {
                    for (String reading : readings) {
                        COMMON_BY_READING.computeIfAbsent(reading, r -> new ArrayList<>()).add(character);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Pinyin() {
    }

    /** The most common toneless reading, or {@code null} for a character outside GB 2312. */
    static String reading(char character) {
        String[] readings = READINGS.get(character);
        return readings == null ? null : readings[0];
    }

    /** Common characters read like the most common reading of {@code character}, itself excluded. */
    static List<Character> homophones(char character) {
        String reading = reading(character);
        if (reading == null) {
            return List.of();
        }
        List<Character> same = new ArrayList<>(COMMON_BY_READING.getOrDefault(reading, List.of()));
        same.remove(Character.valueOf(character));
        return same;
    }
}
