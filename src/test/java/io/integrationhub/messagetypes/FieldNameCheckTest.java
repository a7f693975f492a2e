package io.integrationhub.messagetypes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.integrationhub.connectors.ConnectorFields;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC "Message types": a field step names a field of its connector, the file's default or the one a branch switched
 * to with {@code to: connector:<name>}. Files are parsed from YAML text through Camel's routes loader, as
 * {@link MessageTypeFiles} does; no component is registered, since parsing builds the model without endpoints.
 */
class FieldNameCheckTest {

    private static final Path SHIPPED = Path.of("routes/message-types");

    private DefaultCamelContext context;

    @BeforeEach
    void createContext() {
        context = new DefaultCamelContext();
    }

    @AfterEach
    void closeContext() throws Exception {
        context.close();
    }

    static Stream<Path> shippedFiles() throws IOException {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedFiles")
    void aShippedFileHasNoProblems(Path file) throws Exception {
        assertThat(problems("file:" + file.toAbsolutePath(), Files.readString(file))).isEmpty();
    }

    @Test
    void aTypoIsReportedWithItsLineAndTheNearestField() throws Exception {
        String yaml = """
                - route:
                    from:
                      uri: "message-type:Typo"
                      parameters:
                        connector: ticketing
                      steps:
                        - to:
                            uri: field:Message
                            parameters:
                              type: string
                              value: "{payload.Message}"
                        - to:
                            uri: field:IsPrivat
                            parameters:
                              type: boolean
                              value: "{payload.IsPrivate}"
                """;
        assertThat(problems(yaml))
                .containsExactly("line 12: IsPrivat is not a field of ticketing; did you mean IsPrivate?");
    }

    @Test
    void aNameFarFromEveryFieldListsTheConnectorsFields() throws Exception {
        assertThat(problems(route("superoffice", field("Recipient"))))
                .containsExactly("line 7: Recipient is not a field of superoffice; its fields are To, From, Content,"
                        + " Format, SessionKey, Plugin");
    }

    @Test
    void aNameInTheWrongCaseSuggestsTheFieldsSpelling() throws Exception {
        assertThat(problems(route("itx", field("EeexId"))))
                .containsExactly("line 7: EeexId is not a field of itx; did you mean eeexId?");
    }

    @Test
    void aWebexFieldUnderTheTicketingDefaultIsReported() throws Exception {
        assertThat(problems(route("ticketing", field("Message") + field("evtid"))))
                .singleElement().asString().startsWith("line 12: evtid is not a field of ticketing;");
    }

    @Test
    void aQueryOnTheFieldUriIsNotPartOfTheName() throws Exception {
        assertThat(problems(route("ticketing", to("field:IsPrivate?type=boolean&value={payload.IsPrivate}"))))
                .isEmpty();
    }

    @Test
    void aBranchSwitchedToWebexTakesWebexFieldsAndItsOtherwiseTheDefaultsFields() throws Exception {
        String choice = choice(to("connector:webex") + field("evtid") + field("correlationid"),
                field("Message") + field("IsPrivate"));
        assertThat(problems(route("ticketing", choice))).isEmpty();
    }

    @Test
    void aTicketingFieldAfterTheSwitchToWebexIsReported() throws Exception {
        String choice = choice(to("connector:webex") + field("evtid") + field("Message"), field("Message"));
        assertThat(problems(route("ticketing", choice)))
                .containsExactly("line 17: Message is not a field of webex; its fields are evtid, correlationid,"
                        + " parameters, expiry, notifyurl");
    }

    @Test
    void theSwitchDoesNotLeakOutOfItsBranch() throws Exception {
        String choice = choice(to("connector:webex") + field("evtid"), field("Message"));
        assertThat(problems(route("ticketing", choice + field("IsPrivate") + field("correlationid"))))
                .singleElement().asString().startsWith("line 29: correlationid is not a field of ticketing;");
    }

    @Test
    void aTypoInsideAFilterIsReported() throws Exception {
        String filter = """
                - filter:
                    simple: "${variable.private} == 'yes'"
                    steps:
                """ + field("IsPrivat").indent(6);
        assertThat(problems(route("ticketing", filter)))
                .containsExactly("line 10: IsPrivat is not a field of ticketing; did you mean IsPrivate?");
    }

    @Test
    void aDoTrysCatchMapsToTheConnectorBeforeTheDoTryNotToItsBodysSwitch() throws Exception {
        String doTry = """
                - doTry:
                    steps:
                """ + (to("connector:webex") + field("evtid")).indent(6) + """
                    doCatch:
                      - exception: [java.lang.Exception]
                        steps:
                """ + field("Mesage").indent(10);
        assertThat(problems(route("ticketing", doTry)))
                .containsExactly("line 18: Mesage is not a field of ticketing; did you mean Message?");
    }

    @Test
    void aModelWithoutLineNumbersNamesTheStepsPosition() {
        RouteDefinition route = new RouteDefinition();
        route.from("message-type:Java?connector=ticketing").to("field:Message").to("field:IsPrivat?type=boolean");
        assertThat(FieldNameCheck.problems(route, "ticketing", ConnectorFields.all()))
                .containsExactly("step 2 (field:IsPrivat): IsPrivat is not a field of ticketing; did you mean"
                        + " IsPrivate?");
    }

    @Test
    void anUnknownDefaultConnectorIsReported() throws Exception {
        assertThat(problems(route("ticketting", field("Message"))))
                .containsExactly("line 3: unknown connector 'ticketting': use one of ticketing, superoffice, itx,"
                        + " webex");
    }

    @Test
    void anUnknownConnectorInABranchIsReported() throws Exception {
        String choice = choice(to("connector:webx") + field("evtid"), field("Message"));
        assertThat(problems(route("ticketing", choice)))
                .containsExactly("line 11: unknown connector 'webx': use one of ticketing, superoffice, itx, webex");
    }

    @Test
    void parsingResolvesNoEndpoint() throws Exception {
        parse("file:test.yaml", route("ticketing", choice(to("connector:webex") + field("evtid"),
                field("Message"))));
        assertThat(context.getEndpoints()).isEmpty();
    }

    // --- YAML text ---------------------------------------------------------------------------------------------

    /** A message type file whose steps start at line 7. */
    private static String route(String connector, String steps) {
        return """
                - route:
                    from:
                      uri: "message-type:Test Type"
                      parameters:
                        connector: %s
                      steps:
                """.formatted(connector) + steps.indent(8);
    }

    /** A field step of five lines, as the shipped files write them. */
    private static String field(String name) {
        return """
                - to:
                    uri: field:%s
                    parameters:
                      type: string
                      value: "{payload.value}"
                """.formatted(name);
    }

    private static String to(String uri) {
        return "- to: \"" + uri + "\"\n";
    }

    private static String choice(String whenSteps, String otherwiseSteps) {
        return """
                - choice:
                    when:
                      - simple: "${variable.channel} == 'webex'"
                        steps:
                """ + whenSteps.indent(10) + """
                    otherwise:
                      steps:
                """ + otherwiseSteps.indent(8);
    }

    // --- parsing -----------------------------------------------------------------------------------------------

    private List<String> problems(String yaml) throws Exception {
        return problems("file:test.yaml", yaml);
    }

    private List<String> problems(String location, String yaml) throws Exception {
        RouteDefinition route = parse(location, yaml);
        return FieldNameCheck.problems(route, FieldNameCheck.defaultConnectorOf(route).orElse(null),
                ConnectorFields.all());
    }

    /** As {@link MessageTypeFiles} parses a file: the routes loader, then the builder's model, nothing started. */
    private RouteDefinition parse(String location, String yaml) throws Exception {
        Resource resource = ResourceHelper.fromBytes(location, yaml.getBytes(UTF_8));
        List<RouteDefinition> routes = new ArrayList<>();
        for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(List.of(resource))) {
            routes.addAll(((RouteBuilder) builder).configureRoutes(context).getRoutes());
        }
        assertThat(routes).hasSize(1);
        return routes.get(0);
    }
}
