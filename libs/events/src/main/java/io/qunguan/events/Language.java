package io.qunguan.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages Qunguan speaks to people in, by their BCP 47 tag. */
public enum Language {
    ZH_CN("zh-CN"),
    ZH_TW("zh-TW"),
    EN("en");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    @JsonValue
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    /** @throws IllegalArgumentException naming the known tags when {@code tag} is none of them */
    @JsonCreator
    public static Language of(String tag) {
        return find(tag).orElseThrow(() -> new IllegalArgumentException("unknown language '" + tag + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(Language::tag).toList())));
    }

    /** The language with {@code tag} (case-insensitive), or empty. */
    public static Optional<Language> find(String tag) {
        return tag == null ? Optional.empty()
                : Arrays.stream(values()).filter(language -> language.tag.equalsIgnoreCase(tag.trim())).findFirst();
    }

    @Override
    public String toString() {
        return tag;
    }
}
