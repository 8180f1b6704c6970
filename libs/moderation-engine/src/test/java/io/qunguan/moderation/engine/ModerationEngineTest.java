package io.qunguan.moderation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catch and must-not-flag cases of the engine, on the starter lexicon (CT-2, CT-3, CT-4, CT-6, CT-7). */
class ModerationEngineTest {

    private static final ModerationEngine ENGINE = ModerationEngine.starter();

    /** The one finding of {@code category} in {@code text}; fails if there is none. */
    private static Finding only(String text, String category) {
        List<Finding> findings = ENGINE.scan(text).stream().filter(f -> f.category().equals(category)).toList();
        assertEquals(1, findings.size(), () -> text + " → " + ENGINE.scan(text));
        return findings.get(0);
    }

    @ParameterizedTest(name = "{0} → {1} {2} covering ''{3}''")
    @CsvSource(delimiter = '|', textBlock = """
            周末一起去网赌吧            | gambling | 网赌     | 网赌
            賭*博                       | gambling | 赌博     | 賭*博
            刷 单 返 利                 | ads      | 刷单返利 | 刷 单 返 利
            刷*单*返*利，速来           | ads      | 刷单返利 | 刷*单*返*利
            返~利刷~单                  | ads      | 刷单     | 刷~单
            傻。。。逼                  | abuse    | 傻逼     | 傻。。。逼
            看p.o.r.n吗                 | porn     | porn     | p.o.r.n
            p o r n                     | porn     | porn     | p o r n
            ＰＯＲＮ                    | porn     | porn     | ＰＯＲＮ
            pоrn (Cyrillic o)           | porn     | porn     | pоrn
            ρorn (Greek rho)            | porn     | porn     | ρorn
            p0rn                        | porn     | porn     | p0rn
            Ⓟⓞⓡⓝ                        | porn     | porn     | Ⓟⓞⓡⓝ
            𝐩𝐨𝐫𝐧                        | porn     | porn     | 𝐩𝐨𝐫𝐧
            色\u200b情                  | porn     | 色情     | 色\u200b情
            色😀情                      | porn     | 色情     | 色😀情
            赌赌赌博                    | gambling | 赌博     | 赌赌赌博
            dai开fa票                   | ads      | 代开发票 | dai开fa票
            daikaifapiao                | ads      | 代开发票 | daikaifapiao
            dai kai fa piao             | ads      | 代开发票 | dai kai fa piao
            有需要dkfp的私聊            | ads      | 代开发票 | dkfp
            带开发票找我                | ads      | 代开发票 | 带开发票
            du博平台                    | gambling | 赌博     | du博
            你是sb吗                    | abuse    | sb       | sb
            ｓｂ                        | abuse    | sb       | ｓｂ
            這是機密文件                | secrets  | 机密文件 | 機密文件
            听说要裁员了                | rumour   | 听说要裁员 | 听说要裁员
            这破公司谁爱待谁待          | defamation | 这破公司 | 这破公司
            """)
    void catchesPlainAndEvasiveForms(String text, String category, String term, String span) {
        String message = text.replace("\\u200b", "\u200b");
        Finding finding = only(message, category);
        assertEquals(term, finding.term());
        assertEquals(span.replace("\\u200b", "\u200b"), finding.text(message));
    }

    @ParameterizedTest(name = "{0} is clean")
    @CsvSource(delimiter = '|', textBlock = """
            grass is green
            usb接口坏了
            I have to go
            class assignment
            他不想赌，博士论文还没写完
            前面路口交通拥堵
            读博好辛苦
            他就是赌气不来
            我妈的生日是下周
            公司严禁赌博
            打麻将三缺一
            菠菜炒蛋很好吃
            这个片区的黄色标识
            周末约跑步吗
            收到，明天上午十点的评审会我准时参加。
            病毒扫描已完成
            非物质文化遗产申报材料
            """)
    void doesNotFlagInnocentLookAlikes(String text) {
        assertEquals(List.of(), ENGINE.scan(text));
    }

