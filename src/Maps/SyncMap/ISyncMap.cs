namespace ModelCheck.Maps.SyncMap;

/// <summary>
/// Go's sync.Map API (Go 1.24: every method, Clear included) over int keys and values, as both models
/// implement it: the legacy read/dirty map of Go 1.20–1.23 (<see cref="SyncMap"/>) and the Go 1.24
/// HashTrieMap. The specification stayed the same while the algorithm changed, so the recorded
/// workloads (<see cref="SyncMapOp"/>), the linearizability check and the fidelity property serve both.
/// </summary>
interface ISyncMap
{
    ValueTask<(int Value, bool Ok)> Load(int key);
    ValueTask Store(int key, int value);
    ValueTask<(int Actual, bool Loaded)> LoadOrStore(int key, int value);
    ValueTask<(int Value, bool Loaded)> LoadAndDelete(int key);
    ValueTask Delete(int key);
    ValueTask<(int Previous, bool Loaded)> Swap(int key, int value);
    ValueTask<bool> CompareAndSwap(int key, int old, int value);
    ValueTask<bool> CompareAndDelete(int key, int old);

    /// <summary>The pairs Range's callback receives, in the order it receives them.</summary>
    ValueTask<List<(int Key, int Value)>> Range();

    ValueTask Clear();
}
