using ModelCheck.Engine;

namespace ModelCheck.Models.Litmus;

public enum LitmusOpKind { Store, Load, Fence, FetchAdd, Exchange }

/// <summary>
/// One instruction of a litmus thread. <see cref="Location"/> indexes the test's locations and
/// <see cref="Register"/> its registers (-1: none); <see cref="Value"/> is what a store writes, or the
/// operand of a read-modify-write.
/// </summary>
public sealed record LitmusOp(LitmusOpKind Kind, int Location, int Value, int Register, MemoryOrder Order);

/// <summary>One conjunct of a condition: a register's value, or (Register -1) a location's final value.</summary>
public sealed record LitmusAtom(int Register, int Location, int Value);

/// <summary>
/// Allowed: some execution satisfies the condition (one is proof, however little was explored). Forbidden:
/// none does, in a complete exploration. Unknown: none did, but the exploration was cut short, which
/// proves nothing.
/// </summary>
public enum LitmusVerdict { Allowed, Forbidden, Unknown }

public static class LitmusVerdictNames
{
    public static string ToName(this LitmusVerdict verdict) => verdict switch
    {
        LitmusVerdict.Allowed => "allowed",
        LitmusVerdict.Forbidden => "forbidden",
        _ => "unknown",
    };
}

/// <summary>
/// A litmus test: a few threads of loads, stores, fences and read-modify-writes on shared locations, and
/// an "exists" condition on the final registers and memory. <see cref="Expected"/> holds the published
/// verdicts, per memory model, that a catalogue test states (with <see cref="Source"/> saying where from).
/// </summary>
public sealed record LitmusTest(
    string Name,
    IReadOnlyList<string> Locations,
    IReadOnlyList<int> Initial,
    IReadOnlyList<IReadOnlyList<LitmusOp>> Threads,
    IReadOnlyList<string> Registers,
    string ConditionText,
    IReadOnlyList<LitmusAtom> Atoms,
    IReadOnlyDictionary<MemoryModel, LitmusVerdict> Expected,
    string? Source)
{
    /// <summary>The locations whose final value the condition reads; outcomes show them after the registers.</summary>
    public IReadOnlyList<int> FinalLocations { get; } = Atoms.Where(a => a.Register < 0).Select(a => a.Location).Distinct().Order().ToList();

    public bool Holds(ReadOnlySpan<int> registers, ReadOnlySpan<int> finals)
    {
        foreach (var atom in Atoms)
            if ((atom.Register >= 0 ? registers[atom.Register] : finals[atom.Location]) != atom.Value) return false;
        return true;
    }
}
