using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using ModelCheck.Models.Linearizability;

namespace ModelCheck.Maps.ConcurrentHashMap;

/// <summary>
/// The chm/... scenarios: two or three tasks of a few operations over one to three keys, each crossing a
/// resize of a two- or four-bin table. The correct map and the negative controls must pass; every seeded
/// bug of map-algorithms.md §4.11 must be found with the kind its description names.
/// </summary>
static class Scenarios
{
    static ChmOp Get(int key) => new(OpName.Get, key);
    static ChmOp Put(int key, int value) => new(OpName.Put, key, value);
    static ChmOp PutIfAbsent(int key, int value) => new(OpName.PutIfAbsent, key, value);
    static ChmOp Remove(int key) => new(OpName.Remove, key);

    // T2 (threshold 2) holds k1; two inserts race to the threshold: one initiates the resize to T4, the
    // other joins it from addCount or helpTransfer, or finds it done. Stride 1: two claims of one bin each.
    static readonly Workload InsertsDuringResize = new("inserts-during-resize", 2, 1, [(1, 10)],
        [[Put(2, 20), Get(1)], [Put(3, 30), Get(2)]]);

    // T4 (threshold 3) holds k3 -> k7 in bin 3 (they split to T8 bins 3 and 7, so k3 is cloned), the first
    // bin the resize moves; inserting k0 starts the resize while another task reads k7 and updates k3.
    static readonly Workload UpdateDuringResize = new("update-during-resize", 4, 2, [(3, 30), (7, 70)],
        [[Put(0, 0), Get(7)], [Get(7), Put(3, 31)], [Get(3), Get(0)]]);

    // T4 holds k3 -> k7 in bin 3, as in update-during-resize; put(k0) resizes to T8 while two readers
    // keep looking both keys up, so some lookup meets the bin just as it is forwarded.
    static readonly Workload ReadsDuringResize = new("reads-during-resize", 4, 2, [(3, 30), (7, 70)],
        [[Put(0, 0), Get(3)], [Get(7), Get(3), Get(7)], [Get(3), Get(7), Get(3)]]);

    // T2 holds k3 (moving to T4 bin 3); inserting k0 resizes while another task inserts k7 into the same
    // bin and removes it again. Stride 2: a single claim, so the putter never joins the transfer.
    static readonly Workload InsertIntoMovingBin = new("insert-into-moving-bin", 2, 2, [(3, 30)],
        [[Put(0, 0), Get(7)], [Put(7, 70), Get(3)]]);

    // T2 holds k0; k1 completes the resize to T4 (threshold 3) and k2 brings the count to that threshold,
    // so the second insert's addCount reads sizeCtl and table right around the commit.
    static readonly Workload InsertAcrossCommit = new("insert-across-commit", 2, 1, [(0, 0)],
        [[Put(1, 10), Get(2)], [Put(2, 20), Get(0)]]);

    // T4 holds k3 -> k7 in bin 3; two inserts bring the count over the threshold 3 so that both resizers
    // claim strides of two bins, and the first writer then inserts k11 behind the moved k3.
    static readonly Workload InsertBehindDoubleClaim = new("insert-behind-double-claim", 4, 2, [(3, 30), (7, 70)],
        [[Put(0, 0), Put(11, 110)], [Put(1, 10)]]);

    // The smallest resize: T2 holds k1, put(k2) resizes it to T4 while get(k1) reads (small enough for dfs).
    static readonly Workload ResizeUnderGet = new("resize-under-get", 2, 1, [(1, 10)], [[Put(2, 20)], [Get(1)]]);

    // Three tasks on three keys, with a putIfAbsent and a remove, across the resize T2 -> T4.
    static readonly Workload ThreeTasks = new("three-tasks", 2, 1, [(1, 10)],
        [[Put(2, 20), Get(1)], [PutIfAbsent(3, 30), Get(1)], [Remove(1), Get(3)]]);

