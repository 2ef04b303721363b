using System.CommandLine;
using ModelCheck.Cli.Reports;
using ModelCheck.Engine;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// `modelcheck merge REPORT...`: joins the reports of shards 1..N of one run (`test --shard K/N --json`)
/// into the verdict the unsharded run would have reached: the same executions, bugs (with the shards'
/// trace files) and, only when every shard is present and complete, a complete verdict. Shards that do
/// not belong together (a shard missing or twice, other settings, another scenario version) are one
/// error line and exit 2.
/// </summary>
public static class MergeCommand
{
    public static Command Create(ConsoleOutput console)
    {
        var reports = new Argument<string[]>("reports") { Arity = ArgumentArity.OneOrMore, Description = "the shard reports (test --shard K/N --json FILE), one per shard" };
        var junit = new Option<string?>("--junit") { Description = "write the merged results as JUnit XML to this file" };
        var json = new Option<string?>("--json") { Description = "write the merged results as JSON to this file" };
        var command = new Command("merge", "join the reports of shards 1..N into one verdict") { reports, junit, json };
        command.SetAction(parse =>
        {
            var junitPath = parse.GetValue(junit);
            var jsonPath = parse.GetValue(json);
            if (junitPath is not null) OutputPaths.File(junitPath, "--junit");
            if (jsonPath is not null) OutputPaths.File(jsonPath, "--json");
            var shards = (parse.GetValue(reports) ?? []).Select(ShardReport.Read).ToList();
            CheckBelongTogether(shards);
            var first = shards[0];
            var configuration = first.Configuration with { Shard = Shard.Whole };
            var results = first.Scenarios.Select(s => Merge(configuration, first.Expect, shards, s.Name)).ToList();
            Print(console.Out, configuration, shards, results);
            var elapsed = results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Report.Elapsed);
            if (jsonPath is not null) AtomicFile.Write(jsonPath, JsonReport.Render(results, configuration, first.Expect, elapsed));
            if (junitPath is not null) AtomicFile.Write(junitPath, JUnitReport.Render(results, elapsed));
            return results.Any(r => r.Failed) ? CommandLine.Failed : CommandLine.Ok;
        });
        return command;
    }

    static void CheckBelongTogether(IReadOnlyList<ShardReport> shards)
    {
        var first = shards[0];
        if (first.Scenarios.Count == 0) throw Refused($"{Name(first)} holds no scenarios");
        foreach (var shard in shards)
        {
            if (shard.Shard.Count != first.Shard.Count)
                throw Refused($"{Name(first)} is shard {first.Shard} but {Name(shard)} is shard {shard.Shard}: the reports come from runs cut into different numbers of shards");
            if (shard.SettingsText != first.SettingsText)
                throw Refused($"{Name(shard)} was run with other settings than {Name(first)} ({Difference(first, shard)})");
            if (shard.Expect != first.Expect)
                throw Refused($"{Name(shard)} was run {(shard.Expect ? "with" : "without")} --expect, {Name(first)} {(first.Expect ? "with" : "without")}");
            var names = string.Join(", ", shard.Scenarios.Select(s => s.Name));
            if (names != string.Join(", ", first.Scenarios.Select(s => s.Name)))
                throw Refused($"{Name(shard)} explored other scenarios than {Name(first)}");
            foreach (var (mine, theirs) in shard.Scenarios.Zip(first.Scenarios))
                if (mine.Fingerprint != theirs.Fingerprint)
                    throw Refused($"scenario '{mine.Name}' is another version in {Name(shard)} than in {Name(first)} (fingerprint {mine.Fingerprint}, not {theirs.Fingerprint}): shards must run the same build");
        }
        for (int k = 1; k <= first.Shard.Count; k++)
        {
            var holding = shards.Where(s => s.Shard.Index == k).ToList();
            if (holding.Count == 0) throw Refused($"shard {k}/{first.Shard.Count} is missing: a merged verdict needs every shard of 1..{first.Shard.Count}");
            if (holding.Count > 1) throw Refused($"shard {k}/{first.Shard.Count} is given twice ({Name(holding[0])} and {Name(holding[1])})");
        }
    }

    static string Difference(ShardReport a, ShardReport b)
    {
        var x = a.Configuration;
        var y = b.Configuration;
        (string Name, object? Mine, object? Theirs)[] settings =
        [
            ("strategy", x.Strategy.ToName(), y.Strategy.ToName()), ("strategy value", x.StrategyValue, y.StrategyValue), ("seed", x.Seed, y.Seed),
            ("iterations", x.Iterations, y.Iterations), ("max steps", x.Execution.MaxSteps, y.Execution.MaxSteps),
            ("fail on max steps", x.Execution.FailOnMaxSteps, y.Execution.FailOnMaxSteps), ("memory", x.Execution.Memory.ToName(), y.Execution.Memory.ToName()),
            ("race detection", x.Execution.RaceDetection, y.Execution.RaceDetection), ("all bugs", x.AllBugs, y.AllBugs),
        ];
        var differing = settings.First(s => !Equals(s.Mine, s.Theirs));
        return $"{differing.Name} {differing.Theirs ?? "none"}, not {differing.Mine ?? "none"}";
    }

    static ScenarioResult Merge(TestConfiguration configuration, bool expect, IReadOnlyList<ShardReport> shards, string name)
    {
        var parts = shards.Select(s => s.Scenarios.Single(x => x.Name == name)).ToList();
        // The merged report is about a scenario this process never runs: its entry is not needed, only its name and contract.
        var scenario = new Scenario(name, "", parts[0].Expected, _ => throw new InvalidOperationException("a merged scenario is not run"))
        {
            Fingerprint = parts[0].Fingerprint,
        };
        var reports = parts.Select(p => new ExplorationReport(scenario, configuration, 0, 0, 0, p.Complete, [], new SortedDictionary<BugKind, int>(), TimeSpan.Zero)
        {
            Segments = p.Segments,
        }).ToList();
        var merged = SegmentFold.Join(scenario, configuration, reports);
        // Each merged bug is the first of its kind in some shard, which wrote its trace.
        var owner = parts.SelectMany(p => p.Segments.Select(s => (Segment: s, Part: p))).OrderBy(x => x.Segment.Key).ToList();
        var traces = merged.Bugs.Select(b => owner.First(x => x.Segment.Bugs.Any(f => f.Bug.Kind == b.Bug.Kind)).Part.Traces[b.Bug.Kind]).ToList();
        return new ScenarioResult(merged, traces.Select(t => t.Trace).ToList(), expect, traces.Select(t => t.Rendering).ToList());
    }

    static void Print(TextWriter o, TestConfiguration configuration, IReadOnlyList<ShardReport> shards, IReadOnlyList<ScenarioResult> results)
    {
        var c = configuration;
        o.WriteLine($"merged    {shards.Count} shards ({c.Strategy.ToName()}{(c.StrategyValue is { } v ? " " + v : "")}, seed {c.Seed}, {c.Iterations} iterations, max {c.Execution.MaxSteps} steps)");
        foreach (var result in results)
        {
            var r = result.Report;
            o.WriteLine($"{r.Scenario.Name}  expected {r.Scenario.ExpectedName}, observed {result.Observed}{(result.Expect && result.Failed ? "  MISMATCH" : "")}");
            foreach (var (found, trace) in r.Bugs.Zip(result.Traces))
            {
                o.WriteLine($"  bug       {found.Bug.Kind.ToName()} at step {found.Bug.Step} of execution {found.Iteration}: {found.Bug.Message}");
                o.WriteLine($"  trace     {trace}");
            }
            if (c.AllBugs && r.BugCounts.Count > 0) o.WriteLine("  counts    " + string.Join(", ", r.BugCounts.Select(x => $"{x.Key.ToName()} {x.Value}")));
            o.WriteLine($"  explored  {r.Executions} executions{TestCommand.Redundant(r)}, {r.Steps} steps, digest {JsonReport.Hex(r.Digest)}{(r.Complete ? ", complete: every shard explored its whole part" : "")}");
        }
        int failed = results.Count(r => r.Failed);
        o.WriteLine(results[0].Expect
            ? $"{results.Count} scenarios: {results.Count - failed} as expected, {failed} not"
            : $"{results.Count} scenarios: {failed} with bugs");
    }

    static string Name(ShardReport report) => ErrorText.Path(report.Path);

    static UsageException Refused(string why) => new($"merge refused: {why}");
}
