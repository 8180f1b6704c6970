package io.qunguan.events;

/** How serious a violation is; drives the sanctions ladder. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
