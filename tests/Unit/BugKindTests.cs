using ModelCheck.Engine;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit;

/// <summary>Every kind of bug the engine reports, each from the smallest program that has it.</summary>
public sealed class BugKindTests
{
    static readonly TestConfiguration Dfs = With(StrategyKind.Dfs, iterations: 10_000);

    [Fact]
    public void A_failed_assertion_is_an_assertion_bug_at_its_step()
    {
        var bug = Run(async rt =>
        {
            var cell = rt.NewCell("x", 1);
            int x = await cell.Load(MemoryOrder.SeqCst);
            rt.Assert(x == 2, $"x is {x}");
        }, Dfs).FirstBug();
        Assert.Equal(new Bug(BugKind.AssertionFailure, "x is 1", Step: 2, Task: 0), bug);
    }

    [Fact]
    public void A_passing_assertion_is_no_bug()
    {
        var report = Run(async rt =>
        {
            var cell = rt.NewCell("x", 2);
            int x = await cell.Load(MemoryOrder.SeqCst);
            rt.Assert(x == 2, $"x is {x}");
        }, Dfs);
        Assert.Empty(report.Bugs);
        Assert.True(report.Complete);
        Assert.Equal(1, report.Executions);
    }

    [Fact]
    public void An_exception_escaping_a_task_names_the_task_and_the_exception()
    {
        var bug = Run(async rt =>
        {
            var worker = rt.Spawn(async () =>
            {
                await rt.Yield();
                throw new InvalidOperationException("boom");
            }, "thrower");
            await worker.Join();
        }, Dfs).FirstBug();
        Assert.Equal(BugKind.UnhandledException, bug.Kind);
        Assert.Equal("task 'thrower' threw InvalidOperationException: boom", bug.Message);
        Assert.Equal(1, bug.Task);
    }

    [Fact]
    public void An_exception_before_the_first_await_is_reported_too()
    {
        var bug = Run(rt => throw new ArgumentException("no"), Dfs).FirstBug();
        Assert.Equal(BugKind.UnhandledException, bug.Kind);
        Assert.Contains("ArgumentException: no", bug.Message);
    }

    [Fact]
    public void Waiting_on_a_wait_group_nobody_signals_is_a_deadlock()
    {
        var bug = Run(async rt =>
        {
            var wg = rt.NewWaitGroup("wg");
            await wg.Add(1);
            await wg.Wait();
        }, Dfs).FirstBug();
        Assert.Equal(BugKind.Deadlock, bug.Kind);
        Assert.Contains("'main' waits to WaitGroupWait wg", bug.Message);
    }

    [Fact]
    public void Lock_order_inversion_is_a_deadlock_naming_both_locks()
    {
        var bug = Run(Named("engine/lock-order-deadlock"), Dfs).FirstBug();
        Assert.Equal(BugKind.Deadlock, bug.Kind);
        Assert.Contains("'A' waits to Lock b", bug.Message);
        Assert.Contains("'B' waits to Lock a", bug.Message);
    }

    static async Task Spin(Runtime rt)
    {
        while (true) await rt.Yield();
    }

    [Fact]
    public void Reaching_max_steps_is_a_bug_when_configured()
    {
        var configuration = Dfs with { Execution = new ExecutionSettings { MaxSteps = 50, FailOnMaxSteps = true } };
        var bug = Run(Spin, configuration).FirstBug();
        Assert.Equal(BugKind.MaxStepsReached, bug.Kind);
        Assert.Equal(50, bug.Step);
    }

    [Fact]
    public void Reaching_max_steps_is_a_quiet_cut_off_otherwise_and_the_run_is_not_complete()
    {
        var configuration = Dfs with { Execution = new ExecutionSettings { MaxSteps = 50 } };
        var report = Run(Spin, configuration);
        Assert.Empty(report.Bugs);
        Assert.Equal(1, report.BoundReached);
        Assert.Equal(50, report.Steps);
        Assert.False(report.Complete);
    }

