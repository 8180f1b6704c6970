package io.qunguan.moderation.domain.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Platform;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BH-1: what counts as filler in a run, and what is work however short. */
class FillersTest {

    private static MessagePosted text(String text) {
        return new MessagePosted("generic:c", Platform.GENERIC, "c", null, "m", "u", null, MessageKind.TEXT, text,
                List.of(), OffsetDateTime.now());
    }

    @Test
    void bh1StickersEmojiLikesAndGreetingsAreFillerWorkIsNot() {
        List<String> fillers = List.of("👍", "👍👍👍", "🎉🎉", "！！", "早上好！", "大家早上好~",
                "赞", "+1", "哈哈哈", "Good morning!");
        List<String> work = List.of("收到", "好的", "已完成", "明天上午十点前提交", "👍 方案可以", "1号线停了");
        assertEquals(List.of(), fillers.stream().filter(text -> !Fillers.filler(text(text))).toList());
        assertEquals(List.of(), work.stream().filter(text -> Fillers.filler(text(text))).toList());
        assertEquals(true, Fillers.filler(new MessagePosted("generic:c", Platform.GENERIC, "c", null, "m", "u", null,
                MessageKind.STICKER, "", List.of(), OffsetDateTime.now())));
    }

    @Test
    void bh1ShortMeansFewCharactersOfTextSpacesNotCounted() {
        assertEquals(true, Fillers.shortText(text("在 吗"), 2));
        assertEquals(false, Fillers.shortText(text("在吗？"), 2));
    }
}
