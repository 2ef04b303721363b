using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using ModelCheck.Maps.Basics;
using ModelCheck.Models.Linearizability;

namespace ModelCheck.Maps.SyncMap;

enum OpKind { Load, Store, LoadOrStore, LoadAndDelete, Delete, Swap, CompareAndSwap, CompareAndDelete, Range, Clear }

/// <summary>
/// One sync.Map call of a scenario, recorded in the history under the map specification's operation of
/// the same name (keys read k1, k2, ...). The invocation is recorded before the call's first scheduling
/// point and the response after its last.
/// </summary>
readonly record struct SyncMapOp(OpKind Kind, int Key = 0, int A = 0, int B = 0)
{
    static readonly string[] Names = Enum.GetNames<OpKind>();

    // What the history records of this call, made once: a workload's calls are made once per process
    // (see Workload), so every execution records the same argument array.
    readonly Value[] arguments = Arguments(Kind, Key, A, B);

    public static SyncMapOp Load(int key) => new(OpKind.Load, key);
    public static SyncMapOp Store(int key, int value) => new(OpKind.Store, key, value);
    public static SyncMapOp LoadOrStore(int key, int value) => new(OpKind.LoadOrStore, key, value);
    public static SyncMapOp LoadAndDelete(int key) => new(OpKind.LoadAndDelete, key);
    public static SyncMapOp Delete(int key) => new(OpKind.Delete, key);
    public static SyncMapOp Swap(int key, int value) => new(OpKind.Swap, key, value);
    public static SyncMapOp CompareAndSwap(int key, int old, int value) => new(OpKind.CompareAndSwap, key, old, value);
    public static SyncMapOp CompareAndDelete(int key, int old) => new(OpKind.CompareAndDelete, key, old);
    public static SyncMapOp Range() => new(OpKind.Range);
    public static SyncMapOp Clear() => new(OpKind.Clear);

    static Value[] Arguments(OpKind kind, int key, int a, int b) => kind switch
    {
        OpKind.Range or OpKind.Clear => [],
        OpKind.Load or OpKind.LoadAndDelete or OpKind.Delete => [KeyNames.Of(key)],
        OpKind.CompareAndSwap => [KeyNames.Of(key), a, b],
        _ => [KeyNames.Of(key), a],
    };

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask RunRecorded(ISyncMap map, HistoryRecorder history)
    {
        var call = history.Invoke(Names[(int)Kind], arguments);
        Value result;
        switch (Kind)
        {
            case OpKind.Load:
                var (value, ok) = await map.Load(Key);
                result = ok ? value : Value.Null;
                break;
            case OpKind.Store:
                await map.Store(Key, A);
                result = Value.Null;
                break;
            case OpKind.LoadOrStore:
                var (actual, loaded) = await map.LoadOrStore(Key, A);
                result = Value.List(actual, loaded);
                break;
            case OpKind.LoadAndDelete:
                var (old, deleted) = await map.LoadAndDelete(Key);
                result = deleted ? old : Value.Null;
                break;
            case OpKind.Delete:
                await map.Delete(Key);
                result = Value.Null;
                break;
            case OpKind.Swap:
                var (previous, hadValue) = await map.Swap(Key, A);
                result = hadValue ? previous : Value.Null;
                break;
            case OpKind.CompareAndSwap:
                result = await map.CompareAndSwap(Key, A, B);
                break;
            case OpKind.CompareAndDelete:
                result = await map.CompareAndDelete(Key, A);
                break;
            case OpKind.Clear:
                await map.Clear();
                result = Value.Null;
                break;
            default:
                var pairs = await map.Range();
                result = Value.List(pairs.Select(p => Value.List(KeyNames.Of(p.Key), p.Value)).ToArray());
                break;
        }
        history.Return(call, result);
    }
}