    // T2 holds k1; t1's put(k2) resizes T2 -> T4 (threshold 3) and its put(k3) at once T4 -> T8, back to
    // back. A get(k1) that loaded T2 before the first commit and is preempted until the second resize has
    // forwarded bin 1 of T4 follows two forwarding nodes (T2[1] -> T4, T4[1] -> T8), a path no other
    // scenario has; then putIfAbsent(k1) finds k1 at the head of its bin and returns without locking, or meets
    // a forwarding node and helps.
    static readonly Workload TwoResizesUnderGet = new("two-resizes-under-get", 2, 1, [(1, 10)],
        [[Put(2, 20), Put(3, 30)], [Get(1), PutIfAbsent(1, 11)]]);

    // J-5's witness: the same two back-to-back resizes, and a putIfAbsent(k1) that meets T2's forwarding node
    // and helps. With 3 preemptions its helpTransfer sees table == T2 and nextTable == T4, then reads sizeCtl
    // after T2 -> T4 has committed and T4 -> T8 begun.
    static readonly Workload HelperAcrossTwoResizes = new("helper-across-two-resizes", 2, 1, [(1, 10)],
        [[Put(2, 20), Put(3, 30)], [PutIfAbsent(1, 11)]]);

    // The catalogue: scenario argument -> the variant, its workload and the monitors it installs.
    static (Mutation Mutation, Workload Workload, ChmChecks Checks) Case(string argument) => argument switch
    {
        "correct/inserts-during-resize" => (Mutation.None, InsertsDuringResize, ChmChecks.All),
        "correct/update-during-resize" => (Mutation.None, UpdateDuringResize, ChmChecks.All),
        "correct/insert-into-moving-bin" => (Mutation.None, InsertIntoMovingBin, ChmChecks.All),
        "correct/insert-across-commit" => (Mutation.None, InsertAcrossCommit, ChmChecks.All),
        "correct/insert-behind-double-claim" => (Mutation.None, InsertBehindDoubleClaim, ChmChecks.All),
        "correct/resize-under-get" => (Mutation.None, ResizeUnderGet, ChmChecks.All),
        "correct/three-tasks" => (Mutation.None, ThreeTasks, ChmChecks.All),
        "correct/two-resizes-under-get" => (Mutation.None, TwoResizesUnderGet, ChmChecks.All),
        "J-1a" => (SeededBugs.Parse("J-1a"), InsertBehindDoubleClaim, ChmChecks.All),
        "J-1b" => (SeededBugs.Parse("J-1b"), InsertBehindDoubleClaim, ChmChecks.All & ~ChmChecks.Claims),
        "J-2" => (SeededBugs.Parse("J-2"), UpdateDuringResize, ChmChecks.All & ~ChmChecks.DetachedWrites),
        "J-2b" => (SeededBugs.Parse("J-2b"), InsertIntoMovingBin, ChmChecks.All),
        "J-3" => (SeededBugs.Parse("J-3"), ReadsDuringResize, ChmChecks.All),
        "J-4a" => (SeededBugs.Parse("J-4a"), InsertAcrossCommit, ChmChecks.DetachedWrites | ChmChecks.Quiescence),
        "J-3/ra" => (SeededBugs.Parse("J-3"), ReadsDuringResize, ChmChecks.All),
        "J-4b" => (SeededBugs.Parse("J-4b"), InsertAcrossCommit, ChmChecks.All),
        "correct/reads-during-resize/ra" => (Mutation.None, ReadsDuringResize, ChmChecks.All),
        "correct/insert-across-commit/ra" => (Mutation.None, InsertAcrossCommit, ChmChecks.All),
        "N-1" => (SeededBugs.Parse("N-1"), InsertsDuringResize, ChmChecks.All),
        "N-2" => (SeededBugs.Parse("N-2"), InsertBehindDoubleClaim, ChmChecks.All & ~ChmChecks.Claims),
        "N-3" => (SeededBugs.Parse("N-3"), InsertAcrossCommit, ChmChecks.All),
        "N-3/ra" => (SeededBugs.Parse("N-3"), InsertAcrossCommit, ChmChecks.All),
        "N-4" => (SeededBugs.Parse("N-4"), InsertsDuringResize, ChmChecks.All),
        "L-1" => (SeededBugs.Parse("L-1"), InsertBehindDoubleClaim, ChmChecks.All),
        "J-5" => (SeededBugs.Parse("J-5"), HelperAcrossTwoResizes, ChmChecks.All),
        "J-5/stuck" => (SeededBugs.Parse("J-5"), HelperAcrossTwoResizes, ChmChecks.All & ~ChmChecks.Resize & ~ChmChecks.Claims),
        _ => throw new ArgumentException($"unknown chm scenario argument '{argument}'", nameof(argument)),
    };

