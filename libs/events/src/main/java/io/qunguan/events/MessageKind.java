package io.qunguan.events;

/** What a message carries, across platforms. */
public enum MessageKind {
    TEXT, IMAGE, VOICE, STICKER, FILE, LINK, OTHER
}
