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
    /// t2, ...) and checks its history for linearizability.
    /// </summary>
    public async Task Run(Runtime rt, ISyncMap map, string taskPrefix = "")
    {
        var history = new HistoryRecorder(rt, MapSpecification.Instance);
        await Finish(map, history, await Start(rt, map, history, taskPrefix));
    }

    /// <summary>The setup, then one spawned task per task program.</summary>
    async Task<TaskHandle[]> Start(Runtime rt, ISyncMap map, HistoryRecorder history, string prefix)
    {
        foreach (var op in Setup) await op.RunRecorded(map, history);
        var tasks = new TaskHandle[Tasks.Length];
        for (int t = 0; t < tasks.Length; t++)
        {
            var ops = Tasks[t];
            tasks[t] = rt.Spawn(async () =>
            {
                foreach (var op in ops) await op.RunRecorded(map, history);
            }, $"{prefix}t{t + 1}");
        }
        return tasks;
    }

    /// <summary>Joins the tasks, loads every key, ranges, and checks the history.</summary>
    async Task Finish(ISyncMap map, HistoryRecorder history, TaskHandle[] tasks)
    {
        foreach (var task in tasks) await task.Join();
        foreach (var call in FinalCalls) await call.RunRecorded(map, history);
        history.CheckLinearizable();
    }
}
