namespace ModelCheck.Tests.Unit;

/// <summary>Every kind of bad input is one line on stderr naming the problem, exit code 2, and nothing written.</summary>
public sealed class BadInputTests
{
    static readonly string Config = Cli.RepositoryConfiguration;

    static void AssertRejected(Cli.Outcome outcome, string mentions, TempDirectory? dir = null)
    {
        Assert.True(outcome.Exit == 2, outcome.ToString());
        Assert.Equal("", outcome.Out);
        var line = Assert.Single(outcome.ErrLines);
        Assert.StartsWith("modelcheck: ", line);
        Assert.Contains(mentions, line);
        Assert.DoesNotContain("   at ", outcome.Err);
        if (dir is not null) Assert.False(Directory.Exists(dir["traces"]), "a trace directory was created for bad input");
    }

    [Theory]
    [InlineData("engine/no-such-scenario")]
    [InlineData("nothing/*")]
    [InlineData("engine/racy")]
    public void A_pattern_that_matches_nothing(string pattern)
    {
        using var dir = new TempDirectory();
        AssertRejected(Cli.Run("test", pattern, "--outdir", dir["traces"], "--config", Config), $"no scenario matches '{pattern}'", dir);
        AssertRejected(Cli.Run("list", pattern), $"no scenario matches '{pattern}'");
    }

    [Fact]
    public void A_missing_configuration_file()
    {
        using var dir = new TempDirectory();
        AssertRejected(Cli.Run("test", "engine", "--config", dir["coyote.json"], "--outdir", dir["traces"]), "coyote.json: not found", dir);
    }

    [Fact]
    public void No_coyote_json_in_the_working_directory()
    {
        using var dir = new TempDirectory();
        AssertRejected(Cli.RunProcess(dir.Path, "test", "engine"), "coyote.json: not found", dir);
    }

    [Theory]
    [InlineData("{ \"iterations\": ", "not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{ \"iterations\": \"ten\" }", "'iterations' must be a positive integer, not \"ten\"")]
    [InlineData("{ \"iterations\": 0 }", "'iterations' must be a positive integer, not 0")]
    [InlineData("{ \"strategy\": \"bfs\" }", "'strategy' must be one of random, pct, dfs, dpor, portfolio")]
    [InlineData("{ \"seed\": -1 }", "'seed' must be a non-negative integer")]
    [InlineData("{ \"failOnMaxSteps\": 1 }", "'failOnMaxSteps' must be true or false")]
    [InlineData("{ \"outdir\": \"\" }", "'outdir' must be a directory path")]
    [InlineData("{ \"iteration\": 10 }", "unknown setting 'iteration'")]
    [InlineData("{ \"AssembliesPath\": \"bin\", \"AssemblyPath\": \"bin\" }", "unknown setting 'AssemblyPath'")]
    [InlineData("{ \"IsRewritingConcurentCollections\": true }", "unknown setting 'IsRewritingConcurentCollections'")]
    [InlineData("{ \"stepTimeout\": 0 }", "'stepTimeout' must be a positive integer, not 0")]
    public void A_malformed_configuration_file(string text, string mentions)
    {
        using var dir = new TempDirectory();
        var config = dir.File("coyote.json", text);
        AssertRejected(Cli.Run("test", "engine", "--config", config, "--outdir", dir["traces"]), mentions, dir);
    }

    [Theory]
    [InlineData("--iterations", "0", "--iterations must be a positive integer")]
    [InlineData("--iterations", "many", "many")]
    [InlineData("-i", "-5", "")]
    [InlineData("--strategy", "bfs", "--strategy must be one of random, pct, dfs, dpor, portfolio, not 'bfs'")]
    [InlineData("--dpor", "classic", "--dpor must be optimal or source, not 'classic'")]
    [InlineData("--strategy-value", "-1", "")]
    [InlineData("--max-steps", "0", "--max-steps must be a positive integer")]
    [InlineData("--seed", "x", "x")]
    [InlineData("--timeout", "0", "--timeout must be a positive integer")]
    [InlineData("--fail-on-max-steps", "maybe", "maybe")]
    public void An_invalid_option_value(string option, string value, string mentions)
    {
        using var dir = new TempDirectory();
        AssertRejected(Cli.Run("test", "engine", option, value, "--config", Config, "--outdir", dir["traces"]), mentions, dir);
    }

    [Fact]
    public void A_pct_depth_of_zero()
    {
        using var dir = new TempDirectory();
        AssertRejected(Cli.Run("test", "engine", "--strategy", "pct", "--strategy-value", "0", "--config", Config, "--outdir", dir["traces"]),
            "the PCT depth (--strategy-value) is at least 1", dir);
    }

