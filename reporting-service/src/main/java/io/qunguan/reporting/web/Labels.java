package io.qunguan.reporting.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The dashboard's words, zh-CN first, English beside; a page asks for them by key. */
final class Labels {

    private static final String[][] WORDS = {
            {"title", "群管 · 工作群合规看板", "Qunguan · work-group compliance"},
            {"period", "期间", "Period"},
            {"show", "查看", "Show"},
            {"signedInAs", "当前用户", "Signed in as"},
            {"signOut", "退出", "Sign out"},
            {"violations", "违规", "Violations"},
            {"fines", "罚款(元)", "Fines (yuan)"},
            {"missed", "逾期未回应", "Deadlines missed"},
            {"averageScore", "平均得分", "Average score"},
            {"byRule", "违规趋势(按规则)", "Violations over time by rule"},
            {"topRules", "违规最多的规则", "Top rules"},
            {"topGroups", "违规最多的群", "Top groups"},
            {"responseTimes", "响应时间分布(分钟)", "Response times (minutes)"},
            {"departments", "部门考核", "Departments"},
            {"people", "人员考核", "People"},
            {"groupHealth", "群健康", "Group health"},
            {"noProblems", "所有群均合规", "Every group is compliant"},
            {"department", "部门", "Department"},
            {"name", "姓名", "Name"},
            {"employee", "员工", "Employee"},
            {"score", "得分", "Score"},
            {"change", "变化", "Change"},
            {"peopleCount", "人数", "People"},
            {"group", "群", "Group"},
            {"type", "类型", "Type"},
            {"problems", "问题", "Problems"},
            {"exports", "导出", "Exports"},
            {"exportViolations", "违规记录 XLSX", "Violations XLSX"},
            {"exportAssessment", "考核 XLSX", "Assessment XLSX"},
            {"exportFines", "罚款(薪资) XLSX", "Fines (payroll) XLSX"},
            {"exportResponsiveness", "响应时效 XLSX", "Responsiveness XLSX"},
            {"record", "个人记录", "Record"},
            {"time", "时间", "Time"},
            {"rule", "规则", "Rule"},
            {"severity", "严重程度", "Severity"},
            {"sanction", "处罚", "Sanction"},
            {"evidence", "证据(已脱敏)", "Evidence (masked)"},
            {"reversed", "申诉撤销", "Reversed on appeal"},
            {"deadlines", "期限", "Deadlines"},
            {"met", "按时", "Met"},
            {"appealsUpheld", "申诉成立", "Appeals upheld"},
            {"acknowledgementRate", "通知确认率", "Notices acknowledged"},
            {"openDeadlines", "未到期的任务与回复", "Open deadlines"},
            {"openAppeals", "待裁决的申诉", "Appeals waiting for a decision"},
            {"due", "期限", "Due"},
            {"kind", "类型", "Kind"},
            {"previousScore", "上期得分", "Previous score"},
            {"back", "返回看板", "Back to the dashboard"},
            {"signIn", "登录", "Sign in"},
            {"signedOut", "已退出登录", "Signed out"},
            {"none", "无", "None"},
            {"notVisible", "无权查看", "Not yours to see"},
    };

    private static final Map<String, Map<String, String>> BY_LANGUAGE = Map.of("zh", words(1), "en", words(2));

    private Labels() {
    }

    /** The words of {@code language} (Chinese unless it is English). */
    static Map<String, String> of(String language) {
        return BY_LANGUAGE.get(english(language) ? "en" : "zh");
    }

    static boolean english(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("en");
    }

    /** The language of a request: {@code lang} if given, else the first of Accept-Language, else Chinese. */
    static String language(String lang, List<Locale> accepted) {
        if (lang != null && !lang.isBlank()) {
            return english(lang) ? "en" : "zh";
        }
        return !accepted.isEmpty() && "en".equals(accepted.get(0).getLanguage()) ? "en" : "zh";
    }

    private static Map<String, String> words(int column) {
        Map<String, String> words = new LinkedHashMap<>();
        for (String[] word : WORDS) {
            words.put(word[0], word[column]);
        }
        return Map.copyOf(words);
    }
}
