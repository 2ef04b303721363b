using System.Runtime.CompilerServices;
using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// `for k, v := range m` over either Go map model: Key and Value of the current entry (Key null once the
/// iteration has ended), and Next, one step of the loop and a scheduling point. Each model's iterator
/// supplies Advance (mapiternext, Iter.Next); producing an entry publishes it to the CM-11 monitor and
/// makes an observation point.
/// </summary>
public abstract class GoRangeIterator(IGoMap map, Runtime rt)
{
    public GoKey? Key { get; private set; }
    public int Value { get; private set; }

    /// <summary>One step of the range loop (a scheduling point).</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask Next()
    {
        if (Key is null) throw new InvalidOperationException("the iteration has ended");
        await rt.Yield();
        await Advance();
    }

    /// <summary>Moves to the next entry and produces it (or the end) with <see cref="Produce"/>.</summary>
    protected abstract ValueTask Advance();

    protected void Produce(GoKey? key, int value)
    {
        Key = key;
        Value = value;
        if (rt.IsRecording) rt.Note(key is null ? $"{map.Name}: iteration ends" : $"{map.Name}: range yields {key} = {value}");
        rt.Publish(new IterationStep(map, this, key, value));
        rt.Publish(new ObservationPoint(map, OperationBoundary: true));
    }
}

/// <summary>The built-in map's operations as both Go map models offer them, so one program (a fidelity script, a misuse scenario) runs on either.</summary>
public interface IGoBuiltinMap : IGoMap
{
    /// <summary>m[key] = value.</summary>
    ValueTask Assign(GoKey key, int value);
    /// <summary>delete(m, key).</summary>
    ValueTask Delete(GoKey key);
    /// <summary>v, ok := m[key].</summary>
    ValueTask<(bool Found, int Value)> Lookup(GoKey key);
    /// <summary>clear(m).</summary>
    ValueTask Clear();
    /// <summary>for k, v := range m: an iterator already on its first entry.</summary>
    ValueTask<GoRangeIterator> Range();
    /// <summary>len(m).</summary>
    int Len();
}
