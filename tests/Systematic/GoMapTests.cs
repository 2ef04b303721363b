using ModelCheck.Engine;

using static ModelCheck.Tests.Systematic.MapScenarioRuns;

namespace ModelCheck.Tests.Systematic;

/// <summary>
/// The gomap scenarios beyond their verdicts: each seeded bug G-1..G-7 is found by random and by PCT
/// within the repository's budget (coyote.json: 2000 iterations, seed 4), with its kind and the invariant
/// it names, and its trace replays; the correct programs pass PCT too; the single-goroutine programs and
/// the small locked ones are explored completely by DFS; unlocked writers show both of Go's outcomes.
/// </summary>
public sealed class GoMapTests
{
    static readonly (string Bug, string Evidence)[] Evidence =
    [
        ("g1-", @"^m contents: lookup\(a\) missed a live key \(CM-1\)$"),
        ("g1b-", @"^task 'main' threw IndexOutOfRangeException: bucket index out of range \[6\] with length 4 \(m\.a0\)$"),
        ("g2-", @"^m evacuation ledger: the grow completed with old buckets 1, 2, 3 not evacuated \(CM-4\)$"),
        ("g3-", @"^m iteration: the iteration produced \S+ twice \(CM-11a\)$"),
        ("g4-", @"^m iteration: the iteration produced (d, which is not in the map \(CM-11c\)|c = \d+, the map holds 4242 \(CM-11d\))$"),
        ("g5-", @"^m iteration: the iteration ended without producing .*present throughout \(CM-11b\)$"),
        ("g6-", "^fatal error: concurrent map read and map write$"),
        ("g7-", @"^m iteration: the iteration produced \S+, which is not in the map \(CM-11c\)$"),
        ("g8-", @"^m grow progress: hot for 5 entries, past its threshold of 4: 5 writes during a grow of 4 old buckets, and it is still incomplete \(nevacuate = 1\)"),
    ];

    public static TheoryData<string> SeededBugs() => new(Catalog.Match(["gomap/bug/*"]).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(SeededBugs))]
    public void Seeded_bug_is_found_by_random_and_pct_and_its_trace_replays(string name) =>
        AssertFoundByRandomAndPctAndReplays(name, Evidence.Single(e => name.StartsWith("gomap/bug/" + e.Bug, StringComparison.Ordinal)).Evidence);

    public static TheoryData<string> CorrectScenarios() =>
        new(Catalog.Match(["gomap/*"]).Where(s => s.Expected == BugKind.None).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(CorrectScenarios))]
    public void Correct_scenario_passes_pct_too(string name) => AssertPassesPct(name);

    // The single-goroutine programs choose only iteration starts; the locked ones are kept tiny.
    [Theory]
    [InlineData("gomap/sequential/reduced", 128)]
    [InlineData("gomap/same-size-grow/reduced", 32)]
    [InlineData("gomap/mid-grow/reduced", 16)]
    [InlineData("gomap/range-across-grow/reduced", 8)]
    [InlineData("gomap/clear-during-range/reduced", 8)]
    [InlineData("gomap/mid-grow/faithful", 64)]
    [InlineData("gomap/locked/mutex-small", 134)]
    [InlineData("gomap/locked/rwmutex-small", 13134)]
    public void Dfs_explores_small_scenarios_completely(string name, int executions) =>
        Assert.Equal(executions, AssertDfsComplete(name, preemptionBound: null).Executions);

    // Go's check is best-effort (#31516): among the schedules of two unlocked writers, some end in
    // "concurrent map writes" and some lose a write with no check firing. Both traces replay.
    [Theory]
    [InlineData(StrategyKind.Random)]
    [InlineData(StrategyKind.Pct)]
    public void Unlocked_writers_show_both_the_fatal_check_and_a_silently_lost_write(StrategyKind strategy)
    {
        var scenario = Catalog.Find("gomap/misuse/two-writers")!;
        var report = Explorer.Explore(scenario, Budget(strategy) with { AllBugs = true });
        Assert.True(report.BugCounts.GetValueOrDefault(BugKind.Fatal) > 0, $"no fatal error under {strategy.ToName()}");
        Assert.True(report.BugCounts.GetValueOrDefault(BugKind.AssertionFailure) > 0, $"no lost write under {strategy.ToName()}");
        var fatal = report.Bugs.Single(b => b.Bug.Kind == BugKind.Fatal);
        var lost = report.Bugs.Single(b => b.Bug.Kind == BugKind.AssertionFailure);
        Assert.Equal("fatal error: concurrent map writes", fatal.Bug.Message);
        // Which writer's key is lost first depends on the schedules drawn; each is written once and read back as 0.
        Assert.Matches(@"^write lost without a fatal error: m\[k(\d+)\] is 0, expected 1\1$", lost.Bug.Message);
        foreach (var found in new[] { fatal, lost })
            Assert.True(Replayer.Replay(scenario, TraceFile.From(report, found)).Reproduced);
    }

    [Theory]
    [InlineData(StrategyKind.Random)]
    [InlineData(StrategyKind.Pct)]
    public void Ranging_while_another_goroutine_writes_is_detected(StrategyKind strategy)
    {
        var report = Explorer.Explore(Catalog.Find("gomap/misuse/writer-and-range")!, Budget(strategy));
        Assert.Equal(BugKind.Fatal, report.Observed);
        Assert.Equal("fatal error: concurrent map iteration and map write", report.Bugs[0].Bug.Message);
    }

    // A copy-on-write map published with a relaxed store: a data race under SC; under ra a reader sees
    // the map partly built, with all three symptoms (the false fatal of golang/go #69652 among them).
    [Theory]
    [InlineData(StrategyKind.Random)]
    [InlineData(StrategyKind.Pct)]
    public void Relaxed_publication_races_and_under_ra_shows_a_partly_built_map(StrategyKind strategy)
    {
        var race = Explorer.Explore(Catalog.Find("gomap/cow/relaxed-publish")!, Budget(strategy));
        Assert.Equal(BugKind.DataRace, race.Observed);
        Assert.Matches(@"^data race on m\.v\d+\.", race.Bugs[0].Bug.Message);

        var scenario = Catalog.Find("gomap/cow/relaxed-publish-ra")!;
        var report = Explorer.Explore(scenario, Budget(strategy) with { AllBugs = true });
        Assert.Equal("fatal error: concurrent map read and map write", report.Bugs.Single(b => b.Bug.Kind == BugKind.Fatal).Bug.Message);
        Assert.Matches(@"^m\.v\d+ contents: lookup\(k\d\) missed a live key \(CM-1\)$", report.Bugs.Single(b => b.Bug.Kind == BugKind.MonitorViolation).Bug.Message);
        Assert.Contains("NullReferenceException", report.Bugs.Single(b => b.Bug.Kind == BugKind.UnhandledException).Bug.Message);
        foreach (var found in report.Bugs)
            Assert.True(Replayer.Replay(scenario, TraceFile.From(report, found)).Reproduced, $"{found.Bug.Kind.ToName()} trace does not replay");
    }
}
