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
    public void Every_seeded_bug_has_a_committed_minimised_trace()
    {
        // Every scenario whose contract is a bug is a seeded bug: its story must be committed and reviewed.
        var committed = Repository.CommittedTraces().Select(f => Repository.ReadTrace(f).Scenario).ToHashSet();
        var missing = Repository.Catalog.All
            .Where(s => s.Expected != BugKind.None && !committed.Contains(s.Name))
            .Select(s => s.Name)
            .ToList();
        Assert.True(missing.Count == 0, $"no committed trace for {string.Join(", ", missing)}: run scripts/regenerate-traces.sh NAME...");
    }
}
