package io.integrationhub.messagetypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhub.message.Envelope;
import org.junit.jupiter.api.Test;

/** A field value's placeholders, their functions and the parse errors a route file author sees. */
class ValueTemplateTest {

    // As the hub reads JSON: 3.50 stays 3.50
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");
    private static final long RECEIVED_AT = Instant.parse("2026-12-04T09:15:30.250Z").toEpochMilli();

    /** The payload written with ' for ", to keep the JSON readable. */
    private static Envelope envelope(String payload) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(payload.replace('\'', '"'));
            return new Envelope(node, Envelope.ASYNCHRONOUS, "acme", "corr-1", "create", "EXT-1", "incident");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode evaluate(String value, String payload) {
        return ValueTemplate.parse(value).evaluate("Field", envelope(payload), RECEIVED_AT);
    }

    private static String text(String value, String payload) {
        return evaluate(value, payload).textValue();
    }

    private static String inCopenhagen(String value, String payload) {
        return ValueTemplate.parse(value, COPENHAGEN).evaluate("Due", envelope(payload), RECEIVED_AT).textValue();
    }

    private static void refused(String value, String message) {
        assertThatThrownBy(() -> ValueTemplate.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aLonePlaceholderWithoutFunctionsKeepsTheSourceType() {
        assertThat(evaluate("{payload.n}", "{'n': 5}").isInt()).isTrue();
        assertThat(evaluate("{payload.caller}", "{'caller': {'name': 'Ann'}}").isObject()).isTrue();
        assertThat(evaluate("{payload.gone}", "{'n': 5}")).isNull();
    }

    @Test
    void functionsMakeTheResultText() {
        JsonNode value = evaluate("{payload.n | default: 0}", "{'n': 5}");
        assertThat(value.isTextual()).isTrue();
        assertThat(value.textValue()).isEqualTo("5");
    }

    @Test
    void defaultFillsAMissingNullOrEmptyValue() {
        assertThat(text("{payload.category | default: General}", "{'n': 1}")).isEqualTo("General");
        assertThat(text("{payload.category | default: General}", "{'category': null}")).isEqualTo("General");
        assertThat(text("{payload.category | default: General}", "{'category': ''}")).isEqualTo("General");
    }

    @Test
    void defaultKeepsAValue() {
        assertThat(text("{payload.category | default: General}", "{'category': 'Network'}")).isEqualTo("Network");
        assertThat(text("{payload.category | default: General}", "{'category': ' '}")).isEqualTo(" ");
    }

    @Test
    void functionsChainLeftToRight() {
        String value = "{payload.x | trim | upper | default: N/A}";
        assertThat(text(value, "{'x': '  abc '}")).isEqualTo("ABC");
        assertThat(text(value, "{'x': '   '}")).isEqualTo("N/A");
        assertThat(text("{payload.x | default: n/a | upper}", "{'y': 1}")).isEqualTo("N/A");
    }

    @Test
    void whiteSpaceAroundBarsAndArgumentsIsIgnored() {
        assertThat(text("{payload.x|trim|default:N/A}", "{'y': 1}")).isEqualTo("N/A");
        assertThat(text("{ payload.x   |   default:    N/A   }", "{'y': 1}")).isEqualTo("N/A");
    }

    @Test
    void functionsApplyWithinALongerText() {
        assertThat(text("Category: {payload.c | default: General}\\nUrgency: {payload.u | map: 1=High}",
                "{'u': 1}")).isEqualTo("Category: General\nUrgency: High");
    }

    @Test
    void mapMatchesJsonNumbersAndXmlTextAlike() {
        String value = "{payload.urgency | map: 1=High, 2=Medium, 3=Low}";
        assertThat(text(value, "{'urgency': 1}")).isEqualTo("High");
        assertThat(text(value, "{'urgency': '1'}")).isEqualTo("High");
        assertThat(text(value, "{'urgency': 3}")).isEqualTo("Low");
    }

    @Test
    void mapMatchesTheTextExactly() {
        String value = "{payload.urgency | map: 1=High, true=Yes | default: other}";
        assertThat(text(value, "{'urgency': 1.0}")).isEqualTo("other");
        assertThat(text(value, "{'urgency': ' 1'}")).isEqualTo("other");
        assertThat(text(value, "{'urgency': true}")).isEqualTo("Yes");
    }

    @Test
    void mapLeavesUnmappedAndMissingValuesMissingForALaterDefault() {
        String value = "{payload.urgency | map: 1=High, 2=Medium | default: Low}";
        assertThat(text(value, "{'urgency': 2}")).isEqualTo("Medium");
        assertThat(text(value, "{'urgency': 7}")).isEqualTo("Low");
        assertThat(text(value, "{'urgency': 'High'}")).isEqualTo("Low");
        assertThat(text(value, "{'other': 1}")).isEqualTo("Low");
    }

    @Test
    void anUnmappedValueWithoutDefaultRendersAsNothing() {
        assertThat(text("Urgency: {payload.urgency | map: 1=High}", "{'urgency': 5}")).isEqualTo("Urgency: ");
        assertThat(text("{payload.urgency | map: 1=High}", "{'urgency': 5}")).isEmpty();
    }

    @Test
    void aMapResultMayHoldSpacesAndEqualsSigns() {
        String value = "{payload.p | map: 1 = High , 3=Very low, 4=a=b}";
        assertThat(text(value, "{'p': 1}")).isEqualTo("High");
        assertThat(text(value, "{'p': 3}")).isEqualTo("Very low");
        assertThat(text(value, "{'p': 4}")).isEqualTo("a=b");
    }

    @Test
    void upperAndLowerChangeTheCaseOfAnyLetter() {
        assertThat(text("{payload.x | upper}", "{'x': 'Straße'}")).isEqualTo("STRASSE");
        assertThat(text("{payload.x | lower}", "{'x': 'ÀBC'}")).isEqualTo("àbc");
    }

    @Test
    void upperAndLowerIgnoreTheMachinesLocale() {
        Locale machine = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr")); // Turkish dots an upper-case i
        try {
            assertThat(text("{payload.x | upper}", "{'x': 'title'}")).isEqualTo("TITLE");
            assertThat(text("{payload.x | lower}", "{'x': 'TITLE'}")).isEqualTo("title");
        } finally {
            Locale.setDefault(machine);
        }
    }

    @Test
    void trimRemovesSurroundingWhiteSpaceOnly() {
        assertThat(text("[{payload.x | trim}]", "{'x': ' \\t a b \\n'}")).isEqualTo("[a b]");
    }

    @Test
    void truncateCutsToNCharacters() {
        assertThat(text("{payload.x | truncate: 5}", "{'x': 'Printer on fire'}")).isEqualTo("Print");
        assertThat(text("{payload.x | truncate: 50}", "{'x': 'Printer on fire'}")).isEqualTo("Printer on fire");
    }

    @Test
    void truncateCountsCodePointsSoItNeverSplitsACharacter() {
        assertThat(text("{payload.x | truncate: 2}", "{'x': 'a😀bc'}")).isEqualTo("a😀");
        assertThat(text("{payload.x | truncate: 1}", "{'x': '😀😀'}")).isEqualTo("😀");
    }

    @Test
    void textFunctionsWorkOnANumbersText() {
        assertThat(text("{payload.n | truncate: 2}", "{'n': 12345}")).isEqualTo("12");
        assertThat(text("{payload.n | default: 0}", "{'n': 3.50}")).isEqualTo("3.50");
    }

    @Test
    void anObjectWithFunctionsIsAMappingError() {
        assertThatThrownBy(() -> text("{payload.caller | default: nobody}", "{'caller': {'name': 'Ann'}}"))
                .isInstanceOf(MappingException.class)
                .hasMessage("Field: {payload.caller} is an object, which has no place in a text");
    }

    @Test
    void dateWritesAnInstantWithZInTheConfiguredZone() {
        assertThat(inCopenhagen("{payload.due | date: dd.MM.yyyy HH:mm}", "{'due': '2026-12-04T10:15:00Z'}"))
                .isEqualTo("04.12.2026 11:15");
        assertThat(inCopenhagen("{payload.due | date: dd.MM.yyyy HH:mm}", "{'due': '2026-07-01T10:15:00.5Z'}"))
                .isEqualTo("01.07.2026 12:15");
    }

    @Test
    void dateReadsAnOffset() {
        assertThat(inCopenhagen("{payload.due | date: dd.MM.yyyy HH:mm}", "{'due': '2026-12-04T10:15:00-05:00'}"))
                .isEqualTo("04.12.2026 16:15");
    }

    @Test
    void dateTakesALocalDateTimeInTheConfiguredZone() {
        assertThat(inCopenhagen("{payload.due | date: dd.MM.yyyy HH:mm xxx}", "{'due': '2026-12-04T10:15'}"))
                .isEqualTo("04.12.2026 10:15 +01:00");
    }

    @Test
    void dateTakesAPlainDateAsTheStartOfTheDayInTheConfiguredZone() {
        assertThat(inCopenhagen("{payload.due | date: yyyy-MM-dd'T'HH:mmxxx}", "{'due': '2026-12-04'}"))
                .isEqualTo("2026-12-04T00:00+01:00");
    }

    @Test
    void dateWritesInUtcWhenNoZoneIsConfigured() {
        assertThat(text("{payload.due | date: dd.MM.yyyy HH:mm}", "{'due': '2026-12-04T10:15:00+01:00'}"))
                .isEqualTo("04.12.2026 09:15");
        assertThat(text("{payload.due | date: dd.MM.yyyy HH:mm}", "{'due': '2026-12-04T10:15'}"))
                .isEqualTo("04.12.2026 10:15");
    }

    @Test
    void dateWritesEnglishNames() {
        assertThat(text("{payload.due | date: EEE d MMM yyyy}", "{'due': '2026-12-04'}"))
                .isEqualTo("Fri 4 Dec 2026");
    }

    @Test
    void dateLeavesAMissingValueToDefault() {
        assertThat(text("{payload.due | date: dd.MM.yyyy | default: open}", "{'due': ''}")).isEqualTo("open");
        assertThat(text("{payload.due | date: dd.MM.yyyy | default: open}", "{'x': 1}")).isEqualTo("open");
    }

    @Test
    void aValueDateCannotReadIsAMappingErrorNamingTheField() {
        assertThatThrownBy(() -> inCopenhagen("{payload.due | date: dd.MM.yyyy}", "{'due': '04/12/2026'}"))
                .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.field()).isEqualTo("Due"))
                .hasMessage("Due: {payload.due} is '04/12/2026', which is not an ISO-8601 date or date-time: send"
                        + " e.g. 2026-12-04T10:15:00Z, 2026-12-04T11:15:00+01:00 or 2026-12-04");
        assertThatThrownBy(() -> inCopenhagen("{payload.due | date: dd.MM.yyyy}", "{'due': '2026-02-30'}"))
                .isInstanceOf(MappingException.class);
    }

