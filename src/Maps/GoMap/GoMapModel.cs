using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// What the compiled code around a map operation does, the same for both Go map models (the classic map and
/// the Swiss table): each operation starts at a scheduling point, calls the runtime's entry point (mapassign,
/// mapaccess2, mapdelete, mapclear, or their Swiss counterparts), then tells the monitors what completed and
/// makes an observation point. An assignment stores the value into the elem slot mapassign returned after
/// mapassign has returned, outside the flagged window: a scheduling point of its own.
/// </summary>
public abstract class GoMapModel : IGoBuiltinMap
{
    private protected readonly Runtime rt;
    // How traces name the entry points of delete and clear in this model's runtime.
    readonly string deleteCall, clearCall;

    private protected GoMapModel(Runtime rt, string name, string deleteCall, string clearCall)
    {
        this.rt = rt;
        Name = name;
        (this.deleteCall, this.clearCall) = (deleteCall, clearCall);
    }

    public string Name { get; }

    /// <summary>mapassign: finds or makes the key's slot and returns its elem cell, into which the caller stores.</summary>
    private protected abstract ValueTask<Cell<int>> MapAssign(GoKey key);

    /// <summary>mapaccess2.</summary>
    private protected abstract ValueTask<(bool Found, int Value)> MapAccess(GoKey key);

    private protected abstract ValueTask MapDelete(GoKey key);

    private protected abstract ValueTask MapClear();

    /// <summary>m[key] = value.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask Assign(GoKey key, int value)
    {
        await rt.Yield();
        if (rt.IsRecording) rt.Note($"{Name}: mapassign {key} (hash {key.Hash:x16})");
        var elem = await MapAssign(key);
        if (rt.IsRecording) rt.Note($"{Name}: store {value} into {elem.Name}");
        await elem.Store(value, Plain);
        rt.Publish(new WriteFinished(this));
        rt.Publish(new KeyAssigned(this, key, value));
        Observe(operationBoundary: true);
    }

    /// <summary>v, ok := m[key].</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(bool Found, int Value)> Lookup(GoKey key)
    {
        await rt.Yield();
        var result = await MapAccess(key);
        if (rt.IsRecording) rt.Note($"{Name}: lookup({key}) -> {(result.Found ? result.Value.ToString() : "absent")}");
        rt.Publish(new KeyLookedUp(this, key, result.Found, result.Value));
        Observe(operationBoundary: true);
        return result;
    }

    /// <summary>delete(m, key).</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask Delete(GoKey key)
    {
        await rt.Yield();
        if (rt.IsRecording) rt.Note($"{Name}: {deleteCall} {key}");
        await MapDelete(key);
        rt.Publish(new WriteFinished(this));
        rt.Publish(new KeyDeleted(this, key));
        Observe(operationBoundary: true);
    }

    /// <summary>clear(m).</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask Clear()
    {
        await rt.Yield();
        if (rt.IsRecording) rt.Note($"{Name}: {clearCall}");
        await MapClear();
        rt.Publish(new MapCleared(this));
        Observe(operationBoundary: true);
    }

    /// <summary>
    /// Misuse mode (the configuration's FlagSchedulingPoints): every access of the writing flag at a check
    /// site is a scheduling point of its own, so that two goroutines' checks and toggles interleave.
    /// </summary>
    private protected abstract bool FlagSchedulingPoints { get; }

    /// <summary>Reads the writing flag's cell at a check site: inside the step, or at a scheduling point of its own in misuse mode.</summary>
    private protected CheckSiteLoad LoadAtCheckSite(Cell<byte> flag) => new(flag, FlagSchedulingPoints);

    /// <summary>Writes the writing flag's cell at a check site, as <see cref="LoadAtCheckSite"/> reads it.</summary>
    private protected CheckSiteStore StoreAtCheckSite(Cell<byte> flag, byte value) => new(flag, value, FlagSchedulingPoints);

    /// <summary>
    /// flag ^= bits at a check site, a plain read-modify-write: inside the step, where no state machine is
    /// needed (every write toggles its flag), or as two scheduling points in misuse mode.
    /// </summary>
    private protected ValueTask ToggleAtCheckSite(Cell<byte> flag, byte bits)
    {
        if (FlagSchedulingPoints) return ToggleScheduled(flag, bits);
        flag.Set((byte)(flag.Get(Plain) ^ bits), Plain);
        return default;
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    static async ValueTask ToggleScheduled(Cell<byte> flag, byte bits) =>
        await new CheckSiteStore(flag, (byte)(await new CheckSiteLoad(flag, scheduled: true) ^ bits), scheduled: true);

    public abstract ValueTask<GoRangeIterator> Range();

    public abstract int Len();

    private protected void Observe(bool operationBoundary) => rt.Publish(new ObservationPoint(this, operationBoundary));
}