    sealed class NonNegative : IMonitor<int>
    {
        public int Last;
        public string Name => "non-negative";
        public string? Observe(int e)
        {
            Last = e;
            return e < 0 ? $"saw {e}" : null;
        }
        public string? CheckAtEnd() => Last == 99 ? "ended at 99" : null;
    }

    [Fact]
    public void An_event_a_monitor_rejects_is_a_monitor_violation_and_stops_the_task()
    {
        bool ranOn = false;
        var bug = Run(async rt =>
        {
            rt.AddMonitor(new NonNegative());
            await rt.Yield();
            rt.Publish(1);
            rt.Publish(-1);
            ranOn = true;
        }, Dfs).FirstBug();
        Assert.Equal(new Bug(BugKind.MonitorViolation, "non-negative: saw -1", Step: 2, Task: 0), bug);
        Assert.False(ranOn);
    }

    [Fact]
    public void A_monitor_can_reject_the_final_state()
    {
        var bug = Run(rt =>
        {
            rt.AddMonitor(new NonNegative());
            rt.Publish(99);
            return Task.CompletedTask;
        }, Dfs).FirstBug();
        Assert.Equal(BugKind.MonitorViolation, bug.Kind);
        Assert.Equal("non-negative: ended at 99", bug.Message);
    }

    [Fact]
    public void Events_no_monitor_listens_for_are_ignored()
    {
        var report = Run(rt =>
        {
            rt.AddMonitor(new NonNegative());
            rt.Publish("not an int");
            return Task.CompletedTask;
        }, Dfs);
        Assert.Empty(report.Bugs);
    }

    sealed class Counting<TEvent>(List<string> log, string name) : IMonitor<TEvent>
    {
        public string Name => name;
        public string? Observe(TEvent e)
        {
            log.Add($"{name} saw {e}");
            return null;
        }
    }

    /// <summary>
    /// The runtime keeps which monitors take which events from one execution to the next: when the monitors
    /// added change between executions (other types, another order, one added after an event), each event
    /// still reaches exactly the monitors of its type, in the order they were added.
    /// </summary>
    [Fact]
    public void Each_event_reaches_the_monitors_of_its_type_when_the_monitors_change_between_executions()
    {
        var logs = new SortedSet<string>(StringComparer.Ordinal);
        var report = Run(async rt =>
        {
            var log = new List<string>();
            int shape = rt.Choose(3);
            if (shape == 0)
            {
                rt.AddMonitor(new Counting<int>(log, "a"));
                rt.AddMonitor(new Counting<string>(log, "b"));
            }
            else if (shape == 1)
            {
                rt.AddMonitor(new Counting<string>(log, "b"));
                rt.AddMonitor(new Counting<int>(log, "a"));
            }
            else rt.AddMonitor(new Counting<int>(log, "a"));
            rt.Publish(1);
            rt.Publish("x");
            await rt.Yield();
            rt.AddMonitor(new Counting<int>(log, "c"));
            rt.Publish(2);
            logs.Add($"{shape}: {string.Join(", ", log)}");
        }, Dfs);
        Assert.Empty(report.Bugs);
        Assert.Equal(
            [
                "0: a saw 1, b saw x, a saw 2, c saw 2",
                "1: a saw 1, b saw x, a saw 2, c saw 2",
                "2: a saw 1, a saw 2, c saw 2",
            ], logs);
    }

    public static TheoryData<string> UncontrolledAwaits() => new(UncontrolledEntries.Keys);

    static readonly Dictionary<string, Func<Runtime, Task>> UncontrolledEntries = new()
    {
        ["Task.Delay"] = async rt => await rt.Spawn(async () => await Task.Delay(1), "sleeper").Join(),
        ["Task.Yield"] = async rt => await rt.Spawn(async () => await Task.Yield(), "yielder").Join(),
        // The pooled work reaches a controlled cell, so Task.Run's task can never complete on its own
        // and the outcome does not depend on how fast the pool is.
        ["Task.Run"] = async rt =>
        {
            var cell = rt.NewCell("cell", 0);
            await Task.Run(async () => await cell.Store(1, MemoryOrder.SeqCst));
        },
        ["a raw TaskCompletionSource"] = async rt => await new TaskCompletionSource().Task,
    };

