package io.fleetsim.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JunitReportTest {

    @TempDir
    Path dir;

    @Test
    void writesOneTestCasePerThresholdAndFailsTheFailedOnes() throws Exception {
        ResultsFixture.completeRun(dir, "quickstart");

        Path junit = JunitReport.write(dir);

        assertThat(junit).isEqualTo(dir.resolve("junit.xml"));
        Element suite = parse(junit).getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("fleetsim.quickstart");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        List<Element> cases = children(suite, "testcase");
        assertThat(cases).extracting(c -> c.getAttribute("name"))
                .containsExactly("run completed", "registration.p99 < 500ms", "registration.successRatio >= 0.99");
        assertThat(cases.get(1).getAttribute("classname")).isEqualTo("fleetsim.thresholds");
        assertThat(children(cases.get(0), "failure")).as("the run completed").isEmpty();
        assertThat(children(cases.get(1), "failure")).as("p99 passed").isEmpty();
        assertThat(children(cases.get(2), "failure")).singleElement()
                .extracting(f -> f.getAttribute("message")).isEqualTo("observed 0.98039, limit 0.99");
    }

    @Test
    void allPassingThresholdsGiveNoFailure() throws Exception {
        new ResultsFixture(dir).summary(ResultsFixture.summaryJson(1, "quickstart", true, "pass", "")
                .replace("\"pass\": false", "\"pass\": true"));

        Element suite = parse(JunitReport.write(dir)).getDocumentElement();

        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getElementsByTagName("failure").getLength()).isZero();
        assertThat(children(suite, "testcase")).hasSize(3);
    }

    @Test
    void escapesMarkupInExpressionsAndScenarioNames() throws Exception {
        new ResultsFixture(dir).summary(ResultsFixture.summaryJson(1, "a<b & \\\"c\\\"", true, "fail", ""));

        Path junit = JunitReport.write(dir);

        String xml = Files.readString(junit);
        assertThat(xml).contains("name=\"registration.p99 &lt; 500ms\"").doesNotContain("p99 < 500ms");
        Element suite = parse(junit).getDocumentElement();
        assertThat(suite.getAttribute("name")).isEqualTo("fleetsim.a<b & \"c\"");
        assertThat(children(suite, "testcase").get(1).getAttribute("name")).isEqualTo("registration.p99 < 500ms");
    }

    @Test
    void controlCharactersDoNotMakeTheFileUnreadable() throws Exception {
        new ResultsFixture(dir).summary(ResultsFixture.summaryJson(1, "bell\\u0007", true, "fail", ""));

        Element suite = parse(JunitReport.write(dir)).getDocumentElement();

        assertThat(suite.getAttribute("name")).isEqualTo("fleetsim.bell\uFFFD");
    }

    @Test
    void anIncompleteRunFailsTheRunCompletedCase() throws Exception {
        new ResultsFixture(dir).summary(ResultsFixture.summaryJson(1, "quickstart", false, "pass", ""));

        Element suite = parse(JunitReport.write(dir)).getDocumentElement();

        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        Element runCompleted = children(suite, "testcase").get(0);
        assertThat(runCompleted.getAttribute("name")).isEqualTo("run completed");
        assertThat(children(runCompleted, "failure")).singleElement()
                .extracting(f -> f.getAttribute("message")).asString().contains("did not complete");
    }

    @Test
    void aMissingSummaryIsAnErrorNamingTheFile() throws Exception {
        new ResultsFixture(dir).histograms(1);

        assertThatThrownBy(() -> JunitReport.write(dir)).isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining(dir.resolve("summary.json").toString());
        assertThat(dir.resolve("junit.xml")).doesNotExist();
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(tag)) {
                found.add(element);
            }
        }
        return found;
    }
}