    /** CT-1: off-topic words are off-topic only in a message that carries no work. */
    @Test
    void ct1ChitChatStandsOnlyWithoutWork() {
        ModerationEngine engine = ModerationEngine.starter();
        assertEquals(List.of("chit-chat"), engine.scan("中午吃什么").stream().map(Finding::category).toList());
        assertEquals(List.of("CT-1"), engine.scan("新年快乐！").stream().map(Finding::ruleId).toList());
        assertEquals(List.of(), engine.scan("中午吃什么，客户一点到"));
        assertEquals(List.of(), engine.scan("新年快乐！1月4日正常上班"));
        assertEquals(List.of("gambling"), engine.scan("中午吃什么，客户说去网赌").stream().map(Finding::category)
                .toList(), "work words excuse only CT-1");
    }

    @Test
    void allowedPhraseCancelsOnlyTheHitItCovers() {
        assertEquals(List.of(), ENGINE.scan("路口交通"));
        Finding finding = only("路口交通拥堵，另外口交", "porn");
        assertEquals(9, finding.start());
    }

    @Test
    void ct4ResidentIdIsValidatedAndMasked() {
        String text = "我的身份证号是11010519491231002X，麻烦登记";
        Finding finding = only(text, "resident-id");
        assertEquals("CT-4", finding.ruleId());
        assertEquals("我的身份证号是110105********002X，麻烦登记", Masking.mask(text, ENGINE.scan(text)));
        assertEquals(List.of(), ENGINE.scan("11010519491231002Y"), "bad check character");
        assertEquals(List.of(), ENGINE.scan("110105194912310021"), "wrong check digit");
        assertEquals(List.of(), ENGINE.scan("110105194902300020"), "30 February");
        assertEquals(List.of(), ENGINE.scan("订单号 911010519491231002X7"), "inside a longer run");
    }

    @Test
    void ct4PhonesCardsAndEmailsAreValidatedAndMasked() {
        String text = "电话 138 0013 8000，卡号6222021234567890128，邮箱 zhang.san@example.com";
        List<Finding> findings = ENGINE.scan(text);
        assertEquals(List.of("phone", "bank-card", "email"), findings.stream().map(Finding::category).toList());
        assertEquals("电话 138 **** 8000，卡号***************0128，邮箱 z********@example.com",
                Masking.mask(text, findings));
        assertEquals(List.of(), ENGINE.scan("单号 13800138000123"), "a phone inside a longer run");
        assertEquals(List.of(), ENGINE.scan("卡号6222021234567890127"), "fails Luhn");
        assertEquals(List.of(), ENGINE.scan("订单SO13800138000"), "glued to a code");
        assertEquals("phone", only("手机：+86 13800138000", "phone").term());
        String international = "手机：+86 13800138000";
        assertEquals("手机：+86 138****8000", Masking.mask(international, ENGINE.scan(international)),
                "the same four digits hidden with or without the country code");
        assertEquals("phone", only("手机：１３８００１３８０００", "phone").term());
    }

    @Test
    void ct6LinksAreJudgedByTheirHost() {
        assertEquals("bet365.com", only("去 bet365.com 看看", "link-blocked").text("去 bet365.com 看看"));
        assertEquals("link-blocked", only("https://m.bet365.com/reg?id=1", "link-blocked").category());
        only("登录 bеt365.com 领奖", "link-blocked");
        only("http://t.cn/abc123 点这里", "link-unverifiable");
        only("下载地址 http://45.76.12.9/app.apk", "link-unverifiable");
        only("xn--pple-43d.com 苹果官网", "link-unverifiable");
        assertEquals(List.of(), ENGINE.scan("文档在 https://docs.example.com/wiki 和 10.0.0.5:8080"));
        assertEquals(List.of(), ENGINE.scan("版本 v1.2.3 已发布，进度 3.5%"));
    }

