using ModelCheck.Engine;

namespace ModelCheck.Tests.Snapshots;

/// <summary>
/// The committed minimised trace of every seeded bug still replays to the same bug kind at the same
/// step, and still renders to its verified text. When the engine, a model or the renderer changes, the
/// diff of the verified files is the review. To add the trace of a new seeded bug (or refresh them all)
/// run scripts/regenerate-traces.sh.
/// </summary>
public sealed class CommittedTraceTests
{
    /// <summary>
    /// Seeded bugs whose committed trace is required. Listed explicitly, so a new seeded bug added to the
    /// repository does not turn this red before its trace is generated; add it here when you do.
    /// </summary>
    static readonly string[] RequiredTraces =
    [
        "chm/J-1a",
        "chm/J-1b",
        "chm/J-2",
        "chm/J-2b",
        "chm/J-4a",
        "engine/lock-order-deadlock",
        "engine/racy-counter",
        "engine/uncontrolled-delay",
        "gomap/bug/g1-lookup-ignores-oldbuckets/faithful",
        "gomap/bug/g1-lookup-ignores-oldbuckets/reduced",
        "gomap/bug/g1b-mask-not-halved/faithful",
        "gomap/bug/g1b-mask-not-halved/reduced",
        "gomap/bug/g2-premature-grow-completion/faithful",
        "gomap/bug/g2-premature-grow-completion/reduced",
        "gomap/bug/g3-iterator-without-filter/faithful",
        "gomap/bug/g3-iterator-without-filter/reduced",
        "gomap/bug/g4-iterator-skips-relookup/faithful",
        "gomap/bug/g4-iterator-skips-relookup/reduced",
        "gomap/bug/g5-grow-loses-olditerator/faithful",
        "gomap/bug/g5-grow-loses-olditerator/reduced",
        "gomap/bug/g6-writing-flag-before-hash/faithful",
        "gomap/bug/g6-writing-flag-before-hash/reduced",
        "gomap/bug/g7-clear-keeps-oldbuckets/faithful",
        "gomap/bug/g7-clear-keeps-oldbuckets/reduced",
        "gomap/cow/relaxed-publish",
        "gomap/cow/relaxed-publish-ra",
        "gomap/misuse/two-writers",
        "gomap/misuse/two-writers-races",
        "gomap/misuse/writer-and-range",
        "gomap/misuse/writer-and-range-races",
        "memory/racy-publication-ra",
        "memory/racy-publication-ra-stale",
        "memory/racy-publication-sc",
        "memory/racy-publication-tso",
        "syncmap/S-1",
        "syncmap/S-2",
        "syncmap/S-2/invariants",
        "syncmap/S-3",
        "syncmap/S-3/invariants",
        "syncmap/S-4",
        "syncmap/S-5",
    ];

    public static TheoryData<string> Traces() => new(Repository.CommittedTraces());

    [Theory]
    [MemberData(nameof(Traces))]
    public void Committed_trace_replays_to_the_same_bug_at_the_same_step(string file)
    {
        var trace = Repository.ReadTrace(file);
        var scenario = Repository.ScenarioOf(trace);
        var replay = Replayer.Replay(scenario, trace);
        Assert.True(replay.Reproduced, $"{file}: {replay.Divergence}");
        Assert.Equal(trace.Bug.Kind, replay.Result.Bug!.Kind);
        Assert.Equal(trace.Bug.Step, replay.Result.Bug.Step);
        Assert.Equal(scenario.Expected, trace.Bug.Kind);
    }

    [Theory]
    [MemberData(nameof(Traces))]
    public void Rendering(string file)
    {
        var trace = Repository.ReadTrace(file);
        var replay = Replayer.Replay(Repository.ScenarioOf(trace), trace);
        this.Verify(StepTable.Render(replay), parameter: file[..^".min.trace.json".Length]);
    }

    [Fact]
    public void Every_required_seeded_bug_has_a_committed_minimised_trace()
    {
        var committed = Repository.CommittedTraces().Select(f => Repository.ReadTrace(f).Scenario).ToHashSet();
        var missing = RequiredTraces.Where(s => !committed.Contains(s)).ToList();
        Assert.True(missing.Count == 0, $"no committed trace for {string.Join(", ", missing)}: run scripts/regenerate-traces.sh");
        foreach (var name in RequiredTraces)
            Assert.NotEqual(BugKind.None, Repository.Catalog.Find(name)?.Expected ?? BugKind.None);
    }
}
