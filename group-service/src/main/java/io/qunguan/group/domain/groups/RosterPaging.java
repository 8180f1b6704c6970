package io.qunguan.group.domain.groups;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.qunguan.events.EventJson;
import io.qunguan.events.GroupSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * How a large roster is cut into pages: a power of two of them, at most about {@code pageMembers} each, a member's
 * page fixed by a hash of their key, so one join or departure changes one page while the count stays.
 */
final class RosterPaging {

    private static final Comparator<GroupSnapshot.Member> ORDER = Comparator.comparing(RosterPaging::keyOf);

    private RosterPaging() {
    }

    static List<List<GroupSnapshot.Member>> pages(List<GroupSnapshot.Member> members, int pageMembers) {
        int count = 1;
        while ((long) count * pageMembers < members.size()) {
            count <<= 1;
        }
        List<List<GroupSnapshot.Member>> pages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pages.add(new ArrayList<>());
        }
        for (GroupSnapshot.Member member : members) {
            pages.get(Math.floorMod(spread(keyOf(member).hashCode()), count)).add(member);
        }
        pages.forEach(page -> page.sort(ORDER));
        return pages;
    }

    /** Names a page's content at a page count (the same members under another count are another page). */
    static String digest(int pageCount, List<GroupSnapshot.Member> page) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((pageCount + ":").getBytes(StandardCharsets.UTF_8));
            sha.update(EventJson.MAPPER.writeValueAsBytes(page));
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot digest a roster page", e);
        }
    }

    /** Mixes the bits of a hash (MurmurHash3's finaliser): similar keys' hashes differ in their low bits too. */
    private static int spread(int hash) {
        int h = hash ^ (hash >>> 16);
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** What tells members apart: their platform account, else their employee id (owners and admins in no chat). */
    private static String keyOf(GroupSnapshot.Member member) {
        return member.platformUserId() != null ? member.platformUserId() : "employee:" + member.employeeId();
    }
}