    @Test
    void ct6ContactHandlesCountOnlyInCombination() {
        only("加V：abc12345 详聊", "ads");
        only("薇信 happy_2024", "ads");
        only("日结工资，QQ 12345678", "ads");
        assertEquals(List.of(), ENGINE.scan("有问题加我微信沟通"));
        assertEquals(List.of(), ENGINE.scan("vx群里发了会议纪要"));
        assertEquals(List.of(), ENGINE.scan("订单 12345678 已发货"));
    }

    @Test
    void offsetsPointIntoTheOriginalText() {
        String text = "😀😀 賭 博";
        Finding finding = only(text, "gambling");
        assertEquals(5, finding.start());
        assertEquals(8, finding.end());
    }

    @Test
    void cleanMessageYieldsTheSharedEmptyList() {
        assertTrue(ENGINE.scan("收到，明天上午十点的评审会我准时参加。") == List.<Finding>of());
        assertTrue(ENGINE.scan("") == List.<Finding>of());
    }

    @Test
    void aLexiconHeldInMemoryScansAsTheFilesItCameFrom() {
        Map<String, String> files = ModerationEngine.starterFiles();
        assertTrue(files.keySet().containsAll(List.of("lexicon.properties", "gambling.txt", "allow.txt")), files.keySet().toString());
        String message = "賭*博网站推荐, 加V happy_2024";
        assertEquals(ModerationEngine.starter().scan(message), ModerationEngine.load(files).scan(message));

        Map<String, String> edited = new HashMap<>(files);
        edited.put("gambling.txt", files.get("gambling.txt") + "\n凤凰盘口\n");
        assertEquals(List.of("gambling"), ModerationEngine.load(edited).scan("今晚凤凰盘口见").stream().map(Finding::category).toList());
        edited.remove("gambling.txt");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ModerationEngine.load(edited));
        assertEquals("gambling.txt is missing", refused.getMessage());
    }

    private static List<String> categories(String text) {
        return ENGINE.scan(text).stream().map(Finding::category).distinct().toList();
    }

    @Test
    void twoSyllablePinyinStandsOnlyBesideContext() {
        Finding finding = only("今晚dubo走起，赔率一比九", "gambling");
        assertEquals("赌博", finding.term());
        assertEquals("dubo", finding.text("今晚dubo走起，赔率一比九"));
        assertEquals(List.of("political"), categories("fan qiang用的vpn教程"));
        assertEquals(List.of("ads"), categories("shuadan日结，佣金高"), "promotion words are the ads' context");
        assertEquals(List.of(), ENGINE.scan("dubo的周报发我一下"), "no context");
        assertEquals(List.of(), ENGINE.scan("Du Bo 说赔率的表格在附件"), "a name, context or not");
        assertEquals(List.of(), ENGINE.scan("wangdu服务器的价格表"), "context of another category");
    }

    @Test
    void shortHighRiskTermsMatchOneSoundAlike() {
        assertEquals("约炮", only("今晚约泡吗", "porn").term());
        assertEquals("冰毒", only("冰读货源稳定", "drugs").term());
        assertEquals("赌场", only("去堵场玩两把", "gambling").term());
        assertEquals(List.of(), ENGINE.scan("病毒扫描已完成"), "the sound-alike spells an ordinary word");
        assertEquals(List.of(), ENGINE.scan("周末约跑步吗"), "the sound-alike's last character begins one");
    }

    @Test
    void highRiskLatinTermsCountInsideLongerWords() {
        String text = "freeporn网站推荐";
        assertEquals("porn", only(text, "porn").text(text));
        assertEquals(List.of("abuse"), categories("fuckyou领导"));
        assertEquals(List.of(), ENGINE.scan("heroine of the story"), "inside an ordinary word of words.txt");
        assertEquals(List.of(), ENGINE.scan("methods section is done"), "not a high-risk term");
        assertEquals(List.of(), ENGINE.scan("shitake mushrooms"), "not a high-risk term");
    }

    @ParameterizedTest(name = "{0} → ads")
    @CsvSource(delimiter = '|', textBlock = """
            vx: abc 12345
            vx：a b c 1 2 3 4 5
            vx（abc12345）
            vx→tt520520
            vx号码 mm12345
            v 信 — happy_2024
            徽信 abc12345
            vx: zhangsan
            """)
    void handlesFindAccountsSplitOrBracketed(String text) {
        assertEquals(List.of("ads"), categories(text));
    }

    @ParameterizedTest(name = "{0} is clean")
    @CsvSource(delimiter = '|', textBlock = """
            tg group is for the release
            vx: I am in a meeting
            vx 上说吧，我在开会
            qq号 在通讯录里
            """)
    void handlesWithoutAnAccountStayClean(String text) {
        assertEquals(List.of(), ENGINE.scan(text));
    }

    @Test
    void shoppingWordsDivertTrafficInPairs() {
        assertEquals(List.of("ads"), categories("海外代购，正品保证，加vx"));
        assertEquals(List.of("ads"), categories("日本代购，特价，加V信"), "one shopping word and a promotion word");
        assertEquals(List.of("phone", "ads"), categories("正品代购 13800138000"));
        assertEquals(List.of(), ENGINE.scan("这批货是正品吗？加我微信确认一下"), "one shopping word");
        assertEquals(List.of(), ENGINE.scan("海外代购的正品发票能报销吗"), "no handle, no number");
    }

    @Test
    void linksToExecutablesAreFlaggedOnAnyHost() {
        String text = "装一下这个 http://192.168.1.20/tool.exe 谢谢";
        Finding finding = only(text, "link-executable");
        assertEquals("CT-6", finding.ruleId());
        assertEquals("http://192.168.1.20/tool.exe", finding.text(text));
        only("补丁 download.example.cn/patch.bat", "link-executable");
        only("http://fileserver.local/setup.msi", "link-executable");
        only("https://pan.example.com/s/abc/tool.exe?dl=1", "link-executable");
        assertEquals(List.of("link-executable", "link-unverifiable"), categories("http://45.76.12.9/app.apk"));
        assertEquals(List.of(), ENGINE.scan("测试环境 http://192.168.1.20:8080/login"), "intranet links are work");
        assertEquals(List.of(), ENGINE.scan("OA 在 http://oa.corp.internal/approve"));
        assertEquals(List.of(), ENGINE.scan("报表 http://10.1.2.3/report.xlsx"));
        assertEquals(List.of(), ENGINE.scan("setup.exe 在共享盘里"), "a file name is not a link");
        assertEquals(List.of(), ENGINE.scan("https://docs.example.com/install-exe-guide"));
    }

    @Test
    void aSpaceDoesNotPartATermFromTheWordItsLastCharacterBegins() {
        assertEquals(List.of(), ENGINE.scan("黄片 区域施工"));
        assertEquals(List.of(), ENGINE.scan("传教 士路的那个店"));
        assertEquals(List.of("porn"), categories("黄片 资源"), "a space before another word");
        assertEquals(List.of("gambling"), categories("网赌 平台推荐"));
    }

    @Test
    void anInMemoryLexiconHasTheShoppingAndContextFiles() {
        Map<String, String> files = ModerationEngine.starterFiles();
        assertTrue(files.keySet().containsAll(List.of("shopping.txt", "context.txt")), files.keySet().toString());
        ModerationEngine engine = ModerationEngine.load(files);
        for (String message : List.of("海外代购，正品保证，加vx", "今晚dubo走起，赔率一比九")) {
            assertEquals(ENGINE.scan(message), engine.scan(message));
        }
        Map<String, String> edited = new HashMap<>(files);
        edited.remove("context.txt");
        assertEquals(List.of(), ModerationEngine.load(edited).scan("今晚dubo走起，赔率一比九"), "no context words");
        edited.put("context.txt", "poker: 赔率");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ModerationEngine.load(edited));
        assertEquals("context.txt names 'poker', not a category", refused.getMessage());
    }
}
