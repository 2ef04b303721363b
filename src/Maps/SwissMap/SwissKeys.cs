using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// Keys whose hash bits a Swiss-map scenario chooses: the top bits (which table the directory selects)
/// and the low bits of H1 (the group a probe starts at, hash bits 7 and up); H2 and everything else is
/// the fixed mix of the name that <see cref="GoKeys.Mixed"/> gives, so nothing depends on process state.
/// </summary>
public static class SwissKeys
{
    /// <summary>A key whose hash starts with the <paramref name="topBits"/> bits of <paramref name="top"/> and whose probe starts at group <paramref name="group"/> (of at most 2^<paramref name="groupBits"/>).</summary>
    public static GoKey With(string name, int topBits = 0, ulong top = 0, int groupBits = 0, ulong group = 0)
    {
        ulong hash = GoKeys.Mixed(name).Hash;
        if (topBits > 0)
        {
            int shift = 64 - topBits;
            hash = (hash & ~(ulong.MaxValue << shift)) | (top << shift);
        }
        if (groupBits > 0)
        {
            ulong mask = ((1UL << groupBits) - 1) << 7;
            hash = (hash & ~mask) | ((group << 7) & mask);
        }
        return new GoKey(name, hash);
    }
}
