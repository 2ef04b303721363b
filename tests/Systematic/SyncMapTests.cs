using ModelCheck.Engine;

using static ModelCheck.Tests.Systematic.MapScenarioRuns;

namespace ModelCheck.Tests.Systematic;

/// <summary>
/// The syncmap scenarios beyond their verdicts: each seeded bug of §2.9 is found by random and by PCT within
/// the repository's budget (coyote.json: 2000 iterations, seed 4), with its kind and the evidence that names
/// it; the correct map passes PCT too; dfs explores the correct scenarios completely (miss-race without a
/// preemption bound, the others within a stated one).
/// </summary>
public sealed class SyncMapTests
{
    public static TheoryData<string, string> SeededBugs() => new()
    {
        { "syncmap/S-1", @"(?s)^not linearizable: .* on key k1 .*Load\(k1\) +absent" },
        { "syncmap/S-2", @"(?s)^not linearizable: .* on key k1 .*Store\(k1, 11\) .*Load\(k1\) +absent" },
        { "syncmap/S-2/invariants", @"^sync\.Map invariants: SM-6 entry transitions: e\d+\(k1\) went value -> expunged" },
        { "syncmap/S-3", @"(?s)^not linearizable: .* on key k1 .*Store\(k1, 11\) .*Load\(k1\) +absent" },
        { "syncmap/S-3/invariants", @"^sync\.Map invariants: SM-6 entry transitions: e\d+\(k1\) went expunged -> value" },
        { "syncmap/S-4", @"(?s)^(?=not linearizable: .* on key k1 )(?=.*Swap\(k1, 11\) +10 )(?=.*LoadAndDelete\(k1\) +10 )" },
        { "syncmap/S-6", @"^SM-9 miss storm: still hot at the unlock after the miss: (\d) miss(es)? since dirty was last promoted, and len\(dirty\) is \1: missLocked should have promoted it$" },
        { "syncmap/S-5", @"^sync\.Map invariants: SM-1 read-side immutability: insert k\d into map\d+, which is published as read\.m$" },
    };

    [Theory]
    [MemberData(nameof(SeededBugs))]
    public void Seeded_bug_is_found_by_random_and_pct_within_the_budget(string name, string evidence)
    {
        AssertFoundByRandomAndPct(Catalog.Find(name)!, evidence);
    }

    public static TheoryData<string> CorrectScenarios() =>
        new(Catalog.Match(["syncmap/correct/*"]).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(CorrectScenarios))]
    public void Correct_map_passes_pct_too(string name) => AssertPassesPct(name);

    [Theory]
    [InlineData("syncmap/correct/miss-race", null)]
    [InlineData("syncmap/correct/promote-on-miss", 3)]
    [InlineData("syncmap/correct/expunge-revive", 3)]
    [InlineData("syncmap/correct/range-promotes", 3)]
    [InlineData("syncmap/correct/conditional", 2)]
    [InlineData("syncmap/correct/clear", 3)]
    public void Dfs_explores_correct_scenarios_completely(string name, int? preemptionBound) => AssertDfsComplete(name, preemptionBound);
}
