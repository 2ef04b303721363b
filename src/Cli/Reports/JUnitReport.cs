using System.Globalization;
using System.Xml.Linq;
using ModelCheck.Engine;

namespace ModelCheck.Cli.Reports;

/// <summary>
/// `test --junit FILE`: the run as JUnit XML in the shape CI systems read (Ant's and Jenkins' junit-10
/// schema: testsuites, one testsuite with the run's settings as properties, one testcase per scenario).
/// That schema gives a testcase no properties, so its system-out begins with the verdict, the expected
/// verdict, executions and completeness; a failing one carries a failure whose message names both
/// verdicts and whose text is the rendered trace of its first bug (or, when nothing was found, what was
/// expected).
/// </summary>
public static class JUnitReport
{
    public static string Render(IReadOnlyList<ScenarioResult> results, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        var suite = new XElement("testsuite",
            new XAttribute("name", "modelcheck"),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => r.Failed)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            new XAttribute("time", Seconds(elapsed)),
            new XAttribute("timestamp", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", c)),
            new XAttribute("hostname", "localhost"),
            new XElement("properties", Settings(results.Count > 0 ? results[0].Report.Configuration : new TestConfiguration())));
        foreach (var result in results) suite.Add(TestCase(result));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
        return document.Declaration + "\n" + document.Root + "\n";
    }

    static IEnumerable<XElement> Settings(TestConfiguration c) =>
    [
        Property("strategy", c.Strategy.ToName() + (c.StrategyValue is { } v ? " " + v : "")),
        Property("seed", c.Seed.ToString(CultureInfo.InvariantCulture)),
        Property("iterations", c.Iterations.ToString(CultureInfo.InvariantCulture)),
        Property("shard", c.Shard.ToString()),
    ];

    static XElement TestCase(ScenarioResult result)
    {
        var report = result.Report;
        int slash = result.Scenario.Name.LastIndexOf('/');
        var testCase = new XElement("testcase",
            new XAttribute("name", result.Scenario.Name),
            new XAttribute("classname", slash > 0 ? result.Scenario.Name[..slash].Replace('/', '.') : "modelcheck"),
            new XAttribute("time", Seconds(report.Elapsed)));
        if (result.Failed)
        {
            string message = result.Expect
                ? $"verdict {result.Observed}, expected {result.Scenario.ExpectedName}"
                : $"verdict {result.Observed}: {report.Bugs[0].Bug.Message}";
            testCase.Add(new XElement("failure",
                new XAttribute("message", message),
                new XAttribute("type", result.Observed),
                Story(result)));
        }
        testCase.Add(new XElement("system-out", Summary(result)));
        return testCase;
    }

    // The first bug's trace, replayed and rendered as `replay` prints it.
    static string Story(ScenarioResult result)
    {
        if (result.Report.Bugs.Count == 0)
            return $"no bug found in {result.Report.Executions} executions; the scenario expects {result.Scenario.ExpectedName}\n";
        return $"trace {result.Traces[0]}\n" + result.Rendering(0);
    }

    static string Summary(ScenarioResult result)
    {
        var r = result.Report;
        var lines = new List<string>
        {
            $"verdict {result.Observed}, expected {result.Scenario.ExpectedName}, {r.Executions} executions, complete {(r.Complete ? "yes" : "no")}",
        };
        lines.AddRange(r.Bugs.Select((b, i) => $"bug {b.Bug.Kind.ToName()} at step {b.Bug.Step} of execution {b.Iteration}: {b.Bug.Message} (trace {result.Traces[i]})"));
        lines.Add($"explored {r.Executions} executions, {r.Steps} steps{(r.Complete ? ", complete" : "")}");
        return string.Join("\n", lines) + "\n";
    }

    static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture);
}