    @Test
    void nowIsTheReceiptTimeAsAnIsoInstant() {
        assertThat(text("{now}", "{'x': 1}")).isEqualTo("2026-12-04T09:15:30.250Z");
        assertThat(text("Received {now}", "{'x': 1}")).isEqualTo("Received 2026-12-04T09:15:30.250Z");
    }

    @Test
    void nowIsFormattedWithDateInTheConfiguredZone() {
        assertThat(inCopenhagen("{now | date: dd.MM.yyyy HH:mm:ss}", "{'x': 1}")).isEqualTo("04.12.2026 10:15:30");
    }

    @Test
    void refusesAnUnknownFunctionNamingTheKnownOnes() {
        refused("{payload.x | uppercase}", "Unknown function 'uppercase' in value '{payload.x | uppercase}': use"
                + " default, map, upper, lower, trim, truncate or date");
    }

    @Test
    void refusesAnUnknownFunctionNamingItsPlaceholderWithinALongerValue() {
        refused("Title: {payload.x | capitalize}", "Unknown function 'capitalize' in {payload.x | capitalize} in"
                + " value 'Title: {payload.x | capitalize}': use default, map, upper, lower, trim, truncate or date");
    }

    @Test
    void refusesAnEmptyFunction() {
        refused("{payload.x | }", "A '|' in value '{payload.x | }' has no function after it: name one of default,"
                + " map, upper, lower, trim, truncate or date, or remove the '|'");
    }

