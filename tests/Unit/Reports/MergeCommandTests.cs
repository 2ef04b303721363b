using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelCheck.Cli;

namespace ModelCheck.Tests.Unit.Reports;

/// <summary>
/// `merge` joins shard reports into the single run's verdict and refuses, in one line with exit 2,
/// reports that do not belong together.
/// </summary>
public sealed class MergeCommandTests
{
    static readonly string Config = Cli.RepositoryConfiguration;

    static string Shard(TempDirectory dir, string name, int k, int n, params string[] extra)
    {
        var path = dir[$"{name}-{k}.json"];
        string[] budget = extra.Contains("-i") ? [] : ["-i", "300"];
        var outcome = Cli.Run(["test", "engine", .. budget, "--outdir", dir[$"traces-{name}-{k}"], "--shard", $"{k}/{n}", "--json", path, "--config", Config, .. extra]);
        Assert.True(outcome.Exit is CommandLine.Ok or CommandLine.Failed, outcome.ToString());
        return path;
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("dfs")]
    [InlineData("dpor")]
    public void Merged_shards_report_what_the_single_run_reports(string strategy)
    {
        using var dir = new TempDirectory();
        bool exhaustive = strategy is "dfs" or "dpor";
        // An exhaustive search's budget holds per shard, so it explores the whole (small) space here.
        string[] settings = ["--strategy", strategy, "--all-bugs", .. exhaustive ? new[] { "-i", "100000" } : []];
        var shards = Enumerable.Range(1, 3).Select(k => Shard(dir, "s", k, 3, settings)).ToList();
        var single = dir["single.json"];
        // DPOR's shards are the cut search, which every run on two or more workers makes.
        Cli.Run(["test", "engine", .. exhaustive ? Array.Empty<string>() : ["-i", "300"], .. settings, "--outdir", dir["traces-single"], "--json", single, "--config", Config,
            .. strategy == "dpor" ? new[] { "--workers", "2" } : []]);
        var merged = Cli.Run(["merge", .. shards.AsEnumerable().Reverse(), "--json", dir["merged.json"], "--junit", dir["merged.xml"]]);
        Assert.Equal(CommandLine.Failed, merged.Exit);
        Assert.StartsWith("merged    3 shards (" + strategy, merged.Out);

        var expected = JsonNode.Parse(File.ReadAllText(single))!["scenarios"]!.AsArray();
        var actual = JsonNode.Parse(File.ReadAllText(dir["merged.json"]))!["scenarios"]!.AsArray();
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (e, a) in expected.Zip(actual))
        {
            foreach (var field in new[] { "name", "fingerprint", "observed", "executions", "steps", "redundant", "complete", "digest", "counts" })
                Assert.Equal(e![field]!.ToJsonString(), a![field]!.ToJsonString());
            var bugs = (e!["bugs"]!.AsArray(), a!["bugs"]!.AsArray());
            Assert.Equal(bugs.Item1.Select(b => b!["kind"] + " " + b["execution"] + " " + b["message"]), bugs.Item2.Select(b => b!["kind"] + " " + b["execution"] + " " + b["message"]));
            // The trace of a merged bug is the one its shard wrote, and it renders as the single run's does,
            // except that a depth-first shard numbers the execution among its own (it cannot know the others').
            foreach (var (eb, ab) in bugs.Item1.Zip(bugs.Item2))
            {
                Assert.True(File.Exists((string)ab!["trace"]!));
                string Story(JsonNode bug) => exhaustive ? Regex.Replace((string)bug["rendering"]!, @"iteration \d+", "iteration N") : (string)bug["rendering"]!;
                Assert.Equal(Story(eb!), Story(ab));
            }
        }
        Assert.Contains("<testcase name=\"engine/racy-counter\"", File.ReadAllText(dir["merged.xml"]));
    }

    [Fact]
    public void Shards_of_two_seeds_are_refused_in_one_line()
    {
        using var dir = new TempDirectory();
        var a = Shard(dir, "a", 1, 2, "--seed", "1");
        var b = Shard(dir, "b", 2, 2, "--seed", "2");
        var outcome = Cli.Run("merge", a, b);
        Assert.Equal(CommandLine.BadInput, outcome.Exit);
        Assert.Equal("", outcome.Out);
        Assert.Matches(@"^modelcheck: merge refused: .*b-2\.json was run with other settings than .*a-1\.json \(seed 2, not 1\)$", Assert.Single(outcome.ErrLines));
    }

    [Fact]
    public void Shards_of_other_scenarios_or_another_scenario_version_are_refused_in_one_line()
    {
        using var dir = new TempDirectory();
        var a = Shard(dir, "a", 1, 2);
        var b = dir["b-2.json"];
        Cli.Run("test", "engine/racy-counter", "-i", "300", "--outdir", dir.Path, "--shard", "2/2", "--json", b, "--config", Config);
        var other = Cli.Run("merge", a, b);
        Assert.Equal(CommandLine.BadInput, other.Exit);
        Assert.Matches(@"^modelcheck: merge refused: .*b-2\.json explored other scenarios than .*a-1\.json$", Assert.Single(other.ErrLines));

        // The same scenarios from another build: the fingerprint differs.
        var c = Shard(dir, "c", 2, 2);
        var json = JsonNode.Parse(File.ReadAllText(c))!;
        json["scenarios"]![0]!["fingerprint"] = "0123456789abcdef";
        File.WriteAllText(c, json.ToJsonString());
        var version = Cli.Run("merge", a, c);
        Assert.Equal(CommandLine.BadInput, version.Exit);
        Assert.Matches(@"^modelcheck: merge refused: scenario 'engine/[a-z-]+' is another version in .*c-2\.json than in .*a-1\.json \(fingerprint 0123456789abcdef, not [0-9a-f]{16}\): shards must run the same build$",
            Assert.Single(version.ErrLines));
    }

    [Fact]
    public void A_missing_or_duplicated_shard_or_a_malformed_report_is_refused_in_one_line()
    {
        using var dir = new TempDirectory();
        var one = Shard(dir, "s", 1, 3);
        var two = Shard(dir, "s", 2, 3);
        var missing = Cli.Run("merge", one, two);
        Assert.Equal(CommandLine.BadInput, missing.Exit);
        Assert.Equal("modelcheck: merge refused: shard 3/3 is missing: a merged verdict needs every shard of 1..3", Assert.Single(missing.ErrLines));

        var twice = Cli.Run("merge", one, two, one);
        Assert.Equal(CommandLine.BadInput, twice.Exit);
        Assert.Matches(@"^modelcheck: merge refused: shard 1/3 is given twice ", Assert.Single(twice.ErrLines));

        var broken = dir.File("broken.json", "{\"format\": \"modelcheck-report\", \"version\": 1, \"settings\": {}, \"shard\": {\"index\": 1, \"count\": 1}}");
        var malformed = Cli.Run("merge", broken);
        Assert.Equal(CommandLine.BadInput, malformed.Exit);
        Assert.Matches(@"^modelcheck: .*broken\.json: 'strategy' is missing or not a string$", Assert.Single(malformed.ErrLines));
    }
}
