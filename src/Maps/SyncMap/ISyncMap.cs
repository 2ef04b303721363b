namespace ModelCheck.Maps.SyncMap;

/// <summary>
/// Go's sync.Map API (Go 1.24: every method, Clear included) over int keys and values, as both models
/// implement it: the legacy read/dirty map of Go 1.20–1.23 (<see cref="SyncMap"/>) and the Go 1.24
/// HashTrieMap. The specification stayed the same while the algorithm changed, so the recorded
/// workloads (<see cref="SyncMapOp"/>), the linearizability check and the fidelity property serve both.
/// </summary>
interface ISyncMap
{
    Task<(int Value, bool Ok)> Load(int key);
    Task Store(int key, int value);
    Task<(int Actual, bool Loaded)> LoadOrStore(int key, int value);
    Task<(int Value, bool Loaded)> LoadAndDelete(int key);
    Task Delete(int key);
    Task<(int Previous, bool Loaded)> Swap(int key, int value);
    Task<bool> CompareAndSwap(int key, int old, int value);
    Task<bool> CompareAndDelete(int key, int old);

    /// <summary>The pairs Range's callback receives, in the order it receives them.</summary>
    Task<List<(int Key, int Value)>> Range();

    Task Clear();
}
