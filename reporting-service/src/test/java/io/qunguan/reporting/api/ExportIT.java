package io.qunguan.reporting.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.DevIdentityProviderResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

/**
 * Exports (issue 18) from a real database: 100,000 violations as XLSX and CSV, streamed (chunked, no length known
 * up front), read back with Chinese headings, times as date cells in the company's zone and numbers as numbers; the
 * export is audited as a read of evidence; fines for payroll each and per person, appeals excluded; exports answer to
 * the roles of their tables.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(DevIdentityProviderResource.class)
@WithTestResource(KafkaResource.class)
class ExportIT {

    private static final Tokens TOKENS = Tokens.forTests();
    static final int ROWS = 100_000;

    @Inject
    DataSource dataSource;

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * 100,000 violations of one group in March 2026, 20 seconds apart from 1 March 00:00 Shanghai; every tenth a 50
     * yuan fine of E-payroll-{i mod 3}, the first one's evidence a would-be formula.
     */
    private void seed(String group) throws SQLException {
        execute("""
                INSERT INTO violation_view (id, rule_id, category, severity, group_id, member_id, member_name,
                    employee_id, masked_evidence, sanction, sanction_yuan, opened_at)
                SELECT gen_random_uuid(), 'CT-4', 'personal-data', 'HIGH', '%1$s', 'generic:u-' || (i %% 3),
                       '员工' || (i %% 3), 'E-payroll-%1$s-' || (i %% 3),
                       CASE WHEN i = 0 THEN '=HYPERLINK("http://x")' ELSE '手机号 138****' || i END,
                       CASE WHEN i %% 10 = 0 THEN 'FINE' ELSE 'WARNING' END,
                       CASE WHEN i %% 10 = 0 THEN 50 END,
                       TIMESTAMPTZ '2026-03-01 00:00:00+08' + i * INTERVAL '20 seconds'
                FROM generate_series(0, %2$d - 1) AS i""".formatted(group, ROWS));
    }

    @Test
    void aHundredThousandViolationsStreamAsXlsxAndCsvWithChineseHeadingsDatesAndNumbersAndTheExportIsAudited()
            throws Exception {
        String group = "G-export-" + UUID.randomUUID().toString().substring(0, 8);
        seed(group);
        String hr = TOKENS.issue("hr", "hr-export", null);

        Response xlsx = given().auth().oauth2(hr).queryParam("format", "xlsx").queryParam("period", "2026-03")
                .queryParam("groupId", group).get("/api/exports/violations");
        xlsx.then().statusCode(200).header("Content-Length", nullValue())
                .header("Content-Disposition", containsString("violations-2026-03.xlsx"));
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.asByteArray()))) {
            Sheet sheet = workbook.getFirstSheet();
            assertEquals("违规记录", sheet.getName());
            AtomicInteger rows = new AtomicInteger();
            List<Row> firstTwo = new ArrayList<>();
            try (Stream<Row> stream = sheet.openStream()) {
                stream.forEach(row -> {
                    if (rows.getAndIncrement() < 3) {
                        firstTwo.add(row);
                    }
                });
            }
            assertEquals(ROWS + 1, rows.get(), "the headings and every violation");
            Row headings = firstTwo.get(0);
            assertEquals("时间", headings.getCell(0).getText());
            assertEquals("罚款(元)", headings.getCell(9).getText());
            assertEquals("证据(已脱敏)", headings.getCell(11).getText());
            Row first = firstTwo.get(1);
            // 1 March 00:00 in Shanghai is a date cell, not text; the fine a number
            assertEquals(CellType.NUMBER, first.getCell(0).getType());
            assertEquals(LocalDateTime.of(2026, 3, 1, 0, 0), first.getCell(0).asDate());
            assertEquals("CT-4", first.getCell(1).getText());
            assertEquals(CellType.NUMBER, first.getCell(9).getType());
            assertEquals(new BigDecimal("50"), first.getCell(9).asNumber());
            assertEquals(LocalDateTime.of(2026, 3, 1, 0, 0, 20), firstTwo.get(2).getCell(0).asDate());
        }

        Response csv = given().auth().oauth2(hr).queryParam("format", "csv").queryParam("period", "2026-03")
                .queryParam("groupId", group).get("/api/exports/violations");
        csv.then().statusCode(200).header("Content-Length", nullValue())
                .contentType(containsString("text/csv"));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(csv.asInputStream(),
                StandardCharsets.UTF_8))) {
            String heading = lines.readLine();
            assertTrue(heading.startsWith("\uFEFF时间,规则,类别,严重程度"), heading);
            String first = lines.readLine();
            assertTrue(first.startsWith("2026-03-01 00:00:00,CT-4,personal-data,HIGH," + group), first);
            // a cell a spreadsheet would run as a formula is defused
            assertTrue(first.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), first);
            assertEquals(ROWS - 1, lines.lines().count());
        }
        given().auth().oauth2(hr).queryParam("format", "csv").queryParam("lang", "en")
                .queryParam("period", "2026-03").queryParam("groupId", group).queryParam("ruleId", "CT-6")
                .get("/api/exports/violations").then().statusCode(200)
                .body(containsString("Opened,Rule,Category,Severity"));

        // every export is a read of evidence, on record with its size
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet audited = statement.executeQuery("SELECT count(*) FROM evidence_read WHERE reader = "
                        + "'hr-export' AND request LIKE 'export violations %group=" + group + "%(100000 rows)'")) {
            audited.next();
            assertEquals(2, audited.getInt(1));
        }

        // fines for payroll: every tenth violation, 50 yuan each, totalled per person
        Response fines = given().auth().oauth2(hr).queryParam("period", "2026-03").get("/api/exports/fines");
        fines.then().statusCode(200);
        try (InputStream in = new ByteArrayInputStream(fines.asByteArray());
                ReadableWorkbook workbook = new ReadableWorkbook(in)) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertEquals(List.of("罚款明细", "罚款合计"), sheets.stream().map(Sheet::getName).toList());
            List<Row> totals = sheets.get(1).read().stream().filter(row -> row.getCell(0).getText()
                    .startsWith("E-payroll-" + group)).toList();
            assertEquals(3, totals.size());
            long fined = ROWS / 10;
            assertEquals(fined * 50, totals.stream().mapToLong(row -> row.getCell(4).asNumber().longValue()).sum());
            assertEquals(fined, totals.stream().mapToLong(row -> row.getCell(3).asNumber().longValue()).sum());
        }

        given().auth().oauth2(hr).queryParam("format", "pdf").get("/api/exports/violations").then().statusCode(400)
                .body(containsString("csv or xlsx"));
        given().auth().oauth2(TOKENS.issue("employee", "E-x", "D-x")).get("/api/exports/violations").then()
                .statusCode(403);
        given().auth().oauth2(TOKENS.issue("auditor", "A-x", null)).get("/api/exports/fines").then().statusCode(403);
        given().get("/api/exports/assessment").then().statusCode(401);
    }

    @Test
    void theAssessmentExportHoldsWhatItsCallerMaySeeAndNoMore() throws IOException, SQLException {
        String s = UUID.randomUUID().toString().substring(0, 8);
        execute("INSERT INTO department (department_id, name, parent_id, active, changed_at) VALUES "
                + "('D-top-" + s + "', '总部', NULL, true, now()), ('D-sub-" + s + "', '分部', 'D-top-" + s
                + "', true, now()), ('D-other-" + s + "', '其他', NULL, true, now())");
        execute("INSERT INTO person (employee_id, real_name, department_id, active, changed_at) VALUES "
                + "('E-top-" + s + "', '甲', 'D-top-" + s + "', true, now()), ('E-sub-" + s + "', '乙', 'D-sub-" + s
                + "', true, now()), ('E-other-" + s + "', '丙', 'D-other-" + s + "', true, now())");
        String head = TOKENS.issue("dept-head", "E-head-" + s, "D-top-" + s);
        Response export = given().auth().oauth2(head).queryParam("period", "2026-05")
                .get("/api/exports/assessment");
        export.then().statusCode(200).header("Content-Disposition", containsString("assessment-2026-05.xlsx"));
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(export.asByteArray()))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertEquals(List.of("人员考核", "部门汇总"), sheets.stream().map(Sheet::getName).toList());
            List<Row> people = sheets.get(0).read();
            assertEquals("得分", people.get(0).getCell(3).getText());
            assertEquals(List.of("E-sub-" + s, "E-top-" + s), people.stream().skip(1)
                    .map(row -> row.getCell(0).getText()).sorted().toList());
            assertEquals(new BigDecimal("100.0"), people.get(1).getCell(3).asNumber().setScale(1));
            assertEquals(2, sheets.get(1).read().size() - 1, "D-top and D-sub, not D-other");
        }
        String own = TOKENS.issue("employee", "E-sub-" + s, "D-sub-" + s);
        String csv = given().auth().oauth2(own).queryParam("period", "2026-05").queryParam("format", "csv")
                .get("/api/exports/assessment").then().statusCode(200).extract().asString();
        assertEquals(2, csv.lines().count(), csv);
        assertTrue(csv.contains("E-sub-" + s), csv);
        given().auth().oauth2(own).queryParam("employeeId", "E-top-" + s).get("/api/exports/assessment").then()
                .statusCode(403);
        given().auth().oauth2(head).queryParam("departmentId", "D-other-" + s).get("/api/exports/assessment").then()
                .statusCode(403);
        given().auth().oauth2(own).queryParam("format", "csv").get("/api/exports/responsiveness").then()
                .statusCode(200).body(containsString("员工编号,部门,期限"));
    }
}
