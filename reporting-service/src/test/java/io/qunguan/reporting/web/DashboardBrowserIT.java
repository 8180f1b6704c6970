package io.qunguan.reporting.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.AppealFiled;
import io.qunguan.events.DeadlineKind;
import io.qunguan.events.DeadlineOpened;
import io.qunguan.events.DepartmentChanged;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.PersonnelChanged;
import io.qunguan.events.Platform;
import io.qunguan.events.ResponseMeasured;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.DevIdentityProviderResource;
import io.qunguan.testkit.PostgresResource;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's Chromium through its chromedriver, headless): HR signs in and sees the
 * charts filled from a seeded scenario, drills down to a person's masked evidence and downloads the assessment as
 * XLSX, which is read back; a department head sees their department and nothing of another; an employee only
 * themselves. A screenshot of each page is kept in {@code target/screenshots}.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(DevIdentityProviderResource.class)
@WithTestResource(KafkaResource.class)
class DashboardBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TestHTTPResource("/")
    URL root;

    private ChromeDriver browser;
    private Path downloads;

    @BeforeEach
    void startBrowser() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser tests need Chromium and its driver: apt-get install -y chromium chromium-driver "
                        + "(as .ci/run does)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        downloads = Files.createTempDirectory("qunguan-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1800", "--lang=zh-CN",
                "--user-data-dir=" + Files.createTempDirectory("qunguan-chromium"));
        Map<String, Object> preferences = new HashMap<>();
        preferences.put("download.default_directory", downloads.toString());
        preferences.put("download.prompt_for_download", false);
        // a Chinese company's browser: the page, and the files it exports, in Chinese
        preferences.put("intl.accept_languages", "zh-CN,zh");
        options.setExperimentalOption("prefs", preferences);
        browser = new ChromeDriver(options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void hrSeesTheChartsDrillsDownAndDownloadsTheXlsxADepartmentHeadOnlyTheirsAnEmployeeOnlyThemselves()
            throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 6);
        Scenario scenario = Scenario.publish(s);

        signIn("hr-browser-" + s, "hr", null);
        assertEquals("hr-browser-" + s, text("me"));
        // the charts are drawn from the period's violations (reloaded until the events are in)
        waitFor(Duration.ofSeconds(30), () -> {
            browser.navigate().refresh();
            return !browser.findElements(By.cssSelector("tr[data-employee='" + scenario.alice() + "']")).isEmpty();
        });
        long drawn = ((Number) ((JavascriptExecutor) browser).executeScript("""
                var option = echarts.getInstanceByDom(document.getElementById('chart-by-rule')).getOption();
                return option.series.reduce(function (sum, series) {
                  return sum + series.data.reduce(function (a, b) { return a + b; }, 0); }, 0);""")).longValue();
        assertTrue(drawn >= 3, "violations drawn in the chart by rule: " + drawn);
        assertTrue(browser.findElement(By.cssSelector("#chart-by-rule canvas")).isDisplayed());
        assertTrue(browser.findElement(By.cssSelector("#chart-top-rules canvas")).isDisplayed());
        String departments = browser.findElement(By.id("departments")).getText();
        assertTrue(departments.contains("运营部-" + s) && departments.contains("销售部-" + s), departments);
        assertTrue(browser.findElement(By.id("group-health")).getText().contains("运营部-无公告群-" + s));
        // open items: alice's task still open, bob's answered and gone; carol's appeal waiting
        String open = browser.findElement(By.id("open-deadlines")).getText();
        assertTrue(open.contains(scenario.alice()) && open.contains("FOLLOW_THROUGH"), open);
        assertFalse(open.contains(scenario.bob()), open);
        assertTrue(browser.findElement(By.id("open-appeals")).getText().contains(scenario.carol()));
        screenshot("1-hr-dashboard");

        // drill down to 爱丽丝: her violations with masked evidence
        browser.findElement(By.cssSelector("tr[data-employee='" + scenario.alice() + "'] a.person")).click();
        waitFor(Duration.ofSeconds(10), () -> !browser.findElements(By.id("person-id")).isEmpty());
        assertEquals(scenario.alice(), text("person-id"));
        String evidence = browser.findElement(By.id("violations")).getText();
        assertTrue(evidence.contains("手机号 138****5678"), evidence);
        assertFalse(evidence.contains("13812345678"), "evidence is masked");
        screenshot("2-hr-person");

        // back on the dashboard, the assessment downloads as XLSX and reads back in Chinese
        browser.findElement(By.id("back")).click();
        browser.findElement(By.id("export-assessment")).click();
        Path xlsx = downloaded("assessment-");
        try (ReadableWorkbook workbook = new ReadableWorkbook(xlsx.toFile())) {
            List<Row> people = workbook.getFirstSheet().read();
            assertEquals("员工编号", people.get(0).getCell(0).getText());
            Row alice = people.stream().filter(row -> row.getCell(0).getText().equals(scenario.alice()))
                    .findFirst().orElseThrow();
            assertEquals("爱丽丝", alice.getCell(1).getText());
            assertEquals(2, alice.getCell(6).asNumber().intValue(), "her two violations");
        }

        // the head of 运营部 sees 运营部, not 销售部 and not its people
        browser.findElement(By.id("sign-out")).click();
        signIn("E-head-" + s, "dept-head", scenario.ops());
        waitFor(Duration.ofSeconds(10), () -> !browser.findElements(By.id("people")).isEmpty());
        String people = browser.findElement(By.id("people")).getText();
        assertTrue(people.contains(scenario.alice()) && people.contains(scenario.bob()), people);
        assertFalse(people.contains(scenario.carol()), people);
        assertFalse(browser.findElement(By.id("departments")).getText().contains("销售部-" + s));
        assertFalse(browser.findElement(By.id("open-appeals")).getText().contains(scenario.carol()),
                "another department's appeal");
        assertTrue(browser.findElement(By.id("open-deadlines")).getText().contains(scenario.alice()));
        screenshot("3-dept-head-dashboard");
        browser.get(root + "dashboard/people/" + scenario.carol());
        assertTrue(text("message").contains(scenario.carol()), "another department's person is not shown");
        assertTrue(browser.findElements(By.id("violations")).isEmpty());

        // an employee's dashboard is their own record, and nobody else's
        browser.get(root + "dashboard/sign-out");
        signIn(scenario.bob(), "employee", scenario.ops());
        waitFor(Duration.ofSeconds(10), () -> !browser.findElements(By.id("person-id")).isEmpty());
        assertEquals(scenario.bob(), text("person-id"));
        screenshot("4-employee-record");
        browser.get(root + "dashboard/people/" + scenario.alice());
        assertTrue(browser.findElements(By.id("violations")).isEmpty(), "an employee sees only themselves");
        assertFalse(browser.getPageSource().contains("138****5678"));
    }

    private void signIn(String person, String role, String department) {
        browser.get(root + "dashboard/sign-in");
        browser.findElement(By.id("person")).sendKeys(person);
        new Select(browser.findElement(By.id("role"))).selectByValue(role);
        if (department != null) {
            browser.findElement(By.id("department")).sendKeys(department);
        }
        browser.findElement(By.id("sign-in")).click();
        waitFor(Duration.ofSeconds(10), () -> !browser.findElements(By.id("me")).isEmpty());
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void waitFor(Duration timeout, java.util.function.Supplier<Boolean> condition) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(300)).until(driver -> condition.get());
    }

    private Path downloaded(String prefix) {
        Path[] found = new Path[1];
        waitFor(Duration.ofSeconds(20), () -> {
            try (Stream<Path> files = Files.list(downloads)) {
                found[0] = files.filter(file -> file.getFileName().toString().startsWith(prefix)
                        && file.getFileName().toString().endsWith(".xlsx")).findFirst().orElse(null);
                return found[0] != null;
            } catch (IOException e) {
                return false;
            }
        });
        return found[0];
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** Departments 运营部 and 销售部, 爱丽丝 and 鲍勃 in 运营部, 卡罗尔 in 销售部, their violations this month. */
    record Scenario(String ops, String sales, String alice, String bob, String carol) {

        static Scenario publish(String s) {
            Scenario scenario = new Scenario("D-ops-" + s, "D-sales-" + s, "E-alice-" + s, "E-bob-" + s,
                    "E-carol-" + s);
            OffsetDateTime month = YearMonth.now(SHANGHAI).atDay(1).atTime(9, 0).atZone(SHANGHAI).toOffsetDateTime();
            OffsetDateTime since = month.minusYears(1);
            try (KafkaProbe probe = KafkaResource.probe()) {
                probe.publish(EventEnvelope.fresh("/group-service", new DepartmentChanged(scenario.ops(), "运营部-" + s,
                        null, "E-head-" + s, true, since)));
                probe.publish(EventEnvelope.fresh("/group-service", new DepartmentChanged(scenario.sales(),
                        "销售部-" + s, null, null, true, since)));
                for (String[] person : new String[][] {{scenario.alice(), "爱丽丝", scenario.ops()},
                        {scenario.bob(), "鲍勃", scenario.ops()}, {scenario.carol(), "卡罗尔", scenario.sales()}}) {
                    probe.publish(EventEnvelope.fresh("/group-service", new EmployeeChanged(person[0],
                            PersonnelChanged.Change.HIRED, person[1], person[2], null, "职员", "P4", null, false, true,
                            Map.of("generic", "u-" + person[0]), null, null, since)));
                }
                probe.publish(EventEnvelope.fresh("/moderation-service", violation(scenario.alice(), "CT-4",
                        Severity.HIGH, Sanction.fine(100), "手机号 138****5678", month)));
                probe.publish(EventEnvelope.fresh("/moderation-service", violation(scenario.alice(), "BH-2",
                        Severity.LOW, null, "深夜发送工作消息", month.plusHours(1))));
                probe.publish(EventEnvelope.fresh("/moderation-service", violation(scenario.carol(), "CT-6",
                        Severity.CRITICAL, Sanction.of(Sanction.Kind.REFERRAL_TO_HR), "外围盘口***", month.plusHours(2))));
                UUID answered = UUID.randomUUID();
                probe.publish(EventEnvelope.fresh("/moderation-service", new DeadlineOpened(answered,
                        DeadlineKind.RESPONSE, "G-browser", Platform.GENERIC, "chat-browser", "m-" + s,
                        "generic:u-lead", "E-lead", "generic:u-" + scenario.bob(), scenario.bob(), scenario.ops(),
                        month, month.plusMinutes(30))));
                probe.publish(EventEnvelope.fresh("/moderation-service", new DeadlineOpened(UUID.randomUUID(),
                        DeadlineKind.FOLLOW_THROUGH, "G-browser", Platform.GENERIC, "chat-browser", "m2-" + s,
                        "generic:u-lead", "E-lead", "generic:u-" + scenario.alice(), scenario.alice(), scenario.ops(),
                        month, month.plusYears(1))));
                probe.publish(EventEnvelope.fresh("/moderation-service", new AppealFiled(UUID.randomUUID(),
                        UUID.randomUUID(), "G-browser", "CT-6", scenario.carol(), month, month.plusDays(3))));
                probe.publish(EventEnvelope.fresh("/moderation-service", new ResponseMeasured(answered,
                        "G-browser", Platform.GENERIC, "chat-browser", "m-" + s, "generic:u-lead", "E-lead",
                        "generic:u-" + scenario.bob(), scenario.bob(), month, month, month.plusMinutes(30),
                        month.plusMinutes(12), 720L, true, null, DeadlineKind.RESPONSE, scenario.ops())));
                probe.publish(EventEnvelope.fresh("/group-service", new GroupSnapshot("G-noannounce-" + s,
                        "运营部-无公告群-" + s, "department", "ACTIVE", scenario.ops(), null, scenario.bob(), List.of(),
                        List.of(), 1, EventJson.MAPPER.createObjectNode(), List.of(),
                        List.of("GL-6: no announcement"), month, 1, null)));
            }
            return scenario;
        }

        private static ViolationOpened violation(String employee, String ruleId, Severity severity,
                Sanction sanction, String evidence, OffsetDateTime at) {
            return new ViolationOpened(UUID.randomUUID(), ruleId, "category", severity, "G-browser",
                    Platform.GENERIC, "chat-browser", "generic:u-" + employee, employee, employee,
                    "m-" + UUID.randomUUID(), evidence, List.of(new ViolationOpened.Finding("category", ruleId,
                    severity, 0, evidence.length(), "category")), ViolationOpened.AppliedPolicy.COMPANY_DEFAULT,
                    sanction == null ? 0 : 1, sanction, at);
        }
    }
}
