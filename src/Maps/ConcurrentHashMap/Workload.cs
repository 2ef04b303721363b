using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using ModelCheck.Maps.Basics;
using ModelCheck.Models.Linearizability;
using SpecValue = ModelCheck.Models.Linearizability.Value;

namespace ModelCheck.Maps.ConcurrentHashMap;

enum OpName { Get, Put, PutIfAbsent, Remove }

/// <summary>One map operation of a task. Keys are their own hash, so "k5" lives in bin 5 &amp; (n − 1).</summary>
readonly record struct ChmOp(OpName Name, int Key, int Value = 0)
{
    // What the history records of this operation, made once: a workload's operations are made once per
    // process (see Workload), so every execution records the same key name and argument array.
    readonly SpecValue[] arguments = Name is OpName.Get or OpName.Remove ? [KeyNames.Of(Key)] : [KeyNames.Of(Key), Value];

    public override string ToString() => Name switch
    {
        OpName.Get => $"get(k{Key})",
        OpName.Put => $"put(k{Key}, {Value})",
        OpName.PutIfAbsent => $"putIfAbsent(k{Key}, {Value})",
        _ => $"remove(k{Key})",
    };

    public ValueTask<int?> ApplyTo(ConcurrentHashMap map) => Name switch
    {
        OpName.Get => map.Get(Key),
        OpName.Put => map.Put(Key, Value),
        OpName.PutIfAbsent => map.PutIfAbsent(Key, Value),
        _ => map.Remove(Key),
    };

    /// <summary>
    /// Runs the operation on <paramref name="map"/> and records it in <paramref name="history"/> as the map
    /// specification's operation with the same meaning: get is Load, put is Swap (it returns the previous
    /// value), putIfAbsent is LoadOrStore (the previous value, or the stored one and loaded = false), remove is
    /// LoadAndDelete. The invocation is recorded before the first scheduling point, the response after the last.
    /// </summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<int?> RunRecorded(ConcurrentHashMap map, HistoryRecorder history)
    {
        var call = history.Invoke(Name switch
        {
            OpName.Get => "Load",
            OpName.Put => "Swap",
            OpName.PutIfAbsent => "LoadOrStore",
            _ => "LoadAndDelete",
        }, arguments);
        var result = await ApplyTo(map);
        history.Return(call, Name == OpName.PutIfAbsent
            ? SpecValue.List(result ?? Value, result is not null)
            : result is { } found ? found : SpecValue.Null);
        return result;
    }
}

/// <summary>
/// A scenario's program: the table length and stride of the map, the keys the main task puts before any task
/// starts (sequentially, so they cost no interleavings), and the operations of each concurrent task.
/// </summary>
sealed record Workload(string Name, int TableLength, int MinTransferStride, (int Key, int Value)[] Setup, ChmOp[][] Tasks)
{
    /// <summary>The setup's puts, made once (workloads are static): every execution runs these.</summary>
    public ChmOp[] SetupPuts { get; } = [.. Setup.Select(s => new ChmOp(OpName.Put, s.Key, s.Value))];

    /// <summary>The names of the spawned tasks (t1, t2, ...), made once rather than formatted per spawn.</summary>
    public string[] TaskNames { get; } = [.. Tasks.Select((_, t) => $"t{t + 1}")];

    /// <summary>A get of every key the workload names, in key order: the reads after the tasks are joined.</summary>
    public ChmOp[] FinalGets { get; } =
        [.. Setup.Select(s => s.Key).Concat(Tasks.SelectMany(t => t.Select(op => op.Key))).Distinct().Order().Select(key => new ChmOp(OpName.Get, key))];
}