    [Theory]
    [MemberData(nameof(UncontrolledAwaits))]
    public void Awaiting_what_the_scheduler_does_not_control_is_reported_not_hung(string what)
    {
        var report = Run(UncontrolledEntries[what], With(StrategyKind.Random, iterations: 3) with { AllBugs = true });
        Assert.Equal(BugKind.UncontrolledConcurrency, report.FirstBug().Kind);
        Assert.Equal(3, report.BugCounts[BugKind.UncontrolledConcurrency]);
    }

    [Fact]
    public void Unlocking_an_unlocked_mutex_is_fatal()
    {
        var bug = Run(async rt => await rt.NewMutex("mu").Unlock(), Dfs).FirstBug();
        Assert.Equal(new Bug(BugKind.Fatal, "fatal error: sync: unlock of unlocked mutex", Step: 2, Task: 0), bug);
    }

    [Fact]
    public void Unlocking_an_unlocked_rwmutex_is_fatal_for_writers_and_readers()
    {
        Assert.Equal("fatal error: sync: Unlock of unlocked RWMutex",
            Run(async rt => await rt.NewRWMutex("rw").Unlock(), Dfs).FirstBug().Message);
        Assert.Equal("fatal error: sync: RUnlock of unlocked RWMutex",
            Run(async rt => await rt.NewRWMutex("rw").RUnlock(), Dfs).FirstBug().Message);
    }

    [Fact]
    public void A_negative_wait_group_counter_is_fatal()
    {
        var bug = Run(async rt =>
        {
            var wg = rt.NewWaitGroup("wg");
            await wg.Add(1);
            await wg.Done();
            await wg.Done();
        }, Dfs).FirstBug();
        Assert.Equal(new Bug(BugKind.Fatal, "fatal error: sync: negative WaitGroup counter", Step: 4, Task: 0), bug);
    }

    [Fact]
    public void A_fatal_error_in_a_nested_async_method_stops_the_whole_task()
    {
        bool ranOn = false;
        var bug = Run(async rt =>
        {
            var mu = rt.NewMutex("mu");
            await UnlockTwice(mu);
            ranOn = true;
        }, Dfs).FirstBug();
        Assert.Equal(BugKind.Fatal, bug.Kind);
        Assert.False(ranOn);

        static async Task UnlockTwice(Mutex mu)
        {
            await mu.Lock();
            await mu.Unlock();
            await mu.Unlock();
        }
    }

    [Fact]
    public void Fail_reports_the_kind_it_is_given()
    {
        var bug = Run(rt =>
        {
            rt.Fail(BugKind.NotLinearizable, "history h1");
            return Task.CompletedTask;
        }, Dfs).FirstBug();
        Assert.Equal(new Bug(BugKind.NotLinearizable, "history h1", Step: 1, Task: 0), bug);
    }

    [Fact]
    public void The_first_bug_of_an_execution_wins()
    {
        var bug = Run(async rt =>
        {
            rt.Assert(false, "first");
            rt.Assert(false, "second");
            await rt.NewMutex("mu").Unlock();
        }, Dfs).FirstBug();
        Assert.Equal("first", bug.Message);
    }

    [Fact]
    public void All_bugs_keeps_exploring_and_counts_executions_per_kind()
    {
        // Each execution chooses which bug to have; DFS visits all three choices.
        var report = Run(async rt =>
        {
            switch (rt.Choose(3))
            {
                case 0: rt.Assert(false, "assert"); break;
                case 1: await rt.NewMutex("mu").Unlock(); break;
            }
        }, Dfs with { AllBugs = true });
        Assert.True(report.Complete);
        Assert.Equal(3, report.Executions);
        Assert.Equal([BugKind.AssertionFailure, BugKind.Fatal], report.Bugs.Select(b => b.Bug.Kind));
        Assert.Equal(1, report.BugCounts[BugKind.AssertionFailure]);
        Assert.Equal(1, report.BugCounts[BugKind.Fatal]);
    }
}
