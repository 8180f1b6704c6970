package io.qunguan.notification.domain.notices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which channels reach a person for each kind of notice: the company allows some per kind
 * ({@code qunguan.notifications.channels…}); a person may choose among them and their order, never beyond them.
 */
@ApplicationScoped
public class Preferences {

    /** A choice the company does not allow. */
    public static class NotAllowedException extends RuntimeException {
        NotAllowedException(String message) {
            super(message);
        }
    }

    private final NoticeSettings settings;

    public Preferences(NoticeSettings settings) {
        this.settings = settings;
    }

    /** The channels {@code employeeId} is reached by for {@code kind}, in order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Channel> channelsFor(String employeeId, NoticeKind kind) {
        List<Channel> allowed = settings.channelsFor(kind);
        Preference chosen = employeeId == null ? null
                : Preference.findById(new Preference.Key(employeeId, kind.name()));
        if (chosen == null) {
            return allowed;
        }
        // a choice the company has since narrowed keeps only what is still allowed, else the company's order
        List<Channel> kept = chosen.channelList().stream().filter(allowed::contains).toList();
        return kept.isEmpty() ? allowed : kept;
    }

    /** Every kind's channels for the person, with what the company allows. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<NoticeKind, Choice> of(String employeeId) {
        Map<NoticeKind, Choice> choices = new LinkedHashMap<>();
        for (NoticeKind kind : NoticeKind.values()) {
            choices.put(kind, new Choice(channelsFor(employeeId, kind), settings.channelsFor(kind)));
        }
        return choices;
    }

    /** @throws NotAllowedException when a channel is not allowed for the kind, or none is chosen */
    @Transactional
    public Choice choose(String employeeId, NoticeKind kind, List<Channel> channels) {
        List<Channel> allowed = settings.channelsFor(kind);
        List<Channel> chosen = List.copyOf(new LinkedHashSet<>(channels));
        if (chosen.isEmpty()) {
            throw new NotAllowedException("choose at least one of " + allowed);
        }
        List<Channel> refused = chosen.stream().filter(channel -> !allowed.contains(channel)).toList();
        if (!refused.isEmpty()) {
            throw new NotAllowedException(kind + " notices may go by " + allowed + " only, not " + refused);
        }
        Preference preference = Preference.findById(new Preference.Key(employeeId, kind.name()));
        if (preference == null) {
            preference = new Preference();
            preference.key = new Preference.Key(employeeId, kind.name());
        }
        preference.channels = chosen.stream().map(Channel::name).collect(Collectors.joining(","));
        preference.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        preference.persist();
        return new Choice(chosen, allowed);
    }

    /** The channels in use and those the company allows. */
    public record Choice(List<Channel> channels, List<Channel> allowed) {
    }
}
