package io.qunguan.moderation.domain.deadlines;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a leader's message that @mentions someone asks something of them (BH-5, SV-4): a request (请, 麻烦), an
 * assignment (安排, 负责, 跟进, …一下), an urging (尽快, 马上) or a question. Thanks, greetings, praise and
 * acknowledgements are not tasks, and a word of time alone (今天辛苦了) does not make one. Measured on a labelled corpus
 * ({@code InstructionsTest}).
 */
public final class Instructions {

    /** Social phrases that ask nothing; removed before the markers are looked for. */
    private static final List<String> SOCIAL = List.of("辛苦了", "辛苦啦", "辛苦", "谢谢", "多谢", "感谢", "恭喜",
            "祝贺", "生日快乐", "新年快乐", "节日快乐", "早上好", "早安", "晚安", "下午好", "晚上好", "欢迎", "好的",
            "收到", "了解", "明白", "不错", "很好", "太棒了", "棒", "赞", "厉害", "加油", "哈哈", "没事", "没关系",
            "不客气");
    /** Words that hold a marker without asking anything: 申请 is not 请, 已完成 reports, 看了一下 is done. */
    private static final List<String> NEUTRAL = List.of("申请", "邀请", "请假", "请客", "已完成", "完成了", "已处理",
            "处理好了", "处理完了", "已确认", "确认过了", "已回复", "已提交", "已安排", "安排好了", "已通知", "已同步",
            "已更新", "了一下", "过一下了", "我已经");
    /** The speaker taking a thing on (我来对接) asks nothing of the person named, unless it also says 你. */
    private static final Pattern TAKES_IT_ON = Pattern.compile("(我|我们)(来|去|会|先|这边)");
    private static final List<String> REQUESTS = List.of("请", "麻烦", "帮忙", "帮我", "帮下", "劳驾", "拜托", "辛苦你",
            "需要你", "你来", "你去", "你负责", "能否", "可否");
    private static final List<String> ASSIGNMENTS = List.of("安排", "任务", "负责", "跟进", "处理", "落实", "准备",
            "提交", "发我", "发给我", "发一下", "整理", "核对", "确认", "回复", "汇报", "联系", "对接", "完成", "改一下",
            "看一下", "看下", "一下", "出一版", "补充", "更新", "上传", "同步", "通知", "催", "报给", "交给", "给我",
            "评估", "排查", "修复", "统计", "汇总", "定稿", "转成", "核算", "优化", "重新", "做一份", "订一", "打电话",
            "回个电话", "寄出", "发群里", "review", "follow up", "please", "asap");
    private static final List<String> URGING = List.of("尽快", "马上", "立刻", "立即", "抓紧", "赶紧", "下班前",
            "今天之内", "今天内", "明早前", "截止");
    /**
     * Imperative forms: the 把 construction (把报表发我) unless it reports what was done, a verb said twice (问问,
     * 看看) or with 下 (核算下), and a deadline (周五之前).
     */
    private static final Pattern IMPERATIVE = Pattern.compile(String.join("|",
            // 把报表发我, unless it reports what was done
            "把(?!.*(已经|已|过了|了[\\s。！!~]*$))",
            // a verb said twice, or with 一 or 下 between: 问问, 查一查, 核算下
            "(问|看|查|想|试|催|聊|改|理|找|算|盯|跟|对)一?\\2",
            "(核算|清理|整理|统计|汇总|核对|确认|处理|安排|查|改|问|看|测|试|理|记|列|算)下(?!班|周|午|次|个月|面|来)",
            // a result still to reach: 找出来, 定下来, 寄给对方, 放到会议室, 补上
            "(出来|下来)(?![了过])",
            "(寄|发|交|转|开|放|送|拿|补|带|传|抄)(给|到|上|回)(?![了过])",
            // make one: 做一轮, 做个图表, 拉一个, 列一下
            "(做|拉|写|出|列|建|搞|弄|画|起草)(一轮|一版|一份|一个|一下|个|份|张)",
            // you, to do: 你来回, 你主持, 你去跟
            "你(来|去|负责|主持|跟|安排|处理|准备|回|做|写|发|对接|盯|牵头|定|看)",
            // by a time: 周五之前, 十点前到
            "(之前|以前|为止|前把|前给|前到|前交|前发|前完成|前提交)",
            "记得|别忘了|务必|一定要|打印|主持"));
    private static final Pattern QUESTION = Pattern.compile(
            "[?？]|(吗|呢|了没有?|不|没)[\\s。！!~]*$|是否|什么时候|何时|多久|多少|几(点|号|个|家|份|天|次|位|人)|哪|谁"
                    + "|怎么|能不能|可不可以|有没有|进度如何|进展");

    private Instructions() {
    }

    /** Whether {@code text} (the message, its @mentions included or not) asks something of the people it names. */
    public static boolean isTask(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String rest = text.toLowerCase(Locale.ROOT);
        // the @mentions themselves (a name may hold any word)
        rest = rest.replaceAll("@\\S+", " ");
        for (String phrase : NEUTRAL) {
            rest = rest.replace(phrase, " ");
        }
        for (String phrase : SOCIAL) {
            rest = rest.replace(phrase, " ");
        }
        if (TAKES_IT_ON.matcher(rest).find() && !rest.contains("你")) {
            return false;
        }
        String remaining = rest;
        return REQUESTS.stream().anyMatch(remaining::contains) || ASSIGNMENTS.stream().anyMatch(remaining::contains)
                || URGING.stream().anyMatch(remaining::contains) || IMPERATIVE.matcher(remaining).find()
                || QUESTION.matcher(remaining.strip()).find();
    }
}