    @Test
    void refusesAnArgumentWithoutItsColon() {
        refused("{payload.x | truncate 80}", "The function truncate in value '{payload.x | truncate 80}' needs a"
                + " ':' before its argument: write | truncate: 80");
    }

    @Test
    void refusesTruncateWithoutALength() {
        refused("{payload.x | truncate}", "The function truncate needs a length in value '{payload.x | truncate}':"
                + " write e.g. | truncate: 80");
        refused("{payload.x | truncate: }", "The function truncate needs a length in value"
                + " '{payload.x | truncate: }': write e.g. | truncate: 80");
    }

    @Test
    void refusesTruncateWithALengthThatIsNotAPositiveNumber() {
        for (String length : new String[] {"0", "-3", "ten", "2.5", "99999999999"}) {
            refused("{payload.x | truncate: " + length + "}", "truncate: " + length + " in value '{payload.x |"
                    + " truncate: " + length + "}' is not a length: write a positive whole number of characters,"
                    + " e.g. | truncate: 80");
        }
    }

    @Test
    void refusesDateWithoutAPattern() {
        refused("{payload.due | date}", "The function date needs a pattern in value '{payload.due | date}': write"
                + " e.g. | date: dd.MM.yyyy HH:mm");
    }

    @Test
    void refusesDateWithAnInvalidPattern() {
        refused("{payload.due | date: yyyy-MM-dd b}", "date: yyyy-MM-dd b in value '{payload.due | date: yyyy-MM-dd"
                + " b}' is not a date pattern (Unknown pattern letter: b): use java.time.format.DateTimeFormatter"
                + " letters, e.g. | date: dd.MM.yyyy HH:mm");
    }

