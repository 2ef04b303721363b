using System.Runtime.CompilerServices;
using ModelCheck.Engine;

namespace ModelCheck.Maps.SyncMap;

// The reads of a BuiltinMap, awaited in place by the sync.Map method that makes them: the map's read is
// the scheduling point, and the contents are read when the task resumes, inside that step, as the async
// methods these replace did after their one await. As async methods each cost a state machine, a pooled
// box and a resumption, and sync.Map makes one or two lookups per operation. A nil map (m after Clear, or
// the nil dirty S-1 promotes) is not read: it holds nothing, and the await completes at once.

/// <summary>m[key] for a sync.Map's read.m or dirty: the entry, or null.</summary>
internal readonly struct EntryLookup(BuiltinMap? map, int key) : ICriticalNotifyCompletion
{
    readonly ControlledOp<LoadOp<int>, int> read = map is null ? default : map.ReadHeader();

    public EntryLookup GetAwaiter() => this;
    public bool IsCompleted => map is null;
    public void OnCompleted(Action continuation) => read.OnCompleted(continuation);
    public void UnsafeOnCompleted(Action continuation) => read.UnsafeOnCompleted(continuation);

    public Entry? GetResult()
    {
        if (map is null) return null;
        read.GetResult();
        return map.EntryOf(key);
    }
}

/// <summary>len(m).</summary>
internal readonly struct MapLength(BuiltinMap? map) : ICriticalNotifyCompletion
{
    readonly ControlledOp<LoadOp<int>, int> read = map is null ? default : map.ReadHeader();

    public MapLength GetAwaiter() => this;
    public bool IsCompleted => map is null;
    public void OnCompleted(Action continuation) => read.OnCompleted(continuation);
    public void UnsafeOnCompleted(Action continuation) => read.UnsafeOnCompleted(continuation);

    public int GetResult()
    {
        if (map is null) return 0;
        read.GetResult();
        return map.Count;
    }
}
