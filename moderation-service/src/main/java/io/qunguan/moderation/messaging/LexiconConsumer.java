package io.qunguan.moderation.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.LexiconApproved;
import io.qunguan.moderation.config.CurrentLexicon;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code moderation.lexicon} in a consumer group of this instance's own, so every instance hears of every
 * approved lexicon version and swaps its engine to the newest.
 */
@ApplicationScoped
public class LexiconConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final CurrentLexicon lexicon;

    public LexiconConsumer(IncomingEvents incoming, RecordRetries retries, CurrentLexicon lexicon) {
        this.incoming = incoming;
        this.retries = retries;
        this.lexicon = lexicon;
    }

    @Override
    public String channel() {
        return "lexicon";
    }

    @Override
    @Incoming("lexicon")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value).ifPresent(event -> {
            if (event.data() instanceof LexiconApproved) {
                lexicon.useLatest();
            }
        }));
    }
}