    [Scenario("chm/correct/inserts-during-resize", PreemptionBound = 2, Argument = "correct/inserts-during-resize", Memory = "sc",
        Description = "T2 holds k1; put(k2) and put(k3) race to the threshold, one initiates the resize to T4 and the other joins or finds it done (stride 1)")]
    [Scenario("chm/correct/update-during-resize", PreemptionBound = 2, Argument = "correct/update-during-resize", Memory = "sc",
        Description = "T4 holds k3 -> k7; put(k0) resizes to T8 while get(k7), put(k3, 31) and get(k3) read and update the bin being moved")]
    [Scenario("chm/correct/insert-into-moving-bin", PreemptionBound = 2, Argument = "correct/insert-into-moving-bin", Memory = "sc",
        Description = "T2 holds k3; put(k0) resizes to T4 (one claim, stride 2) while put(k7) inserts into the bin being moved")]
    [Scenario("chm/correct/insert-across-commit", PreemptionBound = 2, Argument = "correct/insert-across-commit", Memory = "sc",
        Description = "T2 holds k0; put(k1) resizes to T4 while put(k2) reaches the new threshold around the commit")]
    [Scenario("chm/correct/insert-behind-double-claim", PreemptionBound = 2, Argument = "correct/insert-behind-double-claim", Memory = "sc",
        Description = "T4 holds k3 -> k7; put(k0) and put(k1) resize to T8 together (stride 2), then put(k11) lands behind the moved k3")]
    [Scenario("chm/correct/resize-under-get", PreemptionBound = 3, Argument = "correct/resize-under-get", Memory = "sc",
        Description = "the smallest resize: T2 holds k1, put(k2) resizes it to T4 while get(k1) reads; dfs explores it completely")]
    [Scenario("chm/correct/three-tasks", PreemptionBound = 2, Argument = "correct/three-tasks", Memory = "sc",
        Description = "three tasks: put, putIfAbsent and remove across the resize T2 -> T4")]
    [Scenario("chm/correct/two-resizes-under-get", PreemptionBound = 3, Argument = "correct/two-resizes-under-get", Memory = "sc",
        Description = "T2 holds k1; one task resizes T2 -> T4 -> T8 back to back while get(k1), preempted across both, follows two forwarding nodes; then putIfAbsent(k1) takes the unlocked head path")]
    [Scenario("chm/J-1a", Argument = "J-1a", Memory = "sc", Expect = BugKind.MonitorViolation,
        Description = "J-1a: transfer claims its range by reading then writing transferIndex (no CAS): two resizers claim the same bins; only the ghost invariant C-6 sees it, the data stay right")]
    [Scenario("chm/J-1b", Argument = "J-1b", Memory = "sc", Expect = BugKind.MonitorViolation,
        Description = "J-1b: J-1a plus no re-check of the head in transfer: both claimants split the old k3 -> k7 and the second overwrites T8 bins 3 and 7 (double evacuation, C-4; the claim monitor is off so the evacuation, not the claim, is reported). A put(k11) landing between the two splits is lost")]
    [Scenario("chm/J-2", Argument = "J-2", Memory = "sc", Expect = BugKind.NotLinearizable,
        Description = "J-2: putVal does not re-check the head after locking it: put(k3, 31) writes the detached old node after the bin moved (a lost update: not linearizable; the C-5 monitor, which flags the write itself, is off)")]
    [Scenario("chm/J-2b", Argument = "J-2b", Memory = "sc", Expect = BugKind.NotLinearizable,
        Description = "J-2b: transfer publishes the forwarding node before the split bins: get(k3) follows it into the still empty T4 bin (phantom miss), or put(k7) CASes into that bin and is overwritten by the split (lost insert); not linearizable")]
    // Which symptom comes first depends on the schedule, so the scenario accepts both: the second resize
    // either commits its empty table (keys lost) or is abandoned with nextTable still set (C-9 at rest).
    [Scenario("chm/J-4a", Argument = "J-4a", Memory = "sc", Expect = BugKind.NotLinearizable, Accepts = [BugKind.MonitorViolation],
        Description = "J-4a: the commit writes sizeCtl before table: put(k2) reads the new threshold with the old table and resizes the forwarded T2 again; when that resize commits an empty table every key is lost (not linearizable), when it is abandoned C-9 finds nextTable left over at rest (monitor); the resize and claim monitors, which flag the second resize itself, are off")]
    [Scenario("chm/J-3", Argument = "J-3", Expect = BugKind.DataRace, Memory = "sc",
        Description = "J-3: the forwarding node is stored with a plain store: under sc a data race between that store and a reader's tabAt of the bin; under weak memory (chm/J-3/ra) a reader sees fwd but not the split bins it points to")]
    [Scenario("chm/J-3/ra", Argument = "J-3/ra", Expect = BugKind.NotLinearizable, Memory = "ra", RaceDetection = false,
        Description = "J-3 under ra: nothing orders the plain fwd store after the release stores of the split bins, so a get follows fwd and reads the still empty T8 bin: a phantom miss, not linearizable (race detection off: chm/J-3 shows the race)")]
    [Scenario("chm/J-4b", Argument = "J-4b", Expect = BugKind.DataRace, Memory = "sc",
        Description = "J-4b: the commit writes sizeCtl with a plain store (after table): under sc a data race between it and the other writer's volatile read of sizeCtl; with PSO-like store buffers (§5.2) the threshold becomes visible before table and every key is lost as in J-4a")]
    [Scenario("chm/correct/reads-during-resize/ra", PreemptionBound = 2, Argument = "correct/reads-during-resize/ra", Memory = "ra",
        Description = "the correct map under ra: reads-during-resize, where J-3 misses k3 or k7, is linearizable")]
    [Scenario("chm/correct/insert-across-commit/ra", PreemptionBound = 2, Argument = "correct/insert-across-commit/ra", Memory = "ra",
        Description = "the correct map under ra: insert-across-commit, where J-4a and J-4b lose every key, is linearizable")]
    [Scenario("chm/N-3", PreemptionBound = 2, Argument = "N-3", Memory = "sc", RaceDetection = false,
        Description = "N-3 (negative control): table is a plain field, still written before the volatile sizeCtl; stale readers are redirected by forwarding nodes. Its accesses race by construction, so detection is off: the control is about results")]
    [Scenario("chm/N-3/ra", Argument = "N-3/ra", Memory = "ra", RaceDetection = false, Expect = BugKind.NotLinearizable,
        Description = "N-3 under ra is NOT masked, unlike map-algorithms.md §4.10 says: get reads table with a plain load and no sizeCtl, so it can see the new table without the transfer's release stores of its bins and miss a key that is present (not linearizable)")]
    [Scenario("chm/N-1", PreemptionBound = 2, Argument = "N-1", Memory = "sc",
        Description = "N-1 (negative control, JDK-8214427): the helpers' stop test compares with the unshifted stamp; transferIndex <= 0 and the sizeCtl CAS keep it harmless")]
    [Scenario("chm/N-2", PreemptionBound = 2, Argument = "N-2", Memory = "sc",
        Description = "N-2 (negative control): J-1a without the ghost claim monitor: the per-bin guards mask the double claim, no data violation")]
    // The stale helper needs three preemptions (its own two, and the second resize's initiator stopped while
    // bins are left to claim), so the deepening DFS runs to 3 here, where it finds it deterministically.
    [Scenario("chm/J-5", PreemptionBound = 3, Argument = "J-5", Memory = "sc", Expect = BugKind.MonitorViolation,
        Description = "J-5 (the JDK 12 to 26 text; the title of JDK-8392075, \"ConcurrentHashMap may permanently stop resizing\", names this failure): helpTransfer tests sc == rs + 1 and rs + MAX_RESIZERS but not sc's stamp, so a helper that checked table and nextTable during T2 -> T4 and read sizeCtl once T4 -> T8 had begun joins T4 -> T8's count and runs transfer(T2, T4): C-1 sees T4's count include a thread working on T2. Its claims skip T4's bins (the finishing sweep moves them), and if it deregisters last, neither it nor the initiator commits: the resize is never finished")]
    [Scenario("chm/L-1", Argument = "L-1", Memory = "sc", Expect = BugKind.Liveness,
        Description = "L-1: helpTransfer returns the old table instead of the forwarding node's next one: the put that meets a forwarding node reads it again and again (a livelock that only the step bound would end; P-1 reports it at the second meeting with only one resize started; the witness is insert-behind-double-claim, where put(k11) meets the forwarding node of bin 3)")]
    [Scenario("chm/N-4", PreemptionBound = 2, Argument = "N-4", Memory = "sc",
        Description = "N-4 (negative control): no finishing sweep before the commit; correct claims and per-bin retries already forwarded every bin")]
    public static Task Run(Runtime rt, string argument)
    {
        var (workload, options, checks) = Prepared(argument);
        return Execute(rt, workload, options, checks).AsTask();
    }

