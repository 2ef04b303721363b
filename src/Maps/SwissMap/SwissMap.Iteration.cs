using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.SwissMap;

// The map's side of iteration (Iter.Init, Iter.Next); the iterator's state is SwissIterator.
public sealed partial class SwissMap
{
    /// <summary>for k, v := range m: returns an iterator already on its first entry (Key null if none).</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public override async ValueTask<GoRangeIterator> Range()
    {
        var iterator = new SwissIterator(this);
        if (rt.IsRecording) iterators.Add(iterator);
        await iterator.Init();
        return iterator;
    }

    // Ghost: the iterators of a replay, for the state view's picture (kept only while recording).
    readonly List<SwissIterator> iterators = [];

    /// <summary>What Iter.Init records: the small group (if small), the directory length and globalDepth.</summary>
    internal (Group? Small, int DirLen, int GlobalDepth) IterSnapshot() =>
        (small.Get(Plain), dirLen.Get(Plain), globalDepth.Get(Plain));

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    internal async ValueTask CheckNoWriterDuringIteration()
    {
        if (await LoadWriting() != 0) rt.Fatal("concurrent map iteration and map write");
    }
}
