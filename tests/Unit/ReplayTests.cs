using ModelCheck.Engine;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit;

/// <summary>A trace holds everything needed to reach its bug again, and says where a program stops fitting it.</summary>
public sealed class ReplayTests
{
    static TraceFile FirstTrace(Scenario scenario, TestConfiguration configuration)
    {
        var report = Run(scenario, configuration);
        report.FirstBug();
        return TraceFile.From(report, report.Bugs[0]);
    }

    [Theory]
    [InlineData("engine/racy-counter", StrategyKind.Random)]
    [InlineData("engine/racy-counter", StrategyKind.Pct)]
    [InlineData("engine/racy-counter", StrategyKind.Dfs)]
    [InlineData("engine/racy-counter", StrategyKind.Dpor)]
    [InlineData("engine/lock-order-deadlock", StrategyKind.Random)]
    [InlineData("engine/lock-order-deadlock", StrategyKind.Pct)]
    [InlineData("engine/lock-order-deadlock", StrategyKind.Dfs)]
    [InlineData("engine/lock-order-deadlock", StrategyKind.Dpor)]
    public void Replay_reaches_the_same_bug_at_the_same_step(string name, StrategyKind strategy)
    {
        var scenario = Named(name);
        var trace = FirstTrace(scenario, With(strategy, seed: 5));
        var replay = Replayer.Replay(scenario, trace);
        Assert.Null(replay.Divergence);
        Assert.True(replay.Reproduced);
        Assert.Equal(trace.Bug, replay.Result.Bug);
    }

    [Fact]
    public void Replay_reproduces_data_choices_and_max_steps()
    {
        var scenario = Inline(async rt =>
        {
            int laps = 3 + rt.Choose(4);
            for (int i = 0; i < laps; i++) await rt.Yield();
        });
        var configuration = With(StrategyKind.Random, seed: 9) with { Execution = new ExecutionSettings { MaxSteps = 5, FailOnMaxSteps = true } };
        var trace = FirstTrace(scenario, configuration);
        Assert.Equal(BugKind.MaxStepsReached, trace.Bug.Kind);
        Assert.Contains(trace.Choices, c => c.Kind == ChoiceKind.Data);
        var replay = Replayer.Replay(scenario, trace);
        Assert.True(replay.Reproduced, replay.Divergence);
    }

    [Fact]
    public void A_trace_survives_its_json_unchanged()
    {
        var trace = FirstTrace(Named("engine/racy-counter"), With(StrategyKind.Pct, value: 2, seed: 3));
        var again = TraceFile.Parse(trace.ToJson(), "memory");
        Assert.Equal(trace.ToJson(), again.ToJson());
        Assert.Equal(trace.Choices, again.Choices);
        Assert.Equal(trace.Bug, again.Bug);
        Assert.Equal(trace.Origin, again.Origin);
        Assert.Equal(trace.Settings, again.Settings);
    }

