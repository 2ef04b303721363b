using ModelCheck.Engine;
using ModelCheck.Models.Linearizability;

namespace ModelCheck.Maps.SyncMap;

/// <summary>
/// A scenario's program for a sync.Map model: the calls the main task makes before any task starts
/// (sequential, so they cost no interleavings: they put the map into the state a witness needs), then each
/// task's calls. Afterwards the main task loads every key and ranges over the map. Setup, tasks and final
/// reads are one history, checked against the map specification.
/// </summary>
sealed record Workload(SyncMapOp[] Setup, SyncMapOp[][] Tasks)
{
    /// <summary>A load of every key the program names, in key order, then a Range: the calls after the tasks are joined, made once (workloads are static).</summary>
    SyncMapOp[] FinalCalls { get; } =
    [
        .. Setup.Concat(Tasks.SelectMany(t => t)).Where(op => op.Kind is not (OpKind.Range or OpKind.Clear))
            .Select(op => op.Key).Distinct().Order().Select(SyncMapOp.Load),
        SyncMapOp.Range(),
    ];

    /// <summary>
    /// Runs the whole program on <paramref name="map"/> (its tasks named <paramref name="taskPrefix"/>t1,
    /// t2, ...): the setup, one spawned task per task program, then, once they are joined, a load of every
    /// key and a Range; and checks the history for linearizability. One async method: each costs a box per execution.
    /// </summary>
    public async Task Run(Runtime rt, ISyncMap map, string taskPrefix = "")
    {
        var history = new HistoryRecorder(rt, MapSpecification.Instance);
        foreach (var op in Setup) await op.RunRecorded(map, history);
        var tasks = new TaskHandle[Tasks.Length];
        for (int t = 0; t < tasks.Length; t++)
        {
            var ops = Tasks[t];
            tasks[t] = rt.Spawn(async () =>
            {
                foreach (var op in ops) await op.RunRecorded(map, history);
            }, taskPrefix.Length == 0 && t < TaskNames.Length ? TaskNames[t] : $"{taskPrefix}t{t + 1}");
        }
        foreach (var task in tasks) await task.Join();
        foreach (var call in FinalCalls) await call.RunRecorded(map, history);
        history.CheckLinearizable();
    }

    static readonly string[] TaskNames = ["t1", "t2", "t3", "t4"];
}
