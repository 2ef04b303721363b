using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit;

/// <summary>
/// The models' nested methods run on <see cref="ControlledMethodBuilder"/>: pooled boxes, callers resumed
/// inline. Results, exceptions and interleavings must be exactly those of ordinary async methods, and a
/// warm call must allocate nothing.
/// </summary>
public sealed class ControlledMethodBuilderTests
{
    /// <summary>Reads a cell twice (two scheduling points) and adds the readings, through a nested call.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    static async ValueTask<int> ReadTwice(Cell<int> cell) => await Read(cell) + await Read(cell);

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    static async ValueTask<int> Read(Cell<int> cell) => await cell.Load(MemoryOrder.SeqCst);

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    static async ValueTask Increment(Cell<int> cell, ModelCheck.Engine.Mutex mu)
    {
        await mu.Lock();
        await cell.Store(await Read(cell) + 1, MemoryOrder.SeqCst);
        await mu.Unlock();
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    static async ValueTask FailAfterAStep(Runtime rt)
    {
        await rt.Yield();
        throw new InvalidOperationException("thrown after a scheduling point");
    }

    /// <summary>Exhaustive over two tasks: each locked increment, made of nested pooled calls, is kept, and every sum read is one the schedule allows.</summary>
    [Fact]
    public void Nested_pooled_methods_give_the_results_of_ordinary_ones_in_every_interleaving()
    {
        var sums = new SortedSet<int>();
        var report = Run(async rt =>
        {
            var cell = rt.NewCell("cell", 0);
            var mu = rt.NewMutex("mu");
            var writer = rt.Spawn(async () =>
            {
                for (int i = 0; i < 3; i++) await Increment(cell, mu);
            }, "writer");
            var reader = rt.Spawn(async () =>
            {
                int sum = await ReadTwice(cell);
                sums.Add(sum);
                rt.Assert(sum is >= 0 and <= 6, $"two readings of a counter that goes 0..3 add up to {sum}");
                await Increment(cell, mu);
            }, "reader");
            await writer.Join();
            await reader.Join();
            rt.Assert(cell.Peek() == 4, $"an increment was lost: {cell.Peek()}");
        }, With(StrategyKind.Dfs, iterations: 100_000));
        Assert.True(report.Complete, $"not complete after {report.Executions} executions; {(report.Bugs.Count > 0 ? report.FirstBug().Message : "")}");
        Assert.Equal(BugKind.None, report.Observed);
        // Readings r1 <= r2 from 0..3: the sums 0..6 all happen, so no reading is lost or repeated from a stale box.
        Assert.Equal(Enumerable.Range(0, 7), sums);
    }

    [Fact]
    public void An_exception_after_a_scheduling_point_reaches_the_awaiting_task()
    {
        var bug = Run(async rt =>
        {
            await rt.Spawn(async () => await FailAfterAStep(rt), "thrower").Join();
        }, With(StrategyKind.Random, iterations: 5)).FirstBug();
        Assert.Equal(BugKind.UnhandledException, bug.Kind);
        Assert.Contains("thrown after a scheduling point", bug.Message);
    }

    [Fact]
    public void Awaiting_a_finished_call_twice_fails_instead_of_reading_a_reused_box()
    {
        var bug = Run(async rt =>
        {
            var cell = rt.NewCell("cell", 5);
            var call = Read(cell);
            await call;
            await Read(cell);   // may take the pooled box back
            await call;
        }, With(StrategyKind.Random, iterations: 5)).FirstBug();
        Assert.Equal(BugKind.UnhandledException, bug.Kind);
        Assert.Contains("awaited twice", bug.Message);
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    static async ValueTask<int> FatalInside(Runtime rt, bool afterAStep)
    {
        if (afterAStep) await rt.Yield();
        rt.Fatal("halted inside a nested call");
        return 1;
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    static async ValueTask CallFatal(Runtime rt, bool afterAStep, StrongBox<int> resumed)
    {
        await FatalInside(rt, afterAStep);
        resumed.Value++;
    }

    /// <summary>
    /// A bug that halts a nested call (Fail, Fatal, a monitor) leaves its callers waiting instead of resuming them
    /// to rethrow: no caller runs on, the execution ends in that bug at that step, and the runtime is reused.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_halted_nested_call_ends_the_execution_without_resuming_its_callers(bool afterAStep)
    {
        var resumed = new StrongBox<int>();
        var runtime = new Runtime(new RandomStrategy(1), ExecutionSettings.Default);
        int thread = Environment.CurrentManagedThreadId, throws = 0;
        EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> count = (_, e) =>
        {
            if (Environment.CurrentManagedThreadId == thread && e.Exception is ExecutionHaltedException) throws++;
        };
        AppDomain.CurrentDomain.FirstChanceException += count;
        try
        {
            RunHalting(runtime, afterAStep, resumed);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= count;
        }
        Assert.Equal(0, resumed.Value);
        // One throw per execution, where Fatal stopped the nested call: none at the callers' awaits.
        Assert.Equal(3, throws);
    }

    static void RunHalting(Runtime runtime, bool afterAStep, StrongBox<int> resumed)
    {
        for (int execution = 0; execution < 3; execution++)
        {
            var result = runtime.Execute(async rt =>
            {
                await rt.Spawn(async () =>
                {
                    await CallFatal(rt, afterAStep, resumed);
                    resumed.Value++;
                }, "caller").Join();
                resumed.Value++;
            });
            Assert.Equal(ExecutionStatus.BugFound, result.Status);
            Assert.Equal(BugKind.Fatal, result.Bug!.Kind);
            Assert.Equal("fatal error: halted inside a nested call", result.Bug.Message);
            Assert.Equal(afterAStep ? 3 : 2, result.Bug.Step);
            Assert.True(runtime.IsReusable);
        }
    }

    static Scenario Calls(int count) => Inline(async rt =>
    {
        var cell = rt.NewCell("cell", 0);
        var mu = rt.NewMutex("mu");
        for (int i = 0; i < count; i++)
        {
            await Increment(cell, mu);
            await ReadTwice(cell);
        }
    });

    [Fact]
    public void A_warm_nested_call_allocates_nothing() =>
        AllocationMeter.AssertNoBytesPerRound(Calls, 10, 100, "nested calls");
}
