package io.qunguan.group.domain.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qunguan.events.EventJson;
import io.qunguan.events.GroupSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RosterPagingTest {

    private static GroupSnapshot.Member member(int i) {
        return new GroupSnapshot.Member("E" + i, "wecom:user-" + i, "D-" + (i % 40), i % 50 == 0 ? "manager" : null,
                "MEMBER");
    }

    @Test
    void anAllStaffRosterOfFiftyThousandGoesInPagesOfBoundedSize() throws Exception {
        List<GroupSnapshot.Member> staff = IntStream.range(0, 50_000).mapToObj(RosterPagingTest::member).toList();
        List<List<GroupSnapshot.Member>> pages = RosterPaging.pages(staff, 1000);

        assertEquals(64, pages.size(), "a power of two, at most 1,000 a page on average");
        assertEquals(50_000, pages.stream().mapToInt(List::size).sum());
        int largest = pages.stream().mapToInt(List::size).max().orElseThrow();
        assertTrue(largest < 1000, "largest page " + largest);
        int bytes = EventJson.MAPPER.writeValueAsBytes(pages.get(0)).length;
        assertTrue(bytes < 256 * 1024, "a page is " + bytes + " bytes");
    }

    @Test
    void oneJoinChangesOnePageWhileThePageCountStays() {
        List<GroupSnapshot.Member> before = IntStream.range(0, 5_000).mapToObj(RosterPagingTest::member).toList();
        List<GroupSnapshot.Member> after = new ArrayList<>(before);
        after.add(member(123_456));
        List<List<GroupSnapshot.Member>> was = RosterPaging.pages(before, 1000);
        List<List<GroupSnapshot.Member>> is = RosterPaging.pages(after, 1000);

        assertEquals(was.size(), is.size());
        long changed = IntStream.range(0, is.size()).filter(page -> !RosterPaging.digest(is.size(), is.get(page))
                .equals(RosterPaging.digest(was.size(), was.get(page)))).count();
        assertEquals(1, changed);
        // the order members come in does not matter: a page is sorted
        List<GroupSnapshot.Member> reversed = new ArrayList<>(after);
        Collections.reverse(reversed);
        assertEquals(RosterPaging.digest(8, RosterPaging.pages(after, 1000).get(3)),
                RosterPaging.digest(8, RosterPaging.pages(reversed, 1000).get(3)));
    }
}