    /// <summary>The scenario <paramref name="argument"/> with another set of monitors.</summary>
    internal static Task RunWithChecks(Runtime rt, string argument, ChmChecks checks)
    {
        var (workload, options, _) = Prepared(argument);
        return Execute(rt, workload, options, checks).AsTask();
    }

    // Each argument's workload, map options and monitors, worked out once per process (workers share them: all
    // are immutable): Run is called for every execution, and would otherwise make the options record each time.
    static readonly ConcurrentDictionary<string, (Workload Workload, ChmOptions Options, ChmChecks Checks)> prepared = new();

    static (Workload Workload, ChmOptions Options, ChmChecks Checks) Prepared(string argument) =>
        prepared.GetOrAdd(argument, static argument =>
        {
            var (mutation, workload, checks) = Case(argument);
            return (workload, new ChmOptions(workload.TableLength, workload.MinTransferStride, Mutation: mutation), checks);
        });

    /// <summary>Runs <paramref name="workload"/> on a fresh map with the given monitors and checks the final state.</summary>
    /// <remarks>
    /// The scenario and its tasks are controlled methods, made Tasks (which the engine takes) only at the top: an
    /// async Task method captures the execution context at every await and resumes through it.
    /// </remarks>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    static async ValueTask Execute(Runtime rt, Workload workload, ChmOptions options, ChmChecks checks)
    {
        var map = new ConcurrentHashMap(rt, options);
        if (checks.HasFlag(ChmChecks.Claims)) rt.AddMonitor(new ClaimMonitor());
        if (checks.HasFlag(ChmChecks.Resize)) rt.AddMonitor(new ResizeMonitor());
        if (checks.HasFlag(ChmChecks.DetachedWrites)) rt.AddMonitor(new DetachedWriteMonitor());
        if (checks.HasFlag(ChmChecks.Quiescence)) rt.AddMonitor(new QuiescenceMonitor(map));
        if (checks.HasFlag(ChmChecks.Progress))
        {
            rt.AddMonitor(new WriterProgressMonitor(rt));
            rt.AddMonitor(new TransferProgressMonitor(rt));
            rt.AddMonitor(new ClaimProgressMonitor(rt));
        }

        // Setup, tasks and the final reads all go into one history, so C-8 covers the whole execution.
        var history = new HistoryRecorder(rt, MapSpecification.Instance);
        foreach (var put in workload.SetupPuts) await put.RunRecorded(map, history);

        var tasks = new TaskHandle[workload.Tasks.Length];
        for (int t = 0; t < tasks.Length; t++)
        {
            var ops = workload.Tasks[t];
            tasks[t] = rt.Spawn(() => RunTask(ops, map, history).AsTask(), workload.TaskNames[t]);
        }
        foreach (var task in tasks) await task.Join();

        foreach (var get in workload.FinalGets) await get.RunRecorded(map, history);
        history.CheckLinearizable();
    }

    /// <summary>The body of one spawned task: its operations, one after the other.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    static async ValueTask RunTask(ChmOp[] ops, ConcurrentHashMap map, HistoryRecorder history)
    {
        foreach (var op in ops) await op.RunRecorded(map, history);
    }
}
