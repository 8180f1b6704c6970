package io.qunguan.eventing;

import com.fasterxml.jackson.core.type.TypeReference;
import io.qunguan.events.EventJson;
import io.qunguan.events.GroupRosterPage;
import io.qunguan.events.GroupSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Reassembles the rosters that {@code group.state} sends in pages: each {@link GroupRosterPage} is kept, and a
 * snapshot's roster is the pages it lists. The pages of a snapshot travel before it in the group's partition, so
 * they have all arrived when it does.
 */
@ApplicationScoped
public class PagedRosters {

    private static final Logger LOG = Logger.getLogger(PagedRosters.class);
    private static final TypeReference<List<GroupSnapshot.Member>> MEMBERS = new TypeReference<>() {
    };

    private final DataSource dataSource;

    public PagedRosters(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Keeps a page for the snapshot that will list it; the same page again changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stage(GroupRosterPage page) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO roster_page (group_id, page, digest, members) VALUES (?, ?, ?, ?)
                     ON CONFLICT (group_id, page, digest) DO NOTHING""")) {
            insert.setString(1, page.groupId());
            insert.setInt(2, page.page());
            insert.setString(3, page.digest());
            insert.setBytes(4, EventJson.MAPPER.writeValueAsBytes(page.members()));
            insert.executeUpdate();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("roster page of " + page.groupId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The roster {@code snapshot} lists: its own members, or its pages once every one is here; empty when one is
     * missing (the caller keeps the roster it has). Pages the snapshot no longer lists are dropped.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<List<GroupSnapshot.Member>> rosterOf(GroupSnapshot snapshot) {
        try (Connection connection = dataSource.getConnection()) {
            if (snapshot.roster() == null) {
                drop(connection, snapshot.groupId(), List.of());
                return Optional.of(snapshot.members());
            }
            List<String> digests = snapshot.roster().pageDigests();
            Map<Integer, List<GroupSnapshot.Member>> pages = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT page, members FROM roster_page
                    WHERE group_id = ? AND (page, digest) IN (SELECT ordinality - 1, digest
                                                              FROM unnest(?::text[]) WITH ORDINALITY AS d (digest))""")) {
                select.setString(1, snapshot.groupId());
                select.setArray(2, connection.createArrayOf("text", digests.toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        pages.put(rows.getInt(1), EventJson.MAPPER.readValue(rows.getBytes(2), MEMBERS));
                    }
                }
            }
            if (pages.size() < digests.size()) {
                LOG.warnf("group %s snapshot %d lists %d roster pages, %d have arrived: its previous roster stays",
                        snapshot.groupId(), snapshot.version(), digests.size(), pages.size());
                return Optional.empty();
            }
            drop(connection, snapshot.groupId(), digests);
            List<GroupSnapshot.Member> members = new ArrayList<>(snapshot.roster().memberCount());
            for (int page = 0; page < digests.size(); page++) {
                members.addAll(pages.get(page));
            }
            return Optional.of(members);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("roster of " + snapshot.groupId() + ": " + e.getMessage(), e);
        }
    }

    /** Drops the group's pages other than {@code kept} (the digest of page 0, 1, …). */
    private static void drop(Connection connection, String groupId, List<String> kept) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("""
                DELETE FROM roster_page
                WHERE group_id = ? AND (page, digest) NOT IN (SELECT ordinality - 1, digest
                                                              FROM unnest(?::text[]) WITH ORDINALITY AS d (digest))""")) {
            delete.setString(1, groupId);
            delete.setArray(2, connection.createArrayOf("text", kept.toArray()));
            delete.executeUpdate();
        }
    }
}
