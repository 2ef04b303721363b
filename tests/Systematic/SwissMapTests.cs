using ModelCheck.Engine;

using static ModelCheck.Tests.Systematic.MapScenarioRuns;

namespace ModelCheck.Tests.Systematic;

/// <summary>
/// The swissmap scenarios beyond their verdicts: each seeded bug W-1..W-4 is found by random and by PCT
/// within the repository's budget (coyote.json: 2000 iterations, seed 1), with its kind and the invariant
/// it names, and its trace replays; the correct programs pass PCT too; the small ones are explored
/// completely by DFS; §3.10's three detection tests end in Go's messages, and unlocked writers show both
/// of Go's outcomes (the fatal check and a silently lost write).
/// </summary>
public sealed class SwissMapTests
{
    static readonly (string Bug, string Evidence)[] Evidence =
    [
        ("w1-", @"^m iteration: the iteration produced (x\d+, which is not in the map \(CM-11c\)|x\d+ = 10, the map holds 4242 \(CM-11d\))$"),
        ("w2-", @"^m iteration: the iteration produced y\d+ twice \(CM-11a\)$"),
        ("w3-", @"^m contents: z in m\.t0\.g1 is unreachable: m\.t0\.g0, earlier on its probe sequence, has an empty slot \(SW-5\)$"),
        ("w4-", @"^m iteration: the iteration produced z\d twice \(CM-11a\)$"),
    ];

    public static TheoryData<string> SeededBugs() => new(Catalog.Match(["swissmap/bug/*"]).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(SeededBugs))]
    public void Seeded_bug_is_found_by_random_and_pct_and_its_trace_replays(string name) =>
        AssertFoundByRandomAndPctAndReplays(name, Evidence.Single(e => name.StartsWith("swissmap/bug/" + e.Bug, StringComparison.Ordinal)).Evidence);

    public static TheoryData<string> CorrectScenarios() =>
        new(Catalog.Match(["swissmap/*"]).Where(s => s.Expected == BugKind.None).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(CorrectScenarios))]
    public void Correct_scenario_passes_pct_too(string name) => AssertPassesPct(name);

    // The single-goroutine witnesses choose only the iteration offsets (16 entry offsets times the
    // directory length); the locked scenario is explored within one preemption.
    [Theory]
    [InlineData("swissmap/tombstone/reduced", null, 16)]
    [InlineData("swissmap/range-across-grow/reduced", null, 16)]
    [InlineData("swissmap/range-across-split/reduced", null, 16)]
    [InlineData("swissmap/range-across-directory-doubling/reduced", null, 32)]
    [InlineData("swissmap/locked/mutex-small", 1, 6728)]
    public void Dfs_explores_small_scenarios_completely(string name, int? preemptions, int executions) =>
        Assert.Equal(executions, AssertDfsComplete(name, preemptions).Executions);

    // Go's check is best-effort (#31516): two unlocked writers end in "concurrent map writes" when their
    // flagged windows overlap, and lose a write with no check firing when one's elem store lands in the
    // table the other's rehash replaced. Both traces replay.
    [Theory]
    [InlineData(StrategyKind.Random)]
    [InlineData(StrategyKind.Pct)]
    public void Unlocked_writers_show_both_the_fatal_check_and_a_silently_lost_write(StrategyKind strategy)
    {
        foreach (var (name, message) in new[]
        {
            ("swissmap/misuse/two-writers", "^fatal error: concurrent map writes$"),
            ("swissmap/misuse/two-writers-lost-write", @"^write lost without a fatal error: m\[k1[34]\] is 0, expected 2[34]$"),
        })
        {
            var scenario = Catalog.Find(name)!;
            var report = Explorer.Explore(scenario, Budget(strategy));
            Assert.True(report.Observed == scenario.Expected, $"{name} under {strategy.ToName()}: {Describe(report)}");
            Assert.Matches(message, report.Bugs[0].Bug.Message);
            Assert.True(Replayer.Replay(scenario, TraceFile.From(report, report.Bugs[0])).Reproduced);
        }
    }

    // §3.10's detection tests: a reader or an iterator whose flag check falls between a writer's toggles.
    [Theory]
    [InlineData("swissmap/misuse/reader-and-writer", "concurrent map read and map write", StrategyKind.Random)]
    [InlineData("swissmap/misuse/reader-and-writer", "concurrent map read and map write", StrategyKind.Pct)]
    [InlineData("swissmap/misuse/writer-and-range", "concurrent map iteration and map write", StrategyKind.Random)]
    [InlineData("swissmap/misuse/writer-and-range", "concurrent map iteration and map write", StrategyKind.Pct)]
    public void Misuse_is_detected_with_gos_message(string name, string message, StrategyKind strategy)
    {
        var report = Explorer.Explore(Catalog.Find(name)!, Budget(strategy));
        Assert.Equal(BugKind.Fatal, report.Observed);
        Assert.Equal("fatal error: " + message, report.Bugs[0].Bug.Message);
    }
}
