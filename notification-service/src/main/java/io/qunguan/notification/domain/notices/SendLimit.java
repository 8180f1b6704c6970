package io.qunguan.notification.domain.notices;

import java.time.Duration;

/** At most {@code count} messages to one destination in any {@code per}. */
public record SendLimit(int count, Duration per) {
}
