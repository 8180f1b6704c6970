package io.qunguan.reporting.domain.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The archive's search tokens (IS-2): Chinese as positioned characters and pairs, other scripts as words. */
class ArchiveTextTest {

    @Test
    void aHanRunIsIndexedAsItsOverlappingPairsAndItsFirstAndLastCharactersAtTheirPositions() {
        assertEquals("'客':1 '客户':1 '户名':2 '名单':3 '单':4", ArchiveText.vector("客户名单"));
    }

    @Test
    void wordsAreFoldedToLowerCaseAndFullWidthFormsToTheirPlainOnesAndFollowTheRunsCharacters() {
        assertEquals("'vip':1 '客':2 '客户':2 '户':3 'excel':4 '2026':5", ArchiveText.vector("ＶＩＰ客户，Excel 2026！"));
        assertEquals("'好':1 '收':2 '收到':2 '到':3", ArchiveText.vector("好。收到"));
    }

    @Test
    void punctuationQuotesAndBackslashesNeverReachTheVector() {
        assertEquals("'it':1 's':2 'a':3 'b':4", ArchiveText.vector("it's a\\b '--"));
    }

    @Test
    void aQueryIsAPhrasePerTermWithTheDistancesOfTheTextAndAllTermsAreRequired() {
        assertEquals("('客户' <-> '户名' <-> '名单') & 'excel'", ArchiveText.query("客户名单  Excel"));
        assertEquals("'客户'", ArchiveText.query("客户 客户"));
        assertEquals("", ArchiveText.query("，。!!"));
        // a lone character next to a word, and a word after a run of two: as the index placed them
        assertEquals("('加' <-> 'v')", ArchiveText.query("加V"));
        assertEquals("('qq' <-> '号')", ArchiveText.query("QQ号"));
        assertEquals("('号码' <2> 'v')", ArchiveText.query("号码V"));
    }

    @Test
    void aTermOfOneHanCharacterIsTooBroadButALatinLetterIsAWord() {
        assertTrue(ArchiveText.hasLoneCharacterTerm("钱"));
        assertTrue(ArchiveText.hasLoneCharacterTerm("客户 钱"));
        assertFalse(ArchiveText.hasLoneCharacterTerm("客户"));
        assertFalse(ArchiveText.hasLoneCharacterTerm("加V"));
        assertFalse(ArchiveText.hasLoneCharacterTerm("a"));
    }

    @Test
    void aLongMessageKeepsABoundedVectorAndALongWordIsCutBelowWhatPostgresRefuses() {
        assertEquals(ArchiveText.MAX_TOKENS, ArchiveText.tokens("字".repeat(10_000)).size());
        String word = "я".repeat(5_000);
        String vector = ArchiveText.vector(word + " 收到");
        assertTrue(vector.startsWith("'" + "я".repeat(ArchiveText.MAX_WORD) + "':1 "), vector.substring(0, 80));
        String many = (word + " ").repeat(ArchiveText.MAX_TOKENS + 10);
        assertTrue(ArchiveText.vector(many).getBytes(StandardCharsets.UTF_8).length < 1_000_000);
    }
}
