using ModelCheck.Engine;

namespace ModelCheck.Tests.Unit.Memory;

/// <summary>Exhaustive exploration of a small program written inline, for the memory and race tests.</summary>
static class Exhaustive
{
    public static ExplorationReport Dfs(Func<Runtime, Task> program, MemoryModel memory = MemoryModel.Sc, bool raceDetection = true, bool allBugs = false) =>
        Explorer.Explore(
            new Scenario("test/inline", "", BugKind.None, program),
            new TestConfiguration
            {
                Strategy = StrategyKind.Dfs,
                Iterations = 1_000_000,
                AllBugs = allBugs,
                Execution = new ExecutionSettings { Memory = memory, RaceDetection = raceDetection },
            });

    /// <summary>The space was explored to its end and nothing was found.</summary>
    public static void AssertCompleteAndClean(ExplorationReport report)
    {
        Assert.True(report.Bugs.Count == 0, report.Bugs.Count > 0 ? report.Bugs[0].Bug.Message : "");
        Assert.True(report.Complete, $"incomplete after {report.Executions} executions");
    }

    public static Bug FirstBug(ExplorationReport report, BugKind kind)
    {
        Assert.NotEmpty(report.Bugs);
        Assert.Equal(kind, report.Bugs[0].Bug.Kind);
        return report.Bugs[0].Bug;
    }

    /// <summary>Two tasks increment a plain cell under a mutex; main checks the total after joining both.</summary>
    public static async Task LockedIncrements(Runtime rt)
    {
        var x = rt.NewCell("x", 0);
        var mu = rt.NewMutex("mu");
        var workers = Enumerable.Range(0, 2).Select(_ => rt.Spawn(async () =>
        {
            await mu.Lock();
            await x.Store(await x.Load(MemoryOrder.Plain) + 1, MemoryOrder.Plain);
            await mu.Unlock();
        })).ToList();
        foreach (var w in workers) await w.Join();
        rt.Assert(await x.Load(MemoryOrder.Plain) == 2, $"x is {x.Peek()}");
    }
}
