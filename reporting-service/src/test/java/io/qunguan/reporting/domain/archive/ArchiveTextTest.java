package io.qunguan.reporting.domain.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The archive's search tokens (IS-2): Chinese as positioned character bigrams, other scripts as words. */
class ArchiveTextTest {

    @Test
    void aHanRunBecomesItsOverlappingBigramsInOrder() {
        assertEquals(List.of(new ArchiveText.Token("客户", 1), new ArchiveText.Token("户名", 2),
                new ArchiveText.Token("名单", 3)), ArchiveText.tokens("客户名单"));
        assertEquals("'客户':1 '户名':2 '名单':3", ArchiveText.vector("客户名单"));
    }

    @Test
    void wordsAreFoldedToLowerCaseAndFullWidthFormsToTheirPlainOnes() {
        assertEquals("'vip':1 '客户':2 'excel':3 '2026':4", ArchiveText.vector("ＶＩＰ客户，Excel 2026！"));
    }

    @Test
    void aLoneCharacterBetweenPunctuationIsKeptAsItself() {
        assertEquals("'好':1 '收到':2", ArchiveText.vector("好。收到"));
    }

    @Test
    void punctuationQuotesAndBackslashesNeverReachTheVector() {
        assertEquals("'it':1 's':2 'a':3 'b':4", ArchiveText.vector("it's a\\b '--"));
    }

    @Test
    void aQueryIsAPhrasePerTermAndAllTermsAreRequired() {
        assertEquals("('客户' <-> '户名' <-> '名单') & 'excel'", ArchiveText.query("客户名单  Excel"));
        assertEquals("'客户'", ArchiveText.query("客户 客户"));
        assertEquals("", ArchiveText.query("，。!!"));
    }

    @Test
    void aTermOfOneHanCharacterIsTooBroadButALatinLetterIsAWord() {
        assertTrue(ArchiveText.hasLoneCharacterTerm("钱"));
        assertTrue(ArchiveText.hasLoneCharacterTerm("客户 钱"));
        assertFalse(ArchiveText.hasLoneCharacterTerm("客户"));
        assertFalse(ArchiveText.hasLoneCharacterTerm("a"));
    }

    @Test
    void aLongMessageKeepsABoundedNumberOfTokens() {
        assertEquals(ArchiveText.MAX_TOKENS, ArchiveText.tokens("字".repeat(10_000)).size());
    }
}