    [Fact]
    public void An_unknown_option_or_verb()
    {
        AssertRejected(Cli.Run("test", "engine", "--iteratons", "5", "--config", Config), "unknown option '--iteratons'");
        AssertRejected(Cli.Run("test", "engine", "engine/typo", "--config", Config), "no scenario matches 'engine/typo'");
        AssertRejected(Cli.Run("explore", "engine"), "unknown command or argument 'explore'");
    }

    [Fact]
    public void A_missing_trace_file()
    {
        using var dir = new TempDirectory();
        AssertRejected(Cli.Run("replay", dir["none.trace.json"]), "trace file not found: ");
    }

    [Fact]
    public void A_truncated_trace_file()
    {
        using var dir = new TempDirectory();
        Cli.Run("test", "engine/racy-counter", "--outdir", dir.Path, "--config", Config);
        var path = Path.Combine(dir.Path, "engine_racy-counter.trace.json");
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.Length / 2)]);
        AssertRejected(Cli.Run("replay", path), "not valid JSON");
    }

    [Theory]
    [InlineData("{ \"iterations\": 10 }", "not a ModelCheck trace")]
    [InlineData("<trace/>", "not valid JSON")]
    [InlineData("", "is empty or not a regular file")]
    [InlineData("{ \"format\": \"modelcheck-trace\", \"version\": 99 }", "trace format version 99 is not supported")]
    [InlineData("{ \"format\": \"modelcheck-trace\", \"version\": 1 }", "missing or malformed 'settings'")]
    public void A_foreign_or_unsupported_trace_file(string text, string mentions)
    {
        using var dir = new TempDirectory();
        AssertRejected(Cli.Run("replay", dir.File("foreign.trace.json", text)), mentions);
    }

    [Theory]
    [InlineData("\"s1\"", "\"x1\"", "choice 1 is malformed (\"x1\")")]
    [InlineData("\"kind\": \"assertion\"", "\"kind\": \"oops\"", "unknown bug kind")]
    [InlineData("\"scenario\": \"engine/racy-counter\"", "\"scenario\": \"engine/gone\"", "the trace's scenario 'engine/gone' does not exist")]
    public void A_trace_edited_into_nonsense(string from, string to, string mentions)
    {
        using var dir = new TempDirectory();
        Cli.Run("test", "engine/racy-counter", "--strategy", "dfs", "--outdir", dir.Path, "--config", Config);
        var path = Path.Combine(dir.Path, "engine_racy-counter.trace.json");
        var text = File.ReadAllText(path);
        int at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{from} not in the trace");
        File.WriteAllText(path, text[..at] + to + text[(at + from.Length)..]);
        AssertRejected(Cli.Run("replay", path), mentions);
    }

    [Fact]
    public void A_user_assembly_that_does_not_exist()
    {
        using var dir = new TempDirectory();
        AssertRejected(Cli.Run("test", dir["My.dll"], "--config", Config, "--outdir", dir["traces"]), "assembly not found: ", dir);
        AssertRejected(Cli.Run("list", dir["My.dll"]), "assembly not found: ");
    }

    [Fact]
    public void A_user_assembly_that_is_not_an_assembly()
    {
        using var dir = new TempDirectory();
        AssertRejected(Cli.Run("list", dir.File("Fake.dll", "not a PE file")), "not a .NET assembly: ");
    }

    [Fact]
    public void A_user_assembly_pattern_that_matches_nothing()
    {
        AssertRejected(Cli.Run("list", Cli.UserAssembly, "engine/racy-counter"), "no scenario matches 'engine/racy-counter'");
    }

    [Theory]
    [InlineData("--seed", "-1", "--seed must be a non-negative integer below 2^64, not '-1'")]
    [InlineData("--seed", "18446744073709551616", "--seed must be a non-negative integer below 2^64")]
    [InlineData("--race-detection", "maybe", "--race-detection must be true or false, not 'maybe'")]
    [InlineData("--max-steps", "-1", "--max-steps must be a positive integer, not '-1'")]
    [InlineData("--strategy-value", "-2", "--strategy-value must be a non-negative integer, not '-2'")]
    public void An_option_value_is_reported_in_the_tools_words(string option, string value, string message)
    {
        using var dir = new TempDirectory();
        AssertRejected(Cli.Run("test", "engine", option, value, "--config", Config, "--outdir", dir["traces"]), message, dir);
        Assert.DoesNotContain("System.", Cli.Run("test", "engine", option, value, "--config", Config, "--outdir", dir["traces"]).Err);
    }

    [Fact]
    public void A_trace_of_a_user_scenario_replayed_without_its_assembly_names_assembly()
    {
        using var dir = new TempDirectory();
        Cli.Run("test", Cli.UserAssembly, "user/lost-update", "--strategy", "dfs", "--outdir", dir.Path, "--config", Config);
        var trace = Path.Combine(dir.Path, "user_lost-update.trace.json");
        AssertRejected(Cli.Run("replay", trace), "--assembly");
        Assert.Equal(0, Cli.Run("replay", trace, "--assembly", Cli.UserAssembly).Exit);
    }

    [Theory]
    [InlineData("\"maxSteps\": \\d+", "\"maxSteps\": 0", "'settings.maxSteps' must be at least 1, not 0")]
    [InlineData("\"maxSteps\": \\d+", "\"maxSteps\": -1", "'settings.maxSteps' must be at least 1, not -1")]
    [InlineData("\"task\": \\d+", "\"task\": 99", "'bug.task' 99 is not a task of the execution")]
    [InlineData("\"task\": \\d+", "\"task\": -7", "'bug.task' must be at least -1, not -7")]
    [InlineData("\"iteration\": \\d+", "\"iteration\": -1", "'origin.iteration' must be at least 1, not -1")]
    [InlineData("\"step\": \\d+", "\"step\": -3", "'bug.step' must be at least 0, not -3")]
    public void A_trace_with_an_impossible_number_is_malformed_not_divergent(string pattern, string replacement, string mentions)
    {
        using var dir = new TempDirectory();
        var text = File.ReadAllText(Path.Combine(Cli.Root, "tests", "Snapshots", "Traces", "engine_racy-counter.min.trace.json"));
        var edited = System.Text.RegularExpressions.Regex.Replace(text, pattern, replacement);
        Assert.NotEqual(text, edited);
        var outcome = Cli.Run("replay", dir.File("edited.trace.json", edited));
        AssertRejected(outcome, mentions);
        // Checked while parsing or only by the replay, the error names the file.
        Assert.Contains("edited.trace.json: ", outcome.Err);
    }

    [Fact]
    public void Choices_are_counted_from_1_in_parse_errors_and_in_divergence()
    {
        using var dir = new TempDirectory();
        var text = File.ReadAllText(Path.Combine(Cli.Root, "tests", "Snapshots", "Traces", "engine_racy-counter.min.trace.json"));
        var first = System.Text.RegularExpressions.Regex.Match(text, "\"choices\": \\[\\s*\"(s\\d+)\"");
        Assert.True(first.Success);
        var malformed = text[..first.Groups[1].Index] + "zz" + text[(first.Groups[1].Index + first.Groups[1].Length)..];
        AssertRejected(Cli.Run("replay", dir.File("malformed.trace.json", malformed)), "choice 1 is malformed (\"zz\")");
        var divergent = text[..first.Groups[1].Index] + "s9" + text[(first.Groups[1].Index + first.Groups[1].Length)..];
        var outcome = Cli.Run("replay", dir.File("divergent.trace.json", divergent));
        Assert.Equal(1, outcome.Exit);
        Assert.Contains("(choice 1): the trace schedules task 9", Assert.Single(outcome.ErrLines));
    }

    [Fact]
    public void Bench_takes_heap_not_memory_which_elsewhere_names_a_memory_model()
    {
        AssertRejected(Cli.Run("bench", "--memory", "false"), "'--memory'");
        var outcome = Cli.Run("bench", "--heap", "false", "--engine", "false", "--linearizability", "false", "--litmus", "false", "--coyote", "false");
        Assert.True(outcome.Exit == 0, outcome.ToString());
    }

    [Fact]
    public void Bench_measures_only_the_workloads_named_and_rejects_unknown_ones()
    {
        string[] quiet = ["--heap", "false", "--linearizability", "false", "--litmus", "false", "--coyote", "false", "--runs", "1"];
        AssertRejected(Cli.Run(["bench", "chm/no-such-map", .. quiet]), "no bench workload is named 'chm/no-such-map'");
        var outcome = Cli.Run(["bench", "hashtriemap/correct/conditional", "--map-executions", "20", .. quiet]);
        Assert.True(outcome.Exit == 0, outcome.ToString());
        var rows = outcome.Out.Split('\n').Select(line => line.Split(' ')[0]).Where(name => name.Contains('/')).ToArray();
        Assert.Equal(["hashtriemap/correct/conditional"], rows);
    }
}
