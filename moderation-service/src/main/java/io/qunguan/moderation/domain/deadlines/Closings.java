package io.qunguan.moderation.domain.deadlines;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a person's message says a task is done (BH-7) or when it will be (BH-5's plan): 已完成, 搞定了, 处理好了, 已提交, done. A report still to come
 * (马上完成, 快好了, 今天能完成), a negation (还没完成, 未处理, 搞不定) or a question (完成了吗？) is not one. Measured on a
 * labelled corpus ({@code ClosingsTest}).
 */
public final class Closings {

    /** Done words: a verb of finishing with a completed aspect, or a word that is a report of its own. */
    private static final Pattern DONE = Pattern.compile(String.join("|",
            "(已经?|都)(完成|处理|解决|搞定|办好|办完|做完|做好|提交|发送|发出|发给|发到|上传|交付|修复|落实|弄好|改好|改完|"
                    + "安排好|核对完|核对好|确认|回复|同步|更新|整理好|完工|结束)",
            "(完成|处理好|处理完|解决|搞定|办好|办完|做完|做好|提交|发过去|发出去|发你|发您|上传|交付|修复|弄好|改好|改完|"
                    + "整理好|核对完|核对好|完工|确认好|跟进完)(了|啦|咯|喽)",
            "^\\s*(搞定|完成|ok了|好了，已|done|finished|completed|fixed|resolved)",
            "搞定|已办结|已闭环|闭环了",
            // sent to you: 发您邮箱了, 转给你微信了
            "(发|传|转)给?(您|你)\\p{IsHan}{0,3}(了|啦)",
            "\\b(done|finished|completed|fixed|resolved|shipped|sent)\\b"));
    /** Not yet, not done, or asked: 马上完成, 还没搞定, 完成不了, 完成了吗. */
    private static final Pattern NOT_DONE = Pattern.compile(String.join("|",
            "(还没|没有|没|未|尚未|不|别|无法|不能|没法|快|马上|就要|即将|正在|在|争取|尽量|会|能|要|准备|打算|预计|估计|"
                    + "应该能|下午|明天|今晚|晚点|稍后)(能|会|可以|就)?(完成|处理|解决|搞定|办好|做完|做好|提交|发|上传|"
                    + "修复|弄好|改好|改完|整理好|核对)",
            "(完成|搞定|处理|解决|做)不(了|完|好)",
            "搞不定|没搞定|弄不好",
            "(吗|么|没|没有)[\\s？?。！!~]*$|[?？]",
            "\\bnot (yet )?(done|finished|completed|fixed|resolved)\\b|\\b(almost|nearly) (done|finished)\\b",
            "\\bwill (be )?(done|finish)|\\bnot yet\\b"));

    /** When it will be done: 今天, 下午三点, 周五前, 马上. */
    private static final Pattern WHEN = Pattern.compile(
            "今天|今日|今晚|下班前|下班之前|当天|明天|明早|明日|上午|下午|中午|晚上|傍晚|稍后|马上|立刻|立即|尽快|待会|一会|回头|"
                    + "[0-9一二三四五六七八九十两]+\\s*(点|时|分钟|小时)|周[一二三四五六日天]|星期[一二三四五六日天]|下周|本周|"
                    + "月底|月初|之前|以前|前(发|给|交|完成|提交)|\\b(today|tonight|tomorrow|asap|by \\w+)\\b");
    /** Who does what: 我来, 我会, 发您, 安排, 处理. */
    private static final Pattern WILL = Pattern.compile(
            "我|会尽|会在|会把|发|给您|给你|安排|处理|完成|提交|整理|准备|跟进|核对|回复|搞定|弄|改|做|\\b(i'll|i will|will)\\b");
    /** Not a plan: 来不及, 做不了, 没空. */
    private static final Pattern CANNOT = Pattern.compile("来不及|做不了|完成不了|没空|没时间|不行|不能|无法|\\bcan't\\b");

    private Closings() {
    }

    /**
     * Whether {@code text} answers a task with a plan (BH-5's {@code PLAN} answer): it says it is done, or when the
     * speaker will do it (下午三点前发您, 今天内整理好, 马上处理), and not that they cannot.
     */
    public static boolean isPlan(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return isClosing(text) || WHEN.matcher(lower).find() && WILL.matcher(lower).find()
                && !CANNOT.matcher(lower).find();
    }

    /** Whether {@code text} reports a task as done. */
    public static boolean isClosing(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return DONE.matcher(lower).find() && !NOT_DONE.matcher(lower).find();
    }
}
