namespace ModelCheck.Engine;

/// <summary>
/// What a load may return. <see cref="Sc"/>: the latest store. <see cref="Tso"/>: x86-TSO, with a FIFO
/// store buffer per task. <see cref="Ra"/>: the RC11 fragment (release/acquire/relaxed, seq_cst, fences)
/// without load buffering, as a view-based machine. Selected per run and recorded in traces.
/// </summary>
public enum MemoryModel : byte
{
    Sc,
    Tso,
    Ra,
}

public static class MemoryModelNames
{
    public static string ToName(this MemoryModel model) => model switch
    {
        MemoryModel.Sc => "sc",
        MemoryModel.Tso => "tso",
        MemoryModel.Ra => "ra",
        _ => throw new ArgumentOutOfRangeException(nameof(model)),
    };

    public static bool TryParse(string? name, out MemoryModel model)
    {
        foreach (var m in Enum.GetValues<MemoryModel>())
            if (m.ToName() == name) { model = m; return true; }
        model = default;
        return false;
    }

    public const string Choices = "sc, tso or ra";
}