    [Fact]
    public void Writing_a_trace_leaves_no_temporary_file_behind()
    {
        var directory = Directory.CreateTempSubdirectory("modelcheck-trace-").FullName;
        try
        {
            var trace = FirstTrace(Named("engine/racy-counter"), With(StrategyKind.Random));
            var path = Path.Combine(directory, "nested", "racy.trace.json");
            trace.Write(path);
            trace.Write(path);
            Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
            Assert.Equal(trace.ToJson(), File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // Two workers each add one under no lock; main waits for both. Step 1 is main alone, so the first
    // scheduling choice is made at step 2.
    static readonly Scenario LostUpdate = Inline(async rt =>
    {
        var total = rt.NewCell("total", 0);
        var workers = new TaskHandle[2];
        for (int w = 0; w < 2; w++)
            workers[w] = rt.Spawn(async () =>
            {
                int seen = await total.Load(MemoryOrder.SeqCst);
                await total.Store(seen + 1, MemoryOrder.SeqCst);
            }, $"w{w + 1}");
        foreach (var worker in workers) await worker.Join();
        rt.Assert(total.Peek() == 2, $"total is {total.Peek()}");
    }, BugKind.AssertionFailure);

    static TraceFile Edit(TraceFile trace, int index, Choice replacement)
    {
        var choices = trace.Choices.ToArray();
        choices[index] = replacement;
        return trace with { Choices = choices };
    }

    [Fact]
    public void A_choice_of_a_task_that_is_not_enabled_is_divergence_at_its_step()
    {
        var trace = FirstTrace(LostUpdate, With(StrategyKind.Dfs));
        var replay = Replayer.Replay(LostUpdate, Edit(trace, 0, new Choice(ChoiceKind.Schedule, 7)));
        Assert.False(replay.Reproduced);
        Assert.StartsWith("diverged at step 2 (choice 1): the trace schedules task 7, but the enabled tasks are 1, 2", replay.Divergence);
    }

    [Fact]
    public void A_data_choice_where_the_program_schedules_is_divergence()
    {
        var trace = FirstTrace(LostUpdate, With(StrategyKind.Dfs));
        var replay = Replayer.Replay(LostUpdate, Edit(trace, 0, new Choice(ChoiceKind.Data, 0)));
        Assert.Equal("diverged at step 2 (choice 1): the trace holds a Data choice, but the program asked for a Schedule choice", replay.Divergence);
    }

    [Fact]
    public void A_trace_cut_short_is_divergence_where_it_ends()
    {
        var trace = FirstTrace(LostUpdate, With(StrategyKind.Dfs));
        var replay = Replayer.Replay(LostUpdate, trace with { Choices = trace.Choices.Take(1).ToArray() });
        Assert.StartsWith("diverged at step ", replay.Divergence);
        Assert.Contains("the trace ended after 1 choices", replay.Divergence);
    }

    [Fact]
    public void A_trace_with_choices_left_over_is_divergence()
    {
        var trace = FirstTrace(LostUpdate, With(StrategyKind.Dfs));
        var replay = Replayer.Replay(LostUpdate, trace with { Choices = [.. trace.Choices, new Choice(ChoiceKind.Schedule, 1)] });
        Assert.Equal(
            $"diverged: the execution ended at step {trace.Bug.Step} after {trace.Choices.Count} of the trace's {trace.Choices.Count + 1} choices",
            replay.Divergence);
    }

    [Fact]
    public void A_valid_but_different_schedule_is_divergence_when_the_bug_does_not_recur()
    {
        // Rewrite the schedule so that w1 runs to its end before w2 starts: no update is lost.
        var trace = FirstTrace(LostUpdate, With(StrategyKind.Dfs));
        var serial = trace with { Choices = [new Choice(ChoiceKind.Schedule, 1), new Choice(ChoiceKind.Schedule, 1), new Choice(ChoiceKind.Schedule, 1), new Choice(ChoiceKind.Schedule, 2)] };
        var replay = Replayer.Replay(LostUpdate, serial);
        Assert.False(replay.Reproduced);
        Assert.NotNull(replay.Divergence);
        Assert.StartsWith("diverged", replay.Divergence);
    }

    [Fact]
    public void A_replay_records_a_story_of_every_step()
    {
        var trace = FirstTrace(Named("engine/racy-counter"), With(StrategyKind.Random));
        var replay = Replayer.Replay(Named("engine/racy-counter"), trace);
        Assert.Equal(["main", "worker1", "worker2"], replay.Recording.TaskNames);
        Assert.Contains(replay.Recording.Events, e => e.Text.StartsWith("load counter -> ", StringComparison.Ordinal));
        Assert.Contains(replay.Recording.Events, e => e.Text.StartsWith("store counter = ", StringComparison.Ordinal));
        var text = StepTable.Render(replay);
        Assert.Contains("replay    reproduced", text);
        Assert.Contains($"bug       assertion at step {trace.Bug.Step}: ", text);
    }
}
