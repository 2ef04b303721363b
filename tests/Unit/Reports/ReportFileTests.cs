using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using ModelCheck.Cli;

namespace ModelCheck.Tests.Unit.Reports;

/// <summary>
/// `test --junit` writes JUnit XML that the schema CI systems accept (junit-10.xsd beside this file)
/// validates, one testcase per scenario with both verdicts and, on failure, the rendered trace;
/// `test --json` writes the same report as JSON; both paths are checked before anything is explored.
/// </summary>
public sealed class ReportFileTests
{
    static readonly string Config = Cli.RepositoryConfiguration;

    static XDocument Validated(string path)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Reports", "junit-10.xsd"));
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        var errors = new List<string>();
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using (var reader = XmlReader.Create(path, settings))
            while (reader.Read()) { }
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return XDocument.Load(path);
    }

    [Fact]
    public void Junit_has_a_testcase_per_scenario_and_the_trace_of_a_failure_and_matches_the_schema()
    {
        using var dir = new TempDirectory();
        var outcome = Cli.Run("test", "engine/racy-counter", "engine/mutex-counter", "-i", "200", "--workers", "2", "--strategy", "random",
            "--outdir", dir.Path, "--junit", dir["results.xml"], "--config", Config);
        Assert.Equal(CommandLine.Failed, outcome.Exit);
        var document = Validated(dir["results.xml"]);
        var suite = document.Root!.Element("testsuite")!;
        Assert.Equal("2", suite.Attribute("tests")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        var cases = suite.Elements("testcase").ToDictionary(c => c.Attribute("name")!.Value);
        Assert.Equal(["engine/mutex-counter", "engine/racy-counter"], cases.Keys.Order());
        Assert.Null(cases["engine/mutex-counter"].Element("failure"));
        Assert.StartsWith("verdict pass, expected pass, 200 executions", cases["engine/mutex-counter"].Element("system-out")!.Value);
        var failure = cases["engine/racy-counter"].Element("failure")!;
        Assert.StartsWith("verdict assertion: counter is", failure.Attribute("message")!.Value);
        // The rendered trace: the replayed step table with the bug's step marked.
        Assert.Contains("an increment was lost", failure.Value);
        Assert.Contains("racy-counter", failure.Value);
        Assert.Matches(@"(?m)^!", failure.Value);
    }

    [Fact]
    public void With_expect_a_junit_failure_is_a_verdict_other_than_the_contract()
    {
        using var dir = new TempDirectory();
        // Without preemptions DFS cannot lose an update: the seeded bug is missed, which --expect calls a failure.
        var outcome = Cli.Run("test", "engine/racy-counter", "engine/mutex-counter", "--expect", "--strategy", "dfs", "--strategy-value", "0",
            "-i", "1000", "--outdir", dir.Path, "--junit", dir["results.xml"], "--json", dir["results.json"], "--config", Config);
        Assert.Equal(CommandLine.Failed, outcome.Exit);
        var cases = Validated(dir["results.xml"]).Root!.Element("testsuite")!.Elements("testcase").ToDictionary(c => c.Attribute("name")!.Value);
        Assert.Null(cases["engine/mutex-counter"].Element("failure"));
        var failure = cases["engine/racy-counter"].Element("failure")!;
        Assert.Equal("verdict pass, expected assertion", failure.Attribute("message")!.Value);
        Assert.Contains("no bug found in 2 executions; the scenario expects assertion", failure.Value);

        var json = JsonNode.Parse(File.ReadAllText(dir["results.json"]))!;
        Assert.Equal(1, (int)json["failed"]!);
        Assert.True((bool)json["expect"]!);
        var racy = json["scenarios"]!.AsArray().Single(s => (string)s!["name"]! == "engine/racy-counter")!;
        Assert.Equal("pass", (string)racy["observed"]!);
        Assert.Equal("assertion", (string)racy["expected"]!);
        Assert.True((bool)racy["failed"]!);
        Assert.True((bool)racy["complete"]!);
        Assert.Equal(2, (int)racy["executions"]!);
    }

    [Fact]
    public void Json_lists_each_bug_with_its_trace_file_and_does_not_depend_on_the_workers()
    {
        using var dir = new TempDirectory();
        string Report(int workers)
        {
            var path = dir[$"w{workers}.json"];
            Cli.Run("test", "engine/racy-counter", "engine/lock-order-deadlock", "-i", "300", "--strategy", "pct", "--all-bugs",
                "--workers", workers.ToString(), "--outdir", dir.Path, "--json", path, "--config", Config);
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            // Clock figures are the only thing allowed to differ.
            json.Remove("seconds");
            foreach (var s in json["scenarios"]!.AsArray()) s!.AsObject().Remove("seconds");
            return json.ToJsonString();
        }
        var one = Report(1);
        Assert.Equal(one, Report(3));
        var racy = JsonNode.Parse(one)!["scenarios"]!.AsArray().Single(s => (string)s!["name"]! == "engine/racy-counter")!;
        var bug = racy["bugs"]!.AsArray().Single()!;
        Assert.Equal("assertion", (string)bug["kind"]!);
        Assert.Equal(Path.Combine(dir.Path, "engine_racy-counter.assertion.trace.json"), (string)bug["trace"]!);
        Assert.True(File.Exists((string)bug["trace"]!));
        Assert.Equal(300, (int)racy["executions"]!);
    }

    [Theory]
    [InlineData("--junit")]
    [InlineData("--json")]
    public void A_report_path_that_cannot_be_written_is_refused_before_exploring(string option)
    {
        using var dir = new TempDirectory();
        // A directory where the file should be: one error line, exit 2, and no trace written.
        var outcome = Cli.Run("test", "engine/racy-counter", "--outdir", dir["traces"], option, dir.Path, "--config", Config);
        Assert.Equal(CommandLine.BadInput, outcome.Exit);
        Assert.Matches($"^modelcheck: {option} .*: is a directory; give a file name$", Assert.Single(outcome.ErrLines));
        Assert.Equal("", outcome.Out);
        Assert.False(Directory.Exists(dir["traces"]) && Directory.EnumerateFiles(dir["traces"]).Any());
    }
}

/// <summary>`test --workers N` prints what one worker prints, for every strategy.</summary>
public sealed class WorkersCommandTests
{
    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("dfs")]
    public void The_output_does_not_depend_on_the_number_of_workers(string strategy)
    {
        using var dir = new TempDirectory();
        string Output(int workers) => Cli.Run("test", "engine", "-i", "400", "--strategy", strategy, "--workers", workers.ToString(),
            "--outdir", dir.Path, "--config", Cli.RepositoryConfiguration).Out;
        string one = Output(1);
        Assert.Contains("engine/racy-counter", one);
        Assert.Equal(one, Output(4));
    }
}
