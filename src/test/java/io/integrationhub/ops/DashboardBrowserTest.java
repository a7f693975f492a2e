package io.integrationhub.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.SUPEROFFICE;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real browser (Debian's Chromium, driven through Selenium with the driver path set, so that no
 * browser is downloaded): log in, see a dead letter, replay it, see it processed; pause a lane and resume it. Skipped, saying so, where
 * Chromium is not installed; .ci/run installs it.
 */
abstract class DashboardBrowserTest {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    @TempDir
    Path data;
    @TempDir
    Path profile;
    TargetStandIn targets;
    RunningHub hub;
    WebDriver browser;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "Chromium is not installed (apt-get install chromium chromium-driver): the browser test is skipped");
        targets = new TargetStandIn();
        targets.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(200)
                .withBody("{\"TicketMessageId\":42}")));
        targets.server().stubFor(post(SUPEROFFICE).willReturn(aResponse().withStatus(204)));
        targets.server().stubFor(post(TICKETING).withRequestBody(containing("Toner")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"Message\":\"Ticket INC00009999 does not exist\"}")));
        hub = RunningHub.start(RunningHub.settings(data, targets.baseUrl()));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--window-size=1280,1100", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build(), options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (hub != null) {
            hub.close();
        }
        if (targets != null) {
            targets.close();
        }
    }

    @Test
    void opsLogsInSeesADeadLetterReplaysItAndSeesItProcessed() throws Exception {
        // Some live traffic for the dashboard to show, and one message the ticketing system refuses.
        for (int i = 0; i < 6; i++) {
            hub.post("application/json", Seeds.json("asynchronous", "incident-" + i, "Printer " + i + " jammed"));
        }
        hub.post("application/json", Envelopes.json("asynchronous", "SuperOffice Message", "so-1",
                Envelopes.payload("{\"To\":\"+4791234567\",\"Content\":\"Call me back\"}")));
        String deadId = Envelopes.JSON.readTree(hub.post("application/json",
                Seeds.json("asynchronous", "toner-1", "Toner empty")).body()).get("message_id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                hub.queryString("SELECT status FROM hub_message WHERE id = ?", deadId).equals("dead"));

        browser.get(hub.url("/ops").replace("http://", "http://admin:admin-secret@"));
        By deadRow = By.cssSelector("#dead tr[data-message-id='" + deadId + "']");
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> browser.findElement(deadRow)
                .getText().contains("Ticket INC00009999 does not exist"));
        assertThat(browser.findElement(By.cssSelector(".card.dead .n")).getText()).isEqualTo("1");
        screenshot("dashboard.png");

        targets.server().resetAll();
        targets.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(200)
                .withBody("{\"TicketMessageId\":43}")));
        browser.findElement(deadRow).findElement(By.cssSelector("button.replay")).click();

        By recentRow = By.cssSelector("#recent tr[data-message-id='" + deadId + "'] td.status");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            WebElement status = browser.findElement(recentRow);
            return status.getText().equals("processed");
        });
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                browser.findElements(deadRow).isEmpty());
        assertThat(hub.queryString("SELECT status FROM hub_message WHERE id = ?", deadId)).isEqualTo("processed");
        screenshot("dashboard-after-replay.png");
    }

    @Test
    void opsPausesALaneOnTheDashboardAndResumesIt() throws Exception {
        browser.get(hub.url("/ops").replace("http://", "http://admin:admin-secret@"));
        By state = By.cssSelector("#lanes tr[data-target='ticketing'] td.lane-state");
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() ->
                browser.findElement(state).getText().equals("closed"));

        browser.findElement(By.cssSelector("#lanes tr[data-target='ticketing'] button.pause")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                browser.findElement(state).getText().equals("paused"));
        String id = Envelopes.JSON.readTree(hub.post("application/json",
                Seeds.json("asynchronous", "paused-1", "Printer paused")).body()).get("message_id").asText();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                targets.received(TICKETING).isEmpty());
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> browser.findElement(By.cssSelector(
                "#lanes tr[data-target='ticketing'] td:nth-child(3)")).getText().equals("1"));
        screenshot("dashboard-lane-paused.png");

        browser.findElement(By.cssSelector("#lanes tr[data-target='ticketing'] button.resume")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                browser.findElement(state).getText().equals("closed"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "processed".equals(hub.queryString("SELECT status FROM hub_message WHERE id = ?", id)));
    }

    @Test
    void opsFindsAMessageBySearchEditsItsPayloadSeesTheDiffAndPreviewAndReplaysIt() throws Exception {
        String deadId = Envelopes.JSON.readTree(hub.post("application/json",
                Seeds.json("asynchronous", "toner-edit-1", "Toner empty")).body()).get("message_id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                hub.queryString("SELECT status FROM hub_message WHERE id = ?", deadId).equals("dead"));

        browser.get(hub.url("/ops").replace("http://", "http://admin:admin-secret@"));
        WebElement correlation = await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> browser.findElement(By.cssSelector("#search input[name='correlation_id']")), e -> true);
        correlation.sendKeys("toner-edit-1");
        browser.findElement(By.id("search-go")).click();
        By found = By.cssSelector("#results tr[data-message-id='" + deadId + "'] a.message-link");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.findElement(found).isDisplayed());
        browser.findElement(found).click();

        // The message's page: its attempt log with the target's answer.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.findElement(
                By.cssSelector("#attempts tbody")).getText().contains("Ticket INC00009999 does not exist"));
        assertThat(browser.getCurrentUrl()).endsWith("#/messages/" + deadId);
        assertThat(browser.findElement(By.id("preview")).getText()).contains("Toner empty")
                .contains("Authorization: ***");

        browser.findElement(By.cssSelector("#message-actions button.edit")).click();
        WebElement editor = browser.findElement(By.id("edit-payload"));
        String edited = editor.getAttribute("value").replace("Toner empty", "Paper jam in tray 2");
        editor.clear();
        editor.sendKeys(edited);
        browser.findElement(By.id("edit-reason")).sendKeys("the partner named the wrong fault");
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> browser.findElement(
                By.cssSelector("#edit-diff .add")).getText().contains("Paper jam in tray 2"));
        assertThat(browser.findElement(By.cssSelector("#edit-diff .del")).getText()).contains("Toner empty");
        browser.findElement(By.id("edit-save")).click();

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.findElement(
                By.cssSelector("#revisions .revision")).getText().contains("the partner named the wrong fault"));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.findElement(By.id("preview"))
                .getText().contains("Paper jam in tray 2"));
        assertThat(browser.findElement(By.cssSelector("#revisions .diff .add")).getText()).contains("Paper jam");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        screenshot("message-page.png");

        targets.server().resetAll();
        targets.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(200)
                .withBody("{\"TicketMessageId\":44}")));
        browser.findElement(By.cssSelector("#message-actions button.replay")).click();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            browser.navigate().refresh();
            return browser.findElement(By.cssSelector("#envelope td.status")).getText().equals("processed");
        });
        assertThat(targets.received(TICKETING)).singleElement().satisfies(r ->
                assertThat(r.getBodyAsString()).contains("Paper jam in tray 2").doesNotContain("Toner"));
        screenshot("message-page-after-replay.png");
    }

    private void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
