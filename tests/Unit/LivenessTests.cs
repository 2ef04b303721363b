using ModelCheck.Engine;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit;

/// <summary>
/// Liveness monitors, hot and cold as in Coyote: a monitor hot past its threshold, hot at the end of an
/// execution, hot when the step bound cuts the execution off, or hot when its obligation falls due is a
/// liveness bug whose trace replays; cold and warm monitors never are.
/// </summary>
public sealed class LivenessTests
{
    static readonly TestConfiguration Dfs = With(StrategyKind.Dfs, iterations: 10_000);

    // A worker that owes a flag and sets it after `delay` yields (never, for a negative delay).
    static Func<Runtime, Task> Owes(int delay, int? threshold = null, int maxSpin = int.MaxValue) => async rt =>
    {
        var flag = rt.NewCell("flag", false);
        var monitor = rt.AddLivenessMonitor("flag-set", TemperatureUnit.Steps, () => "the flag is never set", threshold);
        monitor.Hot();
        var worker = rt.Spawn(async () =>
        {
            for (int i = 0; delay < 0 ? i < maxSpin : i < delay; i++) await rt.Yield();
            if (delay >= 0)
            {
                await flag.Store(true, MemoryOrder.SeqCst);
                monitor.Cold();
            }
        }, "worker");
        await worker.Join();
    };

    [Fact]
    public void A_monitor_that_cools_in_time_is_no_bug()
    {
        var report = Run(Owes(delay: 5, threshold: 20), Dfs);
        Assert.Empty(report.Bugs);
        Assert.True(report.Complete);
    }

    [Fact]
    public void A_monitor_hot_at_the_end_of_an_execution_is_a_liveness_bug()
    {
        var bug = Run(Owes(delay: -1, maxSpin: 3), Dfs).FirstBug();
        Assert.Equal(BugKind.Liveness, bug.Kind);
        Assert.Equal("flag-set: hot at the end of the execution: the flag is never set", bug.Message);
    }

    [Fact]
    public void A_monitor_hot_for_more_steps_than_its_threshold_is_a_liveness_bug_at_that_step()
    {
        var bug = Run(Owes(delay: -1, threshold: 10), Dfs).FirstBug();
        Assert.Equal(BugKind.Liveness, bug.Kind);
        Assert.Equal("flag-set: hot for 11 steps, past its threshold of 10: the flag is never set", bug.Message);
        Assert.Equal(11, bug.Step);
    }

    [Fact]
    public void The_default_threshold_is_half_the_step_bound()
    {
        var configuration = Dfs with { Execution = new ExecutionSettings { MaxSteps = 100 } };
        var bug = Run(Owes(delay: -1), configuration).FirstBug();
        Assert.Equal("flag-set: hot for 51 steps, past its threshold of 50: the flag is never set", bug.Message);
    }

    [Fact]
    public void An_execution_cut_off_while_a_monitor_is_hot_is_a_liveness_bug_not_a_quiet_cut_off()
    {
        var configuration = Dfs with { Execution = new ExecutionSettings { MaxSteps = 30 } };
        var report = Run(Owes(delay: -1, threshold: 1000), configuration);
        Assert.Equal(0, report.BoundReached);
        Assert.Equal(BugKind.Liveness, report.FirstBug().Kind);
        Assert.Equal("flag-set: hot when the bound of 30 steps cut the execution off: the flag is never set", report.FirstBug().Message);
    }

    [Fact]
    public void Entries_count_transitions_into_hot_and_warm_states_keep_the_temperature()
    {
        var bug = Run(async rt =>
        {
            var monitor = rt.AddLivenessMonitor("progress", TemperatureUnit.Entries, () => "three tries made no progress", threshold: 2);
            for (int i = 0; i < 3; i++)
            {
                monitor.Hot();
                await rt.Yield();
                monitor.Warm();
            }
        }, Dfs).FirstBug();
        Assert.Equal("progress: hot for 3 entries, past its threshold of 2: three tries made no progress", bug.Message);
        Assert.Equal(BugKind.Liveness, bug.Kind);
    }

    [Fact]
    public void A_warm_monitor_at_the_end_is_no_bug_and_cold_resets_the_temperature()
    {
        var report = Run(async rt =>
        {
            var monitor = rt.AddLivenessMonitor("progress", TemperatureUnit.Entries, () => "never", threshold: 2);
            for (int i = 0; i < 4; i++)
            {
                monitor.Hot();
                await rt.Yield();
                if (i % 2 == 1) monitor.Cold();
                else monitor.Warm();
            }
            monitor.Hot();
            monitor.Warm();
        }, Dfs);
        Assert.Empty(report.Bugs);
    }

    [Fact]
    public void A_hot_monitor_whose_obligation_falls_due_stops_the_task_with_a_liveness_bug()
    {
        bool ranOn = false;
        var bug = Run(async rt =>
        {
            var monitor = rt.AddLivenessMonitor("claim", TemperatureUnit.Steps, () => "bin 1 not moved");
            monitor.Hot();
            await rt.Yield();
            monitor.Due("when its resizer deregistered");
            ranOn = true;
        }, Dfs).FirstBug();
        Assert.Equal("claim: still hot when its resizer deregistered: bin 1 not moved", bug.Message);
        Assert.False(ranOn);
    }

    [Theory]
    [InlineData(StrategyKind.Random)]
    [InlineData(StrategyKind.Pct)]
    public void A_liveness_trace_replays_to_the_same_step(StrategyKind strategy)
    {
        var scenario = Inline(Owes(delay: -1, threshold: 25), BugKind.Liveness);
        var report = Run(scenario, With(strategy, iterations: 10));
        var replay = Replayer.Replay(scenario, TraceFile.From(report, report.Bugs[0]));
        Assert.True(replay.Reproduced, replay.Divergence);
    }

    [Fact]
    public void A_passing_scenario_with_cut_off_executions_breaks_its_contract_unless_it_says_why()
    {
        static async Task Spin(Runtime rt)
        {
            while (true) await rt.Yield();
        }
        var configuration = Dfs with { Execution = new ExecutionSettings { MaxSteps = 20 } };
        var silent = Run(Inline(Spin), configuration);
        Assert.Equal(BugKind.None, silent.Observed);
        Assert.Equal(1, silent.BoundReached);
        Assert.False(silent.MatchesExpectation);
        var declared = Run(Inline(Spin) with { ToleratesCutOff = "spins until a fair scheduler stops it" }, configuration);
        Assert.True(declared.MatchesExpectation);
    }
}