    @Test
    void refusesAMapEntryWithoutEquals() {
        refused("{payload.p | map: 1=High, Medium}", "The map entry 'Medium' in value '{payload.p | map: 1=High,"
                + " Medium}' has no '=': write entries as value=result, separated by commas, e.g. | map: 1=High,"
                + " 2=Medium");
    }

    @Test
    void refusesAnEmptyMapEntry() {
        refused("{payload.p | map: 1=High,}", "The map in value '{payload.p | map: 1=High,}' has an empty entry:"
                + " remove the comma at its end or the second of two commas");
    }

    @Test
    void refusesAMapListingAValueTwice() {
        refused("{payload.p | map: 1=High, 1=Low}", "The map in value '{payload.p | map: 1=High, 1=Low}' lists"
                + " '1' twice: keep one entry for it");
    }

    @Test
    void refusesMapWithoutEntries() {
        refused("{payload.p | map}", "The function map needs entries in value '{payload.p | map}': write e.g."
                + " | map: 1=High, 2=Low");
    }

    @Test
    void refusesDefaultWithoutAFallback() {
        refused("{payload.p | default:}", "The function default needs a fallback in value '{payload.p | default:}':"
                + " write e.g. | default: N/A");
    }

    @Test
    void refusesAnArgumentToAFunctionThatTakesNone() {
        refused("{payload.p | upper: all}", "The function upper takes no argument, but has ': all' in value"
                + " '{payload.p | upper: all}': write | upper");
    }

    @Test
    void refusesAPathBelowNow() {
        refused("{now.date}", "Unknown placeholder {now.date} in value '{now.date}': use an envelope field (e.g."
                + " {external_reference}), {payload.<field>} or {now}");
    }

    @Test
    void aNumberStepTakesALoneXmlElementAsAOneElementList() {
        Envelope xml = envelope("{'tags': 'urgent', 'contact': {'name': 'Ann'}}");
        assertThat(xml.lookup(new String[] {"payload", "tags", "0"}).textValue()).isEqualTo("urgent");
        assertThat(xml.lookup(new String[] {"payload", "tags", "1"})).isNull();
        assertThat(xml.lookup(new String[] {"payload", "contact", "0", "name"}).textValue()).isEqualTo("Ann");
        assertThat(text("{payload.tags.0}", "{'tags': 'urgent'}")).isEqualTo("urgent");
    }

    @Test
    void aNumberStepStillIndexesAList() {
        Envelope json = envelope("{'tags': ['urgent', 'vip']}");
        assertThat(json.lookup(new String[] {"payload", "tags", "1"}).textValue()).isEqualTo("vip");
        assertThat(json.lookup(new String[] {"payload", "tags", "2"})).isNull();
        assertThat(json.lookup(new String[] {"payload", "tags", "99999999999"})).isNull();
    }

    @Test
    void aNumberStepGivesAnObjectsMemberOfThatName() {
        Envelope json = envelope("{'codes': {'0': 'zero', '1': 'one'}}");
        assertThat(json.lookup(new String[] {"payload", "codes", "0"}).textValue()).isEqualTo("zero");
        assertThat(json.lookup(new String[] {"payload", "codes", "1"}).textValue()).isEqualTo("one");
    }
}
