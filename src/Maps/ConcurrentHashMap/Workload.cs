using ModelCheck.Engine;

namespace ModelCheck.Maps.ConcurrentHashMap;

enum OpName { Get, Put, PutIfAbsent, Remove }

/// <summary>One map operation of a task. Keys are their own hash, so "k5" lives in bin 5 &amp; (n − 1).</summary>
readonly record struct ChmOp(OpName Name, int Key, int Value = 0)
{
    public bool IsWrite => Name != OpName.Get;

    public override string ToString() => Name switch
    {
        OpName.Get => $"get(k{Key})",
        OpName.Put => $"put(k{Key}, {Value})",
        OpName.PutIfAbsent => $"putIfAbsent(k{Key}, {Value})",
        _ => $"remove(k{Key})",
    };

    public Task<int?> ApplyTo(ConcurrentHashMap map) => Name switch
    {
        OpName.Get => map.Get(Key),
        OpName.Put => map.Put(Key, Value),
        OpName.PutIfAbsent => map.PutIfAbsent(Key, Value),
        _ => map.Remove(Key),
    };

    /// <summary>The sequential specification of a map operation: the new content of the key and the result.</summary>
    public (int? Next, int? Result) Specify(int? current) => Name switch
    {
        OpName.Get => (current, current),
        OpName.Put => (Value, current),
        OpName.PutIfAbsent => (current ?? Value, current),
        _ => (null, current),
    };
}

/// <summary>
/// A scenario's program: the table length and stride of the map, the keys the main task puts before any task
/// starts (sequentially, so they cost no interleavings), and the operations of each concurrent task.
/// </summary>
sealed record Workload(string Name, int TableLength, int MinTransferStride, (int Key, int Value)[] Setup, ChmOp[][] Tasks)
{
    public IEnumerable<int> Keys => Setup.Select(s => s.Key).Concat(Tasks.SelectMany(t => t.Select(op => op.Key))).Distinct().Order();
}

/// <summary>An operation as it happened: who ran it, its result, and the steps of its call and return.</summary>
readonly record struct CompletedOp(int Task, ChmOp Op, int? Result, int Call, int Return);

/// <summary>
/// The results a correct map must give, for the operations whose outcome does not depend on the interleaving:
/// after every task has joined, a key written by one task only holds what that task's writes leave in it, and
/// a key present from the start that nobody removes is never missed. (A stand-in for the full linearizability
/// check of C-8 that needs nothing but the operations' results.)
/// </summary>
static class FinalState
{
    public static string? Check(Workload workload, IReadOnlyList<CompletedOp> concurrent, IReadOnlyDictionary<int, int?> final)
    {
        foreach (int key in workload.Keys)
        {
            int? initial = workload.Setup.Where(s => s.Key == key).Select(s => (int?)s.Value).LastOrDefault();
            var writers = Enumerable.Range(0, workload.Tasks.Length)
                .Where(t => workload.Tasks[t].Any(op => op.Key == key && op.IsWrite)).ToList();
            bool removed = workload.Tasks.Any(ops => ops.Any(op => op.Key == key && op.Name == OpName.Remove));
            if (initial is not null && !removed)
                foreach (var done in concurrent)
                    if (done.Op.Key == key && done.Result is null)
                        return $"phantom miss: k{key} was present throughout, but {done.Op} by task {done.Task} returned absent";
            if (writers.Count > 1) continue;
            int? expected = initial;
            if (writers.Count == 1)
                foreach (var op in workload.Tasks[writers[0]])
                    if (op.Key == key) expected = op.Specify(expected).Next;
            if (final[key] != expected)
                return $"lost write: after every task joined, get(k{key}) returned {Show(final[key])}, but the writes leave {Show(expected)}";
        }
        return null;
    }

    public static string Show(int? value) => value?.ToString() ?? "absent";
}
